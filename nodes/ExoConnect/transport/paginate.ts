/** Page pagination of collections (change feeds are walked in feeds.ts). */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { listLimits } from '../catalog';
import type { ApiContext, TransportOptions } from './request';
import { pageCapError } from './errors';
import { apiRequest } from './request';
import { openSession } from './session';
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
	/** page 1, already read by the caller with the same filters at the largest page size */
	firstPage?: ListPage;
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
			answer: 'list',
			itemIndex,
		},
		options,
	);
}

const settled = async <T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> =>
	await promise.then(
		(value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
		(reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
	);

/** Page requests on the wire at once after the first page: reads are idempotent, and latency dominates. */
export const PARALLEL_PAGES = 4;

/**
 * All records (limit undefined) or the first `limit`, at the largest useful page size. When the first page
 * tells the total, the pages it announces are fetched a few at a time, taken in order. The list ends only on an
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
	// the pages of one list share a session (one credential read, one gate) when the caller has none
	const paging = options?.session ? options : { ...options, session: openSession(ctx) };
	const fetchPage = async (page: number) => await listPage(ctx, resource, page, pageSize, filters, itemIndex, paging);
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

	let more = take(options?.firstPage ?? (await fetchPage(1)));
	let page = 2;
	if (more && total !== undefined) {
		const wanted = limit === undefined ? total : Math.min(total, limit);
		// a list that fills its last page exactly ends on the next (empty) page: asked with the last ones, not after
		const closing = limit === undefined && wanted % served === 0 ? 1 : 0;
		const lastPage = Math.min(maxPages, Math.ceil(wanted / served) + closing);
		const closingPage = closing && lastPage === Math.ceil(wanted / served) + 1 ? lastPage : undefined;
		// a few requests on the wire at once, each asking the next page as soon as its own answer is in;
		// a short or empty page (the total was too large) or a failure stops the asking. The closing page
		// is asked first: its tiny answer is then in before the last full page's, never after it.
		const order = Array.from({ length: lastPage - page + 1 }, (_, i) => page + i);
		if (closingPage !== undefined && order.length > 1) order.unshift(order.pop() as number);
		const answers = new Map<number, PromiseSettledResult<ListPage>>();
		let nextToAsk = 0;
		let stop = false;
		const asker = async () => {
			while (!stop && nextToAsk < order.length) {
				const asked = order[nextToAsk++];
				const answer = await settled(fetchPage(asked));
				answers.set(asked, answer);
				// the closing page is expected empty, and its failure is thrown when the records reach it
				if (asked === closingPage) continue;
				if (answer.status === 'rejected' || !Array.isArray(answer.value.items) || answer.value.items.length < served) stop = true;
			}
		};
		// every request asked settles before an error is thrown: none is left running behind
		await Promise.all(Array.from({ length: PARALLEL_PAGES }, asker));
		for (; more && answers.has(page); page++) {
			const answer = answers.get(page) as PromiseSettledResult<ListPage>;
			if (answer.status === 'rejected') throw answer.reason;
			more = take(answer.value);
		}
	}
	// no total, or a total that was too small: one page at a time until the list ends
	for (; more && page <= maxPages; page++) more = take(await fetchPage(page));
	if (more) throw pageCapError(ctx.getNode(), resource, maxPages, records.length, itemIndex);
	return limit === undefined ? records : records.slice(0, limit);
}
