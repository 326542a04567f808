/**
 * One poll: every change of the entity after the cursor, each emitted exactly once.
 *
 * The updates helper pages by the keyset (modified_at, id). Once caught up, a poll also rereads the
 * late-change window before the cursor, because a change committed late can carry a timestamp the
 * cursor already passed; changes already processed there are recognised by their (id, modified_at).
 * The cursor only moves over changes that were processed, so a failing page loses nothing.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { routes, updatesLimits } from '../catalog';
import type { Change, Cursor } from '../transport';
import { apiRequest, getChanges } from '../transport';
import type { TriggerConfig } from './config';
import { pollBudgetMs } from './budget';
import { readConfig } from './config';
import type { TriggerState } from './state';
import { atOrBefore, instant, loadState, pruneSeen, saveState } from './state';

export function changeItem(change: Change): INodeExecutionData {
	return {
		json: {
			event: change.event,
			entity: change.entity,
			id: change.id,
			code: change.code,
			modified_at: change.modified_at,
			record: change.record ?? null,
		} as IDataObject,
	};
}

async function initialState(ctx: IPollFunctions, config: TriggerConfig, now: number): Promise<TriggerState> {
	if (config.startFrom === 'now') {
		const status = await apiRequest<{ server_time?: string }>(ctx, { method: 'GET', route: routes.status });
		const serverTime = status.server_time ?? new Date(now).toISOString();
		return { key: config.key, since: serverTime, floor: serverTime, seen: [], caughtUp: true, cursorMovedAt: now };
	}
	if (config.startFrom === 'date') {
		return { key: config.key, since: config.startDate, floor: config.startDate, seen: [], caughtUp: false };
	}
	return { key: config.key, seen: [], caughtUp: false };
}

/** Where this poll's first request starts: the cursor, or the late-change window before it. */
function startCursor(state: TriggerState, config: TriggerConfig): { cursor: Cursor; rereading: boolean } {
	const keyset: Cursor = { since: state.since, cursor_id: state.cursorId };
	const deadline = (state.cursorMovedAt ?? 0) + config.windowMs;
	// late changes arrive within the window after the cursor moved: one poll started after that has seen them all
	const lateStillPossible = state.lastPollAt === undefined || state.lastPollAt < deadline;
	if (!state.caughtUp || config.windowMs <= 0 || state.since === undefined || !lateStillPossible) {
		return { cursor: keyset, rereading: false };
	}
	const windowStart = instant(state.since) - config.windowMs;
	const since = Math.max(windowStart, instant(state.floor));
	return { cursor: { since: new Date(since).toISOString() }, rereading: true };
}

export async function pollChanges(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const config = readConfig(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	// stop asking for more pages well before n8n abandons the poll; the rest comes next time
	const fetchUntil = startedAt + pollBudgetMs(ctx) / 2;

	const stored = loadState(staticData, config.key);
	if (!stored) {
		const state = await initialState(ctx, config, startedAt);
		if (config.startFrom === 'now') {
			saveState(staticData, { ...state, lastPollAt: startedAt });
			return null;
		}
		return await drain(ctx, config, staticData, state, startedAt, fetchUntil);
	}
	return await drain(ctx, config, staticData, stored, startedAt, fetchUntil);
}

async function drain(
	ctx: IPollFunctions,
	config: TriggerConfig,
	staticData: IDataObject,
	state: TriggerState,
	startedAt: number,
	fetchUntil: number,
): Promise<INodeExecutionData[][] | null> {
	const seen = new Set(state.seen.map(([id, at]) => `${id}@${instant(at)}`));
	const emitted: INodeExecutionData[] = [];
	let { cursor, rereading } = startCursor(state, config);
	let processedNew = 0;
	let reachedEnd = false;
	let requests = 0;

	while (processedNew < config.maxChanges && (requests === 0 || Date.now() < fetchUntil)) {
		// getChanges caps the page size at the helper's maximum
		const limit = rereading ? updatesLimits.maxLimit : config.maxChanges - processedNew;
		const page = await getChanges(ctx, { entity: config.entity, cursor, includeRecord: config.includeRecord, limit }).catch(
			(error: unknown) => {
				// nothing fetched yet: fail the poll and leave the state as it was
				if (requests === 0) return Promise.reject(error);
				// later pages: emit what arrived; the next poll continues right after it
				return undefined;
			},
		);
		if (!page) break;
		requests++;
		const items = Array.isArray(page.items) ? page.items : [];
		let fullPageTaken = true;
		for (const change of items) {
			const pair = `${change.id}@${instant(change.modified_at)}`;
			const isNew = !atOrBefore(state, change.modified_at, change.id);
			if (!isNew && seen.has(pair)) continue;
			if (isNew) {
				if (processedNew >= config.maxChanges) {
					fullPageTaken = false;
					break;
				}
				processedNew++;
				state.since = change.modified_at;
				state.cursorId = change.id;
				state.cursorMovedAt = startedAt;
			}
			seen.add(pair);
			state.seen.push([change.id, change.modified_at]);
			if (config.events.includes(change.event)) emitted.push(changeItem(change));
		}
		if (!fullPageTaken) break;
		if (!page.has_more || items.length === 0) {
			reachedEnd = true;
			break;
		}
		cursor = page.next_cursor;
		rereading = rereading && atOrBefore(state, cursor.since ?? '', cursor.cursor_id ?? 0);
	}

	state.caughtUp = reachedEnd;
	state.lastPollAt = startedAt;
	pruneSeen(state, config.windowMs);
	saveState(staticData, state);
	return emitted.length ? [emitted] : null;
}
