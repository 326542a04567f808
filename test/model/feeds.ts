/**
 * The change feeds of the contract, computed from the model at one instant (no HTTP):
 * - the updates helper (§5.1): changes strictly after (since, cursor_id), by (modified_at, id), each record
 *   once with its latest visible time, `event` relative to the request;
 * - the `…/extract` feeds (§8.1): full records after (cursor_modified_at, cursor_card_pos), no event.
 *
 * Where the contract leaves a reading open, the model offers each one, so a client can be tried against both.
 */
import type { Json, RecordStore, VisibleRecord } from './records';
import { iso } from './time';

/**
 * How `event: created` is judged (§5.1 says "created after the request's since"):
 * - `since`: the record's creation second is after `since` (a record created in the cursor's own second is
 *   then `updated`);
 * - `cursor`: the record's creation is after the whole cursor: (createdAt, id) > (since, cursor_id).
 */
export type CreatedReading = 'since' | 'cursor';
/** A `since` without `cursor_id` (undocumented): at or after `since`, or strictly after it. */
export type MissingIdReading = 'atOrAfter' | 'after';

export interface FeedReadings {
	created: CreatedReading;
	missingId: MissingIdReading;
}

export const DEFAULT_READINGS: FeedReadings = { created: 'since', missingId: 'atOrAfter' };

export interface FeedRequest {
	entity: string;
	/** ms of the cursor's second; undefined: from the oldest change */
	since?: number;
	cursorId?: number;
	limit?: number;
	includeRecord?: boolean;
	/** the server's clock: only changes committed by then are visible */
	now: number;
}

export const FEED_LIMITS = { defaultLimit: 100, maxLimit: 500 };

/** The full record as the record routes, the updates helper's `record` and the extracts show it. */
export function fullRecord(view: VisibleRecord): Json {
	const updatedAt = iso(view.modifiedAt);
	return {
		...(JSON.parse(JSON.stringify(view.data)) as Json),
		id: view.id,
		code: view.code,
		updated_at: updatedAt,
		status: { is_active: view.data.is_active !== false, is_deleted: view.deleted },
		metadata: { unique_id: `${view.entity}-${view.id}`, updated_at: updatedAt },
	};
}

/** Whether (at, id) is strictly after the cursor, under the reading of a missing id. */
function afterCursor(view: VisibleRecord, request: FeedRequest, readings: FeedReadings): boolean {
	if (request.since === undefined) return true;
	if (view.modifiedAt !== request.since) return view.modifiedAt > request.since;
	if (request.cursorId === undefined) return readings.missingId === 'atOrAfter';
	return view.id > request.cursorId;
}

/** The changes after the cursor visible at `now`, in feed order, and whether more follow. */
function changesAfter(store: RecordStore, request: FeedRequest, readings: FeedReadings) {
	const limit = Math.max(1, Math.min(request.limit ?? FEED_LIMITS.defaultLimit, FEED_LIMITS.maxLimit));
	const all = store
		.visible(request.entity, request.now)
		.filter((view) => afterCursor(view, request, readings))
		.sort((a, b) => a.modifiedAt - b.modifiedAt || a.id - b.id);
	return { page: all.slice(0, limit), hasMore: all.length > limit };
}

export function createdEvent(view: VisibleRecord, request: FeedRequest, reading: CreatedReading): boolean {
	if (request.since === undefined) return true;
	if (view.createdAt !== request.since || reading === 'since') return view.createdAt > request.since;
	return view.id > (request.cursorId ?? 0);
}

/** GET /api/helpers/updates (§5.1). */
export function updatesAnswer(store: RecordStore, request: FeedRequest, readings: FeedReadings = DEFAULT_READINGS): Json {
	const { page, hasMore } = changesAfter(store, request, readings);
	const items = page.map((view) => ({
		entity: request.entity,
		id: view.id,
		code: view.code,
		event: view.deleted ? 'deleted' : createdEvent(view, request, readings.created) ? 'created' : 'updated',
		modified_at: iso(view.modifiedAt),
		record: request.includeRecord ? fullRecord(view) : null,
	}));
	return envelope(items, hasMore, page.at(-1), request, ['since', 'cursor_id']);
}

/** GET <path>/extract (§8.1): full records with their sync cursor; a deleted record stays, marked. */
export function extractAnswer(store: RecordStore, request: FeedRequest, readings: FeedReadings = DEFAULT_READINGS): Json {
	const { page, hasMore } = changesAfter(store, request, readings);
	const extractedAt = iso(request.now);
	const items = page.map((view) => ({
		...fullRecord(view),
		sync: { cursor: { card_pos: view.id, modified_at: iso(view.modifiedAt) }, extracted_at: extractedAt, organisation_id: 'model' },
	}));
	return envelope(items, hasMore, page.at(-1), request, ['modified_at', 'card_pos']);
}

/** A feed page: its items and the cursor after them, in the feed's own spelling (§5.1 or §8.1). */
function envelope(items: Json[], hasMore: boolean, last: { modifiedAt: number; id: number } | undefined, request: FeedRequest, [at, id]: [string, string]): Json {
	const next = last
		? { [at]: iso(last.modifiedAt), [id]: last.id }
		: { [at]: request.since === undefined ? null : iso(request.since), [id]: request.cursorId ?? 0 };
	return { items, count: items.length, has_more: hasMore, next_cursor: next };
}
