/**
 * Late changes: a change Acomba commits late carries a time the cursor already passed. The window before the
 * cursor is reread with ids only, and only the changes there that were never processed are recovered.
 */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { updatesLimits } from '../catalog';
import type { Change } from '../transport';
import { apiRequest, atOrBefore, recordRoute, walkFeed } from '../transport';
import type { TriggerConfig } from './config';
import { eventOf, forgetUnread, noteUnread } from './createdUnread';
import type { SeenChanges } from './seen';
import type { TriggerState } from './state';
import { cursorOf, instant } from './state';

/** A late change, and why its full record is missing when it could not be read */
export type LateChange = Change & { warning?: string };

/**
 * The full record of a late change (the reread asks for ids only). The change itself is known, so a record
 * that cannot be read never holds the trigger back: a record ExoConnect no longer has (deleted since) comes
 * as null, one that keeps failing once its retries are spent or that there is no time left for in the poll
 * comes as null with a warning.
 */
async function withFullRecord(ctx: IPollFunctions, config: TriggerConfig, change: LateChange, readUntil: number): Promise<LateChange> {
	const left = readUntil - Date.now();
	if (left <= 0) {
		return { ...change, record: null, warning: 'The full record was not read: the poll ran out of time. Read it by ID if the workflow needs it.' };
	}
	try {
		const route = recordRoute(config.resource, 'id', change.id);
		return { ...change, record: await apiRequest(ctx, { method: 'GET', route, resource: config.resource }, { timeoutMs: left }) };
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return { ...change, record: null };
		const reason = error instanceof Error ? error.message : String(error);
		return { ...change, record: null, warning: `The full record could not be read (${reason}). Read it by ID if the workflow needs it.` };
	}
}

/**
 * Rereads [cursor − window, cursor] with ids only and returns the changes there that were never processed,
 * or undefined when the time ran out first. The event of a change is relative to a request's start, so a
 * record already processed in the window cannot have been "created" again: it was updated.
 */
export async function recoverLate(
	ctx: IPollFunctions,
	config: TriggerConfig,
	state: TriggerState,
	seen: SeenChanges,
	fetchUntil: number,
	readUntil: number,
): Promise<LateChange[] | undefined> {
	const cursor = cursorOf(state);
	// never before the span the seen list covers: a change there may have been emitted already
	const from = Math.max(instant(state.since) - config.windowMs, instant(state.floor), instant(state.seenFrom));
	const late: Change[] = [];
	const found = new Set<string>();
	let beyondCursor = false;
	const pages = walkFeed(
		ctx,
		{ feed: config.feed, from: { at: new Date(from).toISOString() }, includeRecord: false },
		() => (beyondCursor || Date.now() >= fetchUntil ? 0 : updatesLimits.maxLimit),
	);
	let complete = false;
	for await (const page of pages) {
		for (const [index, change] of page.changes.entries()) {
			if (!atOrBefore(cursor, change.modified_at, change.id)) {
				beyondCursor = true;
				// asked from before the cursor: a record named created there was created after the start
				noteUnread(state, seen, [...page.changes.slice(index), ...(page.unread ?? [])]);
				break;
			}
			const key = `${change.id}@${change.modified_at}`;
			if (seen.has(change.id, change.modified_at) || found.has(key)) continue;
			const event = eventOf(state, seen, change);
			found.add(key);
			late.push({ ...change, event });
		}
		// past the cursor on other entities' changes (a server that ignored `entity`): nothing of ours is left
		if (page.passed?.at !== undefined && !atOrBefore(cursor, page.passed.at, page.passed.id ?? 0)) beyondCursor = true;
		complete = beyondCursor || !page.hasMore || page.scanned === 0;
	}
	// a cut reread marks nothing seen: the next one finds the same changes again
	if (!complete) return undefined;
	for (const change of late) {
		seen.add(change.id, change.modified_at);
		forgetUnread(state, change.id);
	}
	const emitted = late.filter((change) => config.events.includes(change.event));
	if (config.includeRecord && config.feed.recordSwitch) {
		const read: LateChange[] = [];
		for (const change of emitted) read.push(await withFullRecord(ctx, config, change, readUntil));
		return read;
	}
	return emitted;
}
