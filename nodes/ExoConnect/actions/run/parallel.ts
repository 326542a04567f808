/**
 * Runs the items of one execution a few at a time, keeping the output in input order. Items start in
 * input order; once one fails (and Continue On Fail is off) no further item starts, the ones already
 * running finish, and the first failure in input order is the one reported — no write is left running
 * behind a stopped node.
 */
import type { IDataObject } from 'n8n-workflow';

import { resourceByValue } from '../../catalog';
import { defaultParallelWrites, Operation, OptionName } from '../../descriptions';
import { itemChoice } from './itemParameter';
import type { RunContext } from './runContext';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	stopOnError: boolean,
	/** called at once when an item fails, before the items still running finish */
	onFailure?: () => void,
): Promise<Array<Outcome<T> | undefined>> {
	const outcomes: Array<Outcome<T> | undefined> = new Array(count);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !(stopOnError && failed)) {
			const index = next++;
			try {
				outcomes[index] = { ok: true, value: await task(index) };
			} catch (error) {
				outcomes[index] = { ok: false, error };
				failed = true;
				onFailure?.();
			}
		}
	};
	const workers = Math.max(1, Math.min(concurrency, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return outcomes;
}

/** Records written at once unless the user says otherwise: a small number the relay's rate limit tolerates. */
export const MAX_PARALLEL_WRITES = 16;

export interface ItemConcurrency {
	/** items under way at once */
	items: number;
	/** requests on the wire at once (the Parallel Writes option); undefined: no limit beyond `items` */
	requests?: number;
}

/**
 * How items run: Create and Update run Parallel Writes items at once (a stop on error leaves at most that
 * many started). Create or Update, which may be run again safely, prepares further ahead — reading and
 * comparing the next items while Parallel Writes requests are on the wire — so that the unchanged items in
 * between never hold a write back. Everything else runs one item at a time.
 */
export function itemConcurrency(run: RunContext): ItemConcurrency {
	const { ctx } = run;
	if (ctx.getInputData().length < 2) return { items: 1 };
	const operation = itemChoice(run, 'operation', 0, '');
	if (!WRITE_OPERATIONS.includes(operation)) return { items: 1 };
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const fallback = defaultParallelWrites(resourceByValue(itemChoice(run, 'resource', 0, '')), operation);
	const wanted = Number(options[OptionName.parallelWrites] ?? fallback);
	const writes = Number.isInteger(wanted) && wanted >= 1 ? Math.min(wanted, MAX_PARALLEL_WRITES) : fallback;
	if (operation !== Operation.upsert || writes === 1) return { items: writes };
	return { items: writes * PREPARED_AHEAD, requests: writes };
}

/** Items Create or Update prepares per request slot. */
const PREPARED_AHEAD = 4;

const WRITE_OPERATIONS: string[] = [Operation.create, Operation.update, Operation.upsert];
