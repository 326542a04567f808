/**
 * The one keyset walker of every change feed (the updates helper and the `…/extract` routes): each request
 * continues from the previous page's `next_cursor`, and every feed's answer is read into the same Change.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FeedDef } from '../catalog';
import { updatesLimits } from '../catalog';
import type { ApiContext, TransportOptions } from './request';
import { apiRequest } from './request';

/** A position in a feed: the (modified_at, id) of the last change read. Empty: before the oldest change. */
export interface Keyset {
	at?: string;
	id?: number;
}

/** `changed`: an extract feed cannot tell a creation from an update, and we do not guess. */
export type ChangeEvent = 'created' | 'updated' | 'deleted' | 'changed';

/** One change, whichever feed it came from: also what the trigger and Helper › Get Changes output. */
export interface Change {
	entity: string;
	id: number;
	code: string;
	event: ChangeEvent;
	modified_at: string;
	record: IDataObject | null;
}

export interface FeedPage {
	changes: Change[];
	hasMore: boolean;
	/** where the next request starts */
	next: Keyset;
	/** whether the answer was a feed's JSON (an object with an `items` list), not a page from elsewhere */
	recognised: boolean;
}

export interface FeedQuery {
	feed: FeedDef;
	/** start strictly after this keyset; a keyset without id means "at or after `at`" */
	from: Keyset;
	/** where the feed has a switch: whether items carry the full record */
	includeRecord?: boolean;
	/** the feed's own filters, sent with every page */
	filters?: IDataObject;
	/** for errors: the input item the call is made for */
	itemIndex?: number;
	/**
	 * A wider request whose answer holds the page after `from` (its changes up to `from` are dropped), e.g.
	 * one asked from an earlier `since` so that its events are judged against that time. Undefined, or an
	 * answer with nothing after `from` that is not the feed's end: the page is asked strictly after `from`.
	 * `probe`: ask strictly after `from` first, and the wider request only when that page is not empty.
	 */
	widen?: (from: Keyset, size: number) => WiderRequest | undefined;
}

export interface WiderRequest {
	from: Keyset;
	limit: number;
	probe?: boolean;
}

const asNumber = (value: unknown): number | undefined => {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : undefined;
};
const asText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** An extract item is the full record; its keyset is in `sync.cursor` [doc], else its own id and time. */
function extractChange(feed: FeedDef, record: IDataObject): Change {
	const sync = (record.sync as IDataObject | undefined)?.cursor as IDataObject | undefined;
	const metadata = record.metadata as IDataObject | undefined;
	const status = record.status as IDataObject | undefined;
	return {
		entity: feed.entity,
		id: asNumber(sync?.card_pos) ?? asNumber(record.id) ?? 0,
		code: String(record.code ?? ''),
		event: status?.is_deleted === true ? 'deleted' : 'changed',
		modified_at: asText(sync?.modified_at) ?? asText(metadata?.updated_at) ?? asText(record.updated_at) ?? '',
		record,
	};
}

function updatesChange(feed: FeedDef, item: IDataObject): Change {
	return {
		entity: String(item.entity ?? feed.entity),
		id: asNumber(item.id) ?? 0,
		code: String(item.code ?? ''),
		event: (item.event as ChangeEvent | undefined) ?? 'updated',
		modified_at: String(item.modified_at ?? ''),
		record: (item.record as IDataObject | null | undefined) ?? null,
	};
}

/** The request's query: the feed's fixed parameters, the filters, the cursor and the page size. */
function feedQuery(query: FeedQuery, from: Keyset, limit: number): IDataObject {
	const { feed } = query;
	const qs: IDataObject = { ...feed.fixed, ...(query.filters ?? {}), limit };
	if (feed.recordSwitch) qs[feed.recordSwitch] = query.includeRecord !== false;
	if (from.at !== undefined) {
		qs[feed.keyset.at] = from.at;
		// ids start at 1: 0 means "at or after `at`" whichever way a server reads a missing id (§5.1)
		qs[feed.keyset.id] = from.id ?? 0;
	}
	return qs;
}

/** One page of a feed after `from`, at most `limit` changes (capped at the feed's maximum). */
export async function feedPage(
	ctx: ApiContext,
	query: FeedQuery,
	from: Keyset,
	limit: number,
	options?: TransportOptions,
): Promise<FeedPage> {
	const size = Math.max(1, Math.min(Math.floor(limit), updatesLimits.maxLimit));
	const answer = await apiRequest<IDataObject>(
		ctx,
		{ method: 'GET', route: query.feed.route, qs: feedQuery(query, from, size), itemIndex: query.itemIndex },
		options,
	);
	const recognised = typeof answer === 'object' && answer !== null && Array.isArray(answer.items);
	const items = recognised ? (answer.items as IDataObject[]) : [];
	const read = query.feed.kind === 'extract' ? extractChange : updatesChange;
	const changes = items.map((item) => read(query.feed, item));
	const last = changes.at(-1);
	const cursor = (answer.next_cursor ?? {}) as IDataObject;
	const { nextAt, nextId } = query.feed.keyset;
	// next_cursor is the contract's; the last item's keyset is the same place when a server leaves it out
	const next: Keyset = {
		at: asText(cursor[nextAt]) ?? last?.modified_at ?? from.at,
		id: asNumber(cursor[nextId]) ?? last?.id ?? from.id,
	};
	return { changes, hasMore: recognised && answer.has_more === true, next, recognised };
}

/**
 * Pages of a feed, each request starting where the previous page ended, until the feed has no more, a
 * page comes back empty, or `pageSize()` (asked before each request) says 0. A failing page throws
 * after the earlier pages were yielded, so a caller keeps what it already has.
 */
export async function* walkFeed(
	ctx: ApiContext,
	query: FeedQuery,
	pageSize: () => number,
	options?: TransportOptions,
): AsyncGenerator<FeedPage> {
	let from = query.from;
	for (;;) {
		const size = pageSize();
		if (size <= 0) return;
		const page = await pageAfter(ctx, query, from, size, options);
		yield page;
		if (!page.hasMore || page.changes.length === 0) return;
		from = page.next;
	}
}

/** The page after `from`, through the query's wider request when it has one that reaches past `from`. */
async function pageAfter(ctx: ApiContext, query: FeedQuery, from: Keyset, size: number, options?: TransportOptions): Promise<FeedPage> {
	const wider = query.widen?.(from, size);
	if (wider) {
		const probed = wider.probe ? await feedPage(ctx, query, from, size, options) : undefined;
		if (probed && probed.changes.length === 0) return probed;
		const page = await feedPage(ctx, query, wider.from, wider.limit, options);
		const after = page.changes.filter((c) => !atOrBefore(from, c.modified_at, c.id));
		if (after.length > size) {
			const last = after[size - 1];
			return { ...page, changes: after.slice(0, size), hasMore: true, next: { at: last.modified_at, id: last.id } };
		}
		if (after.length > 0 || !page.hasMore) return { ...page, changes: after };
		if (probed) return probed;
	}
	return await feedPage(ctx, query, from, size, options);
}

/** Whether (at, id) is at or before the keyset `mark`, in the feeds' (modified_at, id) order. */
export function atOrBefore(mark: Keyset, at: string, id: number): boolean {
	if (mark.at === undefined) return false;
	const a = Date.parse(at);
	const b = Date.parse(mark.at);
	// a mark without id sits just before its second, as a request without id starts (see feedQuery)
	return a < b || (a === b && id <= (mark.id ?? 0));
}
