/**
 * What a run that stops on a failing item tells the user. With Parallel Writes, other items are on the
 * wire when one fails: they finish, and the error names every record they wrote (code and ID), so that
 * nobody runs those items again and writes them twice. Items held back never wrote anything.
 */
import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resourceByValue } from '../../catalog';
import { Operation } from '../../descriptions';
import { WriteNotStarted } from '../../transport';
import type { Outcome } from './parallel';

/** The resource and operation an item ran. */
export interface ItemRun {
	resource: string;
	operation: string;
}

const WRITES: string[] = [Operation.create, Operation.update, Operation.upsert];

/** Whether the item never ran, or its write was held back because the run was stopping. */
export function notStarted(outcome: Outcome<unknown> | undefined): boolean {
	return !outcome || (!outcome.ok && outcome.error instanceof WriteNotStarted);
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** "item 3: sales order 00012 (ID 57), created" for each record an item wrote; nothing for a read or an unchanged record. */
function writtenBy(run: ItemRun, itemIndex: number, output: IDataObject[]): string[] {
	if (!WRITES.includes(run.operation)) return [];
	const noun = resourceByValue(run.resource)?.displayName.toLowerCase() ?? 'record';
	const done = run.operation === Operation.create ? 'created' : 'updated';
	return output
		// a Preview (dry run) writes nothing, whatever action it plans
		.filter((json) => json.preview !== true)
		.filter((json) => run.operation !== Operation.upsert || json.action === 'created' || json.action === 'updated')
		.map((json) => {
			// a document Create or Update did not read back shows its reference, not yet its number
			const reference = text(json.reference);
			const code = text(json.code) ?? (reference === undefined ? undefined : `with reference ${reference}`);
			const id = text(json.id ?? json.created_id ?? json.updated_id);
			const names = [code, id === undefined ? undefined : `(ID ${id})`].filter(Boolean).join(' ');
			return `item ${itemIndex + 1}: ${noun}${names ? ` ${names}` : ''}, ${text(json.action) ?? done}`;
		});
}

const itemList = (indexes: number[]) =>
	indexes.length > 10 ? `${indexes.slice(0, 10).map((i) => i + 1).join(', ')} and ${indexes.length - 10} more` : indexes.map((i) => i + 1).join(', ');

/**
 * The error of the first failing item, its description completed with what the rest of the run did:
 * the records written (not to be run again), and the items not run.
 */
export function stoppedRunError<E extends NodeApiError | NodeOperationError>(
	error: E,
	failedIndex: number,
	outcomes: Array<Outcome<IDataObject[]> | undefined>,
	runs: Array<ItemRun | undefined>,
): E {
	if (outcomes.length < 2) return error;
	const written: string[] = [];
	const idle: number[] = [];
	const failed: number[] = [];
	// a plain loop: the items never started are holes that forEach would skip
	for (let index = 0; index < outcomes.length; index++) {
		const outcome = outcomes[index];
		const run = runs[index];
		if (index === failedIndex) continue;
		if (notStarted(outcome)) idle.push(index);
		else if (!outcome?.ok) failed.push(index);
		else if (run) written.push(...writtenBy(run, index, outcome.value));
	}
	const lines: string[] = error.description ? [error.description, ''] : [];
	if (written.length) {
		lines.push(
			`Before the node stopped, other items wrote ${written.length === 1 ? 'this record' : `these ${written.length} records`} in Acomba:`,
			...written.map((line) => `• ${line}`),
			'Do not run those items again: each would be written a second time. Run only the items that were not written, or use Create or Update matched on a key (the Reference for documents), which finds what a run already wrote and writes nothing twice.',
		);
	} else {
		lines.push('No other item of this run wrote anything in Acomba.');
	}
	if (failed.length) lines.push(`Also failed: item${failed.length === 1 ? '' : 's'} ${itemList(failed)}.`);
	if (idle.length) lines.push(`Not run, because the node stopped: item${idle.length === 1 ? '' : 's'} ${itemList(idle)}.`);
	error.description = lines.join('\n');
	return error;
}
