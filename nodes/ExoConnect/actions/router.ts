/**
 * Runs the chosen operation for every input item. Record operations are looked up in the catalog, so no
 * resource has code of its own; each output item is paired with its input item, and a failing item either
 * stops the node or, with "Continue On Fail", becomes an error item while the others go on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { offers, resourceByValue } from '../catalog';
import { catalogOperation, HELPER, Operation, SYSTEM } from '../descriptions';
import { getChangesOperation, getEntitiesOperation, getSdkWindowsOperation, getStatusOperation } from './helpers';
import { createRecord, getManyRecords, getRecord, updateRecord } from './records';

type RecordOperation = (ctx: IExecuteFunctions, resource: ResourceDef, itemIndex: number) => Promise<IDataObject[]>;
type PlainOperation = (ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

const recordOperations: Record<string, RecordOperation> = {
	[Operation.create]: createRecord,
	[Operation.get]: getRecord,
	[Operation.getMany]: getManyRecords,
	[Operation.update]: updateRecord,
};

const plainOperations: Record<string, Record<string, PlainOperation>> = {
	[HELPER]: { [Operation.getChanges]: getChangesOperation, [Operation.getEntities]: getEntitiesOperation },
	[SYSTEM]: { [Operation.getStatus]: getStatusOperation, [Operation.getSdkWindows]: getSdkWindowsOperation },
};

function pickOperation(ctx: IExecuteFunctions, resourceValue: string, operation: string, itemIndex: number): PlainOperation {
	const plain = plainOperations[resourceValue]?.[operation];
	if (plain) return plain;
	const resource = resourceByValue(resourceValue);
	const run = recordOperations[operation];
	if (!resource || !run) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not available for "${resourceValue}"`, { itemIndex });
	}
	if (operation === Operation.update && !resource.update) {
		throw new NodeOperationError(ctx.getNode(), `${resource.pluralName} cannot be updated in Acomba`, {
			itemIndex,
			description: resource.document
				? 'Acomba keeps invoices as they were issued. Issue a credit note or a new invoice instead.'
				: 'Acomba keeps ledger entries as they were written. Write a new entry (a credit, for instance) instead.',
		});
	}
	// the catalog says which operations the resource's routes support
	if (!offers(resource, catalogOperation[operation])) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not available for ${resource.pluralName.toLowerCase()}`, {
			itemIndex,
			description: 'ExoConnect documents no route for it. Choose the operation again in the node.',
		});
	}
	return async (context, index) => await run(context, resource, index);
}

/** Errors of ours already say what to do; anything else is wrapped so n8n shows the item. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

export async function route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = ctx.getNodeParameter('resource', itemIndex) as string;
			const operation = ctx.getNodeParameter('operation', itemIndex) as string;
			const results = await pickOperation(ctx, resource, operation, itemIndex)(ctx, itemIndex);
			for (const json of results) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (ctx.continueOnFail()) {
				const failure = error as NodeApiError | NodeOperationError;
				output.push({
					json: { error: failure.message, ...(failure.description ? { description: failure.description } : {}) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw asNodeError(ctx, error, itemIndex);
		}
	}
	return [output];
}
