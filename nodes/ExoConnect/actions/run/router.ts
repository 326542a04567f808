/**
 * Runs the chosen operation for every input item. Record operations are looked up in the catalog, so no
 * resource has code of its own; each output item is paired with its input item, and a failing item either
 * stops the node or, with "Continue On Fail", becomes an error item while the others go on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { offers, resourceByValue, supportsUpsert } from '../../catalog';
import { catalogOperation, HELPER, Operation, SYSTEM } from '../../descriptions';
import { checkCompatibilityOperation } from '../operations/compatibility';
import { itemChoice } from './itemParameter';
import { getChangesOperation, getEntitiesOperation, getSdkWindowsOperation, getStatusOperation } from '../operations/helpers';
import { itemConcurrency, runInOrder } from './parallel';
import type { ItemRun } from './stoppedRun';
import { notStarted, stoppedRunError } from './stoppedRun';
import type { RunContext } from './runContext';
import { startRun } from './runContext';
import { createRecord, getManyRecords, getRecord, updateRecord } from '../operations/records';
import { upsertRecord } from '../operations/upsert';

type RecordOperation = (run: RunContext, resource: ResourceDef, itemIndex: number) => Promise<IDataObject[]>;
type ItemOperation = (run: RunContext, itemIndex: number) => Promise<IDataObject[]>;

const recordOperations: Record<string, RecordOperation> = {
	[Operation.create]: createRecord,
	[Operation.get]: getRecord,
	[Operation.getMany]: getManyRecords,
	[Operation.update]: updateRecord,
	[Operation.upsert]: upsertRecord,
};

const plainOperations: Record<string, Record<string, ItemOperation>> = {
	[HELPER]: { [Operation.getChanges]: getChangesOperation, [Operation.getEntities]: getEntitiesOperation },
	[SYSTEM]: {
		[Operation.getStatus]: getStatusOperation,
		[Operation.getSdkWindows]: getSdkWindowsOperation,
		[Operation.checkCompatibility]: checkCompatibilityOperation,
	},
};

function pickOperation(ctx: IExecuteFunctions, resourceValue: string, operation: string, itemIndex: number): ItemOperation {
	const plain = plainOperations[resourceValue]?.[operation];
	if (plain) return plain;
	const resource = resourceByValue(resourceValue);
	const operate = recordOperations[operation];
	if (!resource || !operate) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not available for "${resourceValue}"`, { itemIndex });
	}
	if ((operation === Operation.update || operation === Operation.upsert) && !resource.update) {
		throw new NodeOperationError(ctx.getNode(), `${resource.pluralName} cannot be updated in Acomba`, {
			itemIndex,
			description: resource.document
				? 'Acomba keeps invoices as they were issued. Issue a credit note or a new invoice instead.'
				: 'Acomba keeps ledger entries as they were written. Write a new entry (a credit, for instance) instead.',
		});
	}
	// the catalog says which operations the resource's routes support
	const offered = operation === Operation.upsert ? supportsUpsert(resource) : offers(resource, catalogOperation[operation]);
	if (!offered) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not available for ${resource.pluralName.toLowerCase()}`, {
			itemIndex,
			description: 'ExoConnect documents no route for it. Choose the operation again in the node.',
		});
	}
	return async (run, index) => await operate(run, resource, index);
}

/** Errors of ours already say what to do; anything else is wrapped so n8n shows the item. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export async function route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	// writes go a few at a time (Parallel Writes); the output stays in input order, each item paired with its own
	const run = startRun(ctx);
	const concurrency = itemConcurrency(run);
	const gate = run.api.session.gate;
	if (concurrency.requests) gate.limitTo(concurrency.requests);
	const runs: Array<ItemRun | undefined> = new Array(items.length);
	const outcomes = await runInOrder(
		items.length,
		concurrency.items,
		async (itemIndex) => {
			const resource = itemChoice(run, 'resource', itemIndex);
			const operation = itemChoice(run, 'operation', itemIndex);
			runs[itemIndex] = { resource, operation };
			return await pickOperation(ctx, resource, operation, itemIndex)(run, itemIndex);
		},
		!continueOnFail,
		// the node will stop: the writes on the wire finish, no new one is sent
		() => {
			if (!continueOnFail) gate.stopWrites();
		},
	);
	if (!continueOnFail) {
		// the first failure in input order is reported, with every record the other items wrote
		const failed = outcomes.findIndex((outcome) => outcome?.ok === false && !notStarted(outcome));
		if (failed >= 0) {
			const outcome = outcomes[failed] as { ok: false; error: unknown };
			throw stoppedRunError(asNodeError(ctx, outcome.error, failed), failed, outcomes, runs);
		}
	}
	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (!outcome) return;
		if (outcome.ok) {
			for (const json of outcome.value) output.push({ json, pairedItem: { item: itemIndex } });
			return;
		}
		const failure = outcome.error as NodeApiError | NodeOperationError;
		output.push({
			json: { error: failure.message, ...(failure.description ? { description: failure.description } : {}) },
			pairedItem: { item: itemIndex },
		});
	});
	return [output];
}
