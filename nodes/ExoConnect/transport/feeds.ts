/**
 * The one keyset walker of every change feed (the updates helper and the `…/extract` routes): each request
 * continues from the previous page's `next_cursor`, and every feed's answer is read into the same Change.
 * The updates helper's `entity` parameter is [inferred]: a server that ignored it would answer every
 * entity's changes, so only the asked entity's are kept, while the walk moves over the others.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FeedDef } from '../catalog';
import { resourceByKey, updatesLimits } from '../catalog';
import { decimalFromText } from '../userInput';
import { feedCapError } from './errors';
import type { ApiContext, TransportOptions } from './request';
import { apiRequest } from './request';
import { openSession } from './session';

/**
 * A feed still going after this many pages fails rather than being read forever, as lists do (MAX_PAGES):
 * 5,000 pages of 500 changes. The trigger reads far fewer per poll (Max Changes per Poll).
 */
export const MAX_FEED_PAGES = 5_000;

export interface FeedOptions extends TransportOptions {
	/** lowers MAX_FEED_PAGES (tests) */
	maxPages?: number;
}

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
	/** the asked entity's changes (another entity's, from a server that ignored `entity`, are left out) */
	changes: Change[];
	hasMore: boolean;
	/** where the next request starts */
	next: Keyset;
	/** how many items the server answered, whatever their entity: 0 is the feed's end */
	scanned: number;
	/**
	 * A page ending on another entity's change (a server that ignored `entity`): how far it surely covers the
	 * asked entity, one id before that change, since ids are each entity's own and a change of the asked
	 * entity may share its keyset and come just after it.
	 */
	passed?: Keyset;
	/** changes the answer held after this page's first `size`, left for the next request (their events hold as the page's do) */
	unread?: Change[];
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

/** A number of the answer (an id, a card_pos), read as the node reads numbers everywhere: "0x10" is none. */
const asNumber = (value: unknown): number | undefined => {
	const n = typeof value === 'number' ? value : typeof value === 'string' ? decimalFromText(value) : undefined;
	return n !== undefined && Number.isFinite(n) ? n : undefined;
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

/**
 * Whether a change is another entity's: it names an entity of the catalog that is not the feed's. An entity
 * written some other way is kept, so that a server spelling it differently never has every change dropped.
 */
const isForeign = (feed: FeedDef, change: Change): boolean => change.entity !== feed.entity && resourceByKey(change.entity) !== undefined;

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
		{ method: 'GET', route: query.feed.route, qs: feedQuery(query, from, size), itemIndex: query.itemIndex, answer: 'list' },
		options,
	);
	// the transport refused an answer without `items` (answer: 'list')
	const items = answer.items as IDataObject[];
	const read = query.feed.kind === 'extract' ? extractChange : updatesChange;
	const all = items.map((item) => read(query.feed, item));
	const changes = all.filter((change) => !isForeign(query.feed, change));
	const last = all.at(-1);
	const cursor = (answer.next_cursor ?? {}) as IDataObject;
	const { nextAt, nextId } = query.feed.keyset;
	// next_cursor is the contract's; the last item's keyset is the same place when a server leaves it out
	const next: Keyset = {
		at: asText(cursor[nextAt]) ?? last?.modified_at ?? from.at,
		id: asNumber(cursor[nextId]) ?? last?.id ?? from.id,
	};
	const passed = last && isForeign(query.feed, last) ? { at: last.modified_at, id: last.id - 1 } : undefined;
	return { changes, hasMore: answer.has_more === true, next, scanned: all.length, passed };
}

/** The same place in the feed, whatever way its time is written (an offset or UTC). */
const sameKeyset = (a: Keyset, b: Keyset) =>
	(a.at === b.at || (a.at !== undefined && b.at !== undefined && Date.parse(a.at) === Date.parse(b.at))) && (a.id ?? 0) === (b.id ?? 0);

/**
 * Pages of a feed, each request starting where the previous page ended, until the feed has no more, a
 * page comes back empty, its cursor does not move (the next request would be the same one: a server
 * that answers `has_more` with the cursor it was given would be read forever), or `pageSize()` (asked
 * before each request) says 0. A failing page throws after the earlier pages were yielded, so a caller
 * keeps what it already has; so does a feed still going after `maxPages` pages.
 *
 * A page that ends on another entity's change is followed from one id before it (`passed`), when that
 * still moves on, and a change of the asked entity already yielded is never yielded again. A page holding
 * only other entities' changes is not the feed's end, and counts for nothing in `pageSize()`.
 */
export async function* walkFeed(
	ctx: ApiContext,
	query: FeedQuery,
	pageSize: () => number,
	feedOptions?: FeedOptions,
): AsyncGenerator<FeedPage> {
	// the pages of one walk share a session (one credential read, one gate) when the caller has none
	const options = feedOptions?.session ? feedOptions : { ...feedOptions, session: openSession(ctx) };
	const maxPages = options.maxPages ?? MAX_FEED_PAGES;
	let from = query.from;
	// the asked entity's last change yielded: a page asked again from one id before a foreign change may repeat it
	let yielded = query.from;
	let changes = 0;
	for (let pages = 0; ; pages++) {
		const size = pageSize();
		if (size <= 0) return;
		if (pages >= maxPages) throw feedCapError(ctx.getNode(), query.feed.entity, pages, changes, query.itemIndex);
		let page = await pageAfter(ctx, query, from, size, options);
		if (page.hasMore && page.passed && sameKeyset(page.passed, from)) {
			// a page of one keyset ending on another entity's change: only a wider page gets past it safely
			page = firstOf(await pageAfter(ctx, query, from, updatesLimits.maxLimit, options), size);
		}
		const fresh = page.changes.filter((c) => !atOrBefore(yielded, c.modified_at, c.id));
		const last = fresh.at(-1);
		if (last) yielded = { at: last.modified_at, id: last.id };
		const next = page.passed && !sameKeyset(page.passed, from) ? page.passed : page.next;
		changes += fresh.length;
		yield { ...page, changes: fresh, next };
		if (!page.hasMore || page.scanned === 0 || sameKeyset(next, from)) return;
		from = next;
	}
}

/** The page after `from`, through the query's wider request when it has one that reaches past `from`. */
async function pageAfter(ctx: ApiContext, query: FeedQuery, from: Keyset, size: number, options?: TransportOptions): Promise<FeedPage> {
	const wider = query.widen?.(from, size);
	if (wider) {
		const probed = wider.probe ? await feedPage(ctx, query, from, size, options) : undefined;
		if (probed && probed.changes.length === 0) return probed;
		// changes the caller did not count may fill the wider page (another entity's, from a server that ignored
		// `entity`, or a late commit at or before `from`): then once more at the feed's maximum
		for (const limit of new Set([wider.limit, updatesLimits.maxLimit])) {
			const page = await feedPage(ctx, query, wider.from, limit, options);
			const after = page.changes.filter((c) => !atOrBefore(from, c.modified_at, c.id));
			if (after.length > size) return firstOf({ ...page, changes: after }, size);
			if (after.length > 0 || !page.hasMore) return { ...page, changes: after };
		}
		if (probed) return probed;
	}
	return await feedPage(ctx, query, from, size, options);
}

/** The page's first `size` changes, the next request starting right after them. */
function firstOf(page: FeedPage, size: number): FeedPage {
	if (page.changes.length <= size) return page;
	const last = page.changes[size - 1];
	return {
		...page,
		changes: page.changes.slice(0, size),
		unread: page.changes.slice(size),
		hasMore: true,
		next: { at: last.modified_at, id: last.id },
		passed: undefined,
	};
}

/** Whether (at, id) is at or before the keyset `mark`, in the feeds' (modified_at, id) order. */
export function atOrBefore(mark: Keyset, at: string, id: number): boolean {
	if (mark.at === undefined) return false;
	const a = Date.parse(at);
	const b = Date.parse(mark.at);
	// a mark without id sits just before its second, as a request without id starts (see feedQuery)
	return a < b || (a === b && id <= (mark.id ?? 0));
}
