/** Page pagination of collections and cursor pagination of the updates helper. */
import type { IDataObject } from 'n8n-workflow';

import type { EntityKey, ResourceDef } from '../catalog';
import { listLimits, routes, updatesLimits } from '../catalog';
import type { ApiContext, TransportOptions } from './request';
import { pageCapError } from './errors';
import { apiRequest } from './request';
import { collectionRoute } from './urls';

export interface ListPage {
	items: IDataObject[];
	page: number;
	page_size: number;
	total?: number;
	total_pages?: number;
}

/** A server that keeps answering full pages forever must not hang a workflow. */
export const MAX_PAGES = 5_000;

export interface ListOptions extends TransportOptions {
	/** lowers MAX_PAGES (tests) */
	maxPages?: number;
}

export async function listPage(
	ctx: ApiContext,
	resource: ResourceDef,
	page: number,
	pageSize: number,
	filters: IDataObject = {},
	itemIndex?: number,
	options?: TransportOptions,
): Promise<ListPage> {
	return await apiRequest<ListPage>(
		ctx,
		{
			method: 'GET',
			route: collectionRoute(resource),
			qs: { ...filters, page, page_size: pageSize },
			resource,
			itemIndex,
		},
		options,
	);
}

/** Pages fetched at once once the total is known: reads are idempotent, and latency dominates. */
export const PARALLEL_PAGES = 4;

/**
 * All records (limit undefined) or the first `limit`, at the largest useful page size. When the first page
 * tells the total, the pages it announces are fetched a few at a time, in order. The list ends only on an
 * empty or a short page (or once `limit` records arrived): a `total` or `total_pages` that is too small
 * must not lose records, so a full page is always followed by another request. A list still going at
 * MAX_PAGES is an error, never a list silently cut short.
 */
export async function listRecords(
	ctx: ApiContext,
	resource: ResourceDef,
	filters: IDataObject,
	limit: number | undefined,
	itemIndex?: number,
	options?: ListOptions,
): Promise<IDataObject[]> {
	const pageSize = Math.min(limit ?? listLimits.maxPageSize, listLimits.maxPageSize);
	const maxPages = options?.maxPages ?? MAX_PAGES;
	const fetchPage = async (page: number) => await listPage(ctx, resource, page, pageSize, filters, itemIndex, options);
	const records: IDataObject[] = [];
	let served = pageSize;
	let total: number | undefined;

	/** Adds one page; false when it was the last one. */
	const take = (answer: ListPage): boolean => {
		const items = Array.isArray(answer.items) ? answer.items : [];
		for (const item of items) records.push(item);
		if (typeof answer.total === 'number') total = answer.total;
		// a server with a lower page size cap than ours says so in page_size: its full pages are not short
		if (typeof answer.page_size === 'number' && answer.page_size > 0) served = Math.min(answer.page_size, pageSize);
		const reachedLimit = limit !== undefined && records.length >= limit;
		return !(items.length === 0 || items.length < served || reachedLimit);
	};

	let more = take(await fetchPage(1));
	let page = 2;
	if (more && total !== undefined) {
		const wanted = limit === undefined ? total : Math.min(total, limit);
		const lastPage = Math.min(maxPages, Math.ceil(wanted / served));
		while (more && page <= lastPage) {
			const batch = Array.from({ length: Math.min(PARALLEL_PAGES, lastPage - page + 1) }, (_, i) => page + i);
			// every request of the batch settles before an error is thrown: none is left running behind
			const settled = await Promise.allSettled(batch.map(fetchPage));
			for (const result of settled) {
				if (result.status === 'rejected') throw result.reason;
				page++;
				more = take(result.value);
				if (!more) break;
			}
		}
	}
	// no total, or a total that was too small: one page at a time until the list ends
	for (; more && page <= maxPages; page++) more = take(await fetchPage(page));
	if (more) throw pageCapError(ctx.getNode(), resource, maxPages, records.length, itemIndex);
	return limit === undefined ? records : records.slice(0, limit);
}

export interface Change {
	entity: EntityKey;
	id: number;
	code: string;
	event: 'created' | 'updated' | 'deleted';
	modified_at: string;
	record: IDataObject | null;
}

export interface Cursor {
	since?: string;
	cursor_id?: number;
}

export interface ChangesPage {
	items: Change[];
	count: number;
	has_more: boolean;
	next_cursor: Cursor;
}

export interface ChangesQuery {
	entity: EntityKey;
	cursor: Cursor;
	includeRecord: boolean;
	/** page size, at most updatesLimits.maxLimit */
	limit?: number;
	/** for errors: the input item the call is made for */
	itemIndex?: number;
}

export async function getChanges(
	ctx: ApiContext,
	query: ChangesQuery,
	options?: TransportOptions,
): Promise<ChangesPage> {
	const qs: IDataObject = {
		entity: query.entity,
		limit: Math.min(query.limit ?? updatesLimits.defaultLimit, updatesLimits.maxLimit),
		include_record: query.includeRecord,
	};
	if (query.cursor.since) qs.since = query.cursor.since;
	if (query.cursor.cursor_id !== undefined) qs.cursor_id = query.cursor.cursor_id;
	return await apiRequest<ChangesPage>(
		ctx,
		{ method: 'GET', route: routes.updates, qs, itemIndex: query.itemIndex },
		options,
	);
}

/**
 * Pages of changes after `cursor`, each request continuing from the previous page's next_cursor, until
 * the server has no more or `maxChanges` were yielded. A failing page throws after the earlier pages
 * were yielded, so the caller can keep what it already has.
 */
export async function* changePages(
	ctx: ApiContext,
	query: ChangesQuery,
	maxChanges: number,
	options?: TransportOptions,
): AsyncGenerator<ChangesPage> {
	let cursor = query.cursor;
	let remaining = maxChanges;
	while (remaining > 0) {
		const limit = Math.min(remaining, query.limit ?? updatesLimits.maxLimit, updatesLimits.maxLimit);
		const page = await getChanges(ctx, { ...query, cursor, limit }, options);
		const items = Array.isArray(page.items) ? page.items : [];
		yield { ...page, items };
		remaining -= items.length;
		if (!page.has_more || items.length === 0) return;
		cursor = page.next_cursor;
	}
}
