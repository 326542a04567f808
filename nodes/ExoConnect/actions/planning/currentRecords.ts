/**
 * The current record of each item a Create or Update writes, found by its key (the code, or the key the
 * catalog names, such as a sales order's reference). With many items, one list of full records costs fewer
 * requests than one lookup per item: the node learns the list's size from its first page and reads the
 * whole list when its pages are fewer than the items, else looks each record up. The list is read once
 * per run and shared by every item; a key written during the run is looked up again, never from the list.
 * A key without a lookup route is searched in the list (keyInList.ts).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { MatchKey, ResourceDef } from '../../catalog';
import { fieldOf, listLimits } from '../../catalog';
import { fieldValue } from '../../recordShape';
import { apiRequest, helperError, listPage, listRecords, recordRoute } from '../../transport';
import { inputError } from '../input/input';
import { findKeyInList } from './keyInList';

/** A key value as compared: codes as strings (`42` and "42" are one sales rep), outer spaces ignored. */
export function keyText(value: unknown): string | undefined {
	if (value === undefined || value === null || typeof value === 'object') return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

import type { ListIndex, RunContext } from '../run/runContext';

/**
 * From this many items on, the list's first page of full records is read at once instead of its size: it
 * starts the list, and it is wasted only when the list has more pages than there are items (a page read
 * for nothing among that many lookups). Fewer items ask the size (one tiny record) first.
 */
const FIRST_PAGE_FROM = 50;

async function readIndex(run: RunContext, resource: ResourceDef, key: MatchKey): Promise<ListIndex | undefined> {
	const { ctx, api } = run;
	const items = ctx.getInputData().length;
	if (items < 2) return undefined;
	const full = { brief: false };
	const first = items >= FIRST_PAGE_FROM ? await listPage(ctx, resource, 1, listLimits.maxPageSize, full, 0, api) : undefined;
	const size = first ?? (await listPage(ctx, resource, 1, 1, { brief: true }, 0, api));
	const total = typeof size.total === 'number' ? size.total : undefined;
	if (total === undefined || Math.ceil(total / listLimits.maxPageSize) >= items) return undefined;
	const field = fieldOf(resource, key.field);
	const records = new Map<string, IDataObject[]>();
	for (const record of await listRecords(ctx, resource, full, undefined, 0, { ...api, firstPage: first })) {
		const text = keyText(field ? fieldValue(record, field) : record[key.field]);
		if (text !== undefined) records.set(text, [...(records.get(text) ?? []), record]);
	}
	return { records, written: new Set() };
}

/** The run's list of `resource` by `key`, read at most once (undefined: look records up one by one). */
async function indexOf(run: RunContext, resource: ResourceDef, key: MatchKey): Promise<ListIndex | undefined> {
	const id = `${resource.key}:${key.field}`;
	let index = run.listIndexes.get(id);
	if (!index) run.listIndexes.set(id, (index = readIndex(run, resource, key)));
	return await index;
}

const isStatus = (error: unknown, status: string) => error instanceof NodeApiError && error.httpCode === status;

async function lookUp(run: RunContext, resource: ResourceDef, key: MatchKey, value: string, item: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	if (key.filter) return await findKeyInList(run, resource, key, value, item, itemIndex);
	try {
		return [await apiRequest(ctx, { method: 'GET', route: recordRoute(resource, 'code', value), resource, lookup: { by: 'code', key: value }, itemIndex, answer: 'record' }, run.api)];
	} catch (error) {
		if (isStatus(error, '404')) return [];
		throw helperError(ctx.getNode(), error, itemIndex);
	}
}

/**
 * The record holding `value`, or undefined when there is none. Two records holding one reference are an
 * error: writing either could be wrong, and creating a third would be worse. `item`: the fields the item
 * gives (a document's party and date narrow the search of a key without a lookup route).
 */
export async function currentRecord(
	run: RunContext,
	resource: ResourceDef,
	key: MatchKey,
	value: string,
	itemIndex: number,
	item: IDataObject = {},
): Promise<IDataObject | undefined> {
	const { ctx } = run;
	const index = await indexOf(run, resource, key);
	const found = index && !index.written.has(value) ? (index.records.get(value) ?? []) : await lookUp(run, resource, key, value, item, itemIndex);
	if (found.length > 1) {
		const label = fieldOf(resource, key.field)?.displayName ?? key.field;
		throw inputError(
			ctx,
			resource,
			[{ path: [label], message: `${found.length} ${resource.pluralName.toLowerCase()} have the ${label.toLowerCase()} "${value}" (IDs ${found.map((r) => String(r.id)).join(', ')})` }],
			itemIndex,
			`Create or Update writes only when exactly one ${resource.displayName.toLowerCase()} matches, or none does. Correct the duplicates in Acomba, or update the one you mean with Update.`,
		);
	}
	return found[0];
}

/** After a write under `value`, later items with the same key look it up instead of trusting the list. */
export async function markWritten(run: RunContext, resource: ResourceDef, key: MatchKey, value: string): Promise<void> {
	// a list not read (yet) holds nothing to forget
	const index = await run.listIndexes.get(`${resource.key}:${key.field}`);
	index?.written.add(value);
}

/**
 * Items of one run that share a key are written one after the other: the second sees what the first
 * wrote, so a web order delivered twice in one batch still makes one sales order.
 */
export async function oneAtATime<T>(run: RunContext, id: string, write: () => Promise<T>): Promise<T> {
	const perRun = run.keyLocks;
	const before = perRun.get(id) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(write);
	perRun.set(id, mine);
	try {
		return await mine;
	} finally {
		if (perRun.get(id) === mine) perRun.delete(id);
	}
}
