/**
 * One poll: every change of the entity after the cursor, each emitted exactly once.
 *
 * New changes come only from the feed walked from the cursor (since, cursor_id), so their event is the
 * server's own. Then, because a change committed late can carry a timestamp the cursor already passed, a
 * poll first rereads the late-change window before the cursor while such a change is still possible
 * (caught up or not): there it only recovers changes at or before the cursor that were never processed.
 * The cursor only moves over changes that were processed, so a failing page loses nothing.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { routes, updatesLimits } from '../catalog';
import type { Change, Keyset, WiderRequest } from '../transport';
import { apiRequest, atOrBefore, helperError, noRetries, recordRoute, walkFeed } from '../transport';
import { secondsLater } from '../timestamps';
import { pollBudgetMs } from './budget';
import type { TriggerConfig } from './config';
import { readConfig, readStartDate } from './config';
import { openWindow, readWindows, zoneMinutesOf } from './maintenance';
import { releaseLease, stillHolds, takeLease } from './lease';
import { notExoConnect } from './notExoConnect';
import { SeenChanges } from './seen';
import type { TriggerState } from './state';
import { cursorOf, instant, keepSeen, loadState, saveState } from './state';

/** ExoConnect's clock is measured again after this long (one status request) */
const CLOCK_CHECK_MS = 60 * 60_000;
/** slack for a clock measured across a request, and for one-second timestamps */
const CLOCK_SLACK_MS = 5_000;

export function changeItem(change: Change, warning?: string): INodeExecutionData {
	const { event, entity, id, code, modified_at, record } = change;
	const json: IDataObject = { event, entity, id, code, modified_at, record: record ?? null };
	if (warning) json.warning = warning;
	return { json };
}

interface ClockReading {
	serverTime?: string;
	clock: NonNullable<TriggerState['clock']>;
}

/** ExoConnect's time. `strict`: its failure fails the poll (seeding Start From Now needs that time). */
export async function serverClock(ctx: IPollFunctions, strict: boolean): Promise<ClockReading> {
	const asked = Date.now();
	const call = { method: 'GET' as const, route: routes.status };
	// measured in a poll: never retried, and a failed measure only costs rereads (the clock-free rule still holds)
	const status = strict
		? await apiRequest<{ server_time?: string }>(ctx, call)
		: await apiRequest<{ server_time?: string }>(ctx, call, noRetries).catch(() => ({ server_time: undefined }));
	const answered = Date.now();
	const serverMs = instant(typeof status === 'object' && status !== null && typeof status.server_time === 'string' ? status.server_time : undefined);
	if (!Number.isFinite(serverMs)) {
		// a cursor is never seeded from n8n's own clock: an answer without ExoConnect's time is not ExoConnect's
		if (strict) throw await notExoConnect(ctx, "the status request (ExoConnect's clock)");
		return { clock: { checkedAt: answered } };
	}
	const offsetMs = serverMs - Math.round((asked + answered) / 2);
	return { serverTime: status.server_time, clock: { offsetMs, zoneMinutes: zoneMinutesOf(status.server_time), checkedAt: answered } };
}

/** The seen list of a cursor started from the oldest change covers everything */
const EVERYTHING = new Date(0).toISOString();

/** A new cursor, from the start settings: they are read only here. */
async function seed(ctx: IPollFunctions, config: TriggerConfig): Promise<TriggerState> {
	const entity = config.resource.key;
	if (config.startFrom === 'now') {
		const { serverTime, clock } = await serverClock(ctx, true);
		const since = serverTime as string;
		const windows = (await readWindows(ctx)) ?? [];
		// id 0: a change in the very second of activation is still after the cursor
		return { v: 2, entity, since, cursorId: 0, floor: since, seen: [], seenFrom: since, settled: false, cursorMovedAt: Date.now(), clock, windows };
	}
	if (config.startFrom === 'date') {
		const since = readStartDate(ctx);
		return { v: 2, entity, since, cursorId: 0, floor: since, seen: [], seenFrom: since, settled: false };
	}
	// nothing is before the oldest change, so nothing can come late there
	return { v: 2, entity, seen: [], seenFrom: EVERYTHING, settled: true };
}

/** Whether ExoConnect's clock at our instant `ourMs` is surely past `atMs + windowMs`. */
function surelyPast(state: TriggerState, ourMs: number, atMs: number, windowMs: number): boolean {
	const offset = state.clock?.offsetMs;
	return offset !== undefined && ourMs + offset - CLOCK_SLACK_MS > atMs + windowMs;
}

/** A late change, and why its full record is missing when it could not be read */
type LateChange = Change & { warning?: string };

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
async function recoverLate(
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
		if (!page.recognised) throw await notExoConnect(ctx, 'the changes feed');
		for (const change of page.changes) {
			if (!atOrBefore(cursor, change.modified_at, change.id)) {
				beyondCursor = true;
				break;
			}
			const key = `${change.id}@${change.modified_at}`;
			if (seen.has(change.id, change.modified_at) || found.has(key)) continue;
			const event = change.event === 'created' && seen.hasRecord(change.id) ? 'updated' : change.event;
			found.add(key);
			late.push({ ...change, event });
		}
		complete = beyondCursor || !page.hasMore || page.changes.length === 0;
	}
	// a cut reread marks nothing seen: the next one finds the same changes again
	if (!complete) return undefined;
	for (const change of late) seen.add(change.id, change.modified_at);
	const emitted = late.filter((change) => config.events.includes(change.event));
	if (config.includeRecord && config.feed.recordSwitch) {
		const read: LateChange[] = [];
		for (const change of emitted) read.push(await withFullRecord(ctx, config, change, readUntil));
		return read;
	}
	return emitted;
}

/** What a poll decided: the items to emit and the state after them, committed together (or not at all). */
interface Proposal {
	items: INodeExecutionData[];
	state: TriggerState;
}

export async function pollChanges(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const config = readConfig(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	const budgetMs = pollBudgetMs(ctx);
	const lease = takeLease(`${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}`, startedAt, budgetMs);
	if (!lease) {
		// the previous poll still runs: reading the cursor now would emit its changes a second time
		ctx.logger.info('ExoConnect Trigger: poll skipped, the previous poll of this trigger is still running');
		return null;
	}
	try {
		const proposal = await propose(ctx, config, staticData, startedAt, budgetMs);
		// a poll that outlived its lease was replaced: what it found is left to the poll that replaced it
		if (!stillHolds(lease)) return null;
		saveState(staticData, proposal.state);
		return proposal.items.length ? [proposal.items] : null;
	} finally {
		releaseLease(lease);
	}
}

async function propose(ctx: IPollFunctions, config: TriggerConfig, staticData: IDataObject, startedAt: number, budgetMs: number): Promise<Proposal> {
	// stop asking for more pages well before n8n abandons the poll; the rest comes next time
	const fetchUntil = startedAt + budgetMs / 2;
	// the full records of late changes are read one by one: only while a quarter of the budget is left
	const readUntil = startedAt + (budgetMs * 3) / 4;

	const stored = loadState(staticData, config.resource.key);
	if (!stored && config.startFrom === 'now') return { items: [], state: await seed(ctx, config) };
	const state = stored ?? (await seed(ctx, config));
	// ExoConnect's clock and maintenance windows, read once an hour (two requests)
	if (!state.clock || !state.windows || startedAt - state.clock.checkedAt > CLOCK_CHECK_MS) {
		const { clock } = await serverClock(ctx, false);
		state.clock = { ...state.clock, ...clock, offsetMs: clock.offsetMs ?? state.clock?.offsetMs };
		state.windows = (await readWindows(ctx)) ?? state.windows ?? [];
	}
	// ExoConnect's clock as last measured, or ours when it never answered (status fails inside a window)
	const maintenance = openWindow(state.windows, Date.now() + (state.clock.offsetMs ?? 0), state.clock.zoneMinutes);
	if (maintenance) {
		// ExoConnect answers 503 during the window anyway: skip quietly, the next poll after it catches up
		ctx.logger.info(`ExoConnect Trigger: poll skipped, Acomba is in its maintenance window "${maintenance.name}" (${maintenance.start}-${maintenance.end})`);
		return { items: [], state };
	}
	const seen = SeenChanges.from(state.seen);
	const emitted: INodeExecutionData[] = [];

	// a cursor just seeded at its floor has nothing before it to recover
	const seededOnly = instant(state.since) <= instant(state.floor) && !state.cursorId;
	if (!state.settled && config.windowMs > 0 && state.since !== undefined && !seededOnly) {
		const rereadAt = Date.now();
		const late = await recoverLate(ctx, config, state, seen, fetchUntil, readUntil);
		if (late) {
			emitted.push(...late.map((change) => changeItem(change, change.warning)));
			// every change committed late at or before the cursor was visible to this reread
			state.settled =
				rereadAt >= (state.cursorMovedAt ?? Number.POSITIVE_INFINITY) + config.windowMs ||
				surelyPast(state, rereadAt, instant(state.since), config.windowMs);
		}
	}

	const settledBefore = state.settled || config.windowMs === 0;
	const walked = await walkNew(ctx, config, state, seen, fetchUntil);
	emitted.push(...walked.items);
	if (walked.moved) {
		// changes passed while ExoConnect's clock was already a window past them can no longer come late
		state.settled = settledBefore && surelyPast(state, startedAt, instant(state.since), config.windowMs);
	}

	keepSeen(state, seen, config.windowMs);
	return { items: emitted, state };
}

/** ids start at 1 and are Acomba's 32-bit card positions: nothing in the second before comes after this one */
const LAST_ID = 2_147_483_647;
/**
 * A walk whose cursor's second holds more processed changes than this first asks strictly after the cursor,
 * so that an idle poll does not read them again (with their full records) every time
 */
const PROBE_ABOVE = 10;

/**
 * §5.1 judges `created` against the request's `since` (or the whole cursor): asked from a cursor in second S,
 * a record created in S comes as `updated`. So the page after a cursor in S is asked from S − 1 s, where
 * `created` means created in S or later, and the changes already processed in S (the seen list counts them)
 * are read again and dropped. A record processed before (it is in the seen list) was not created since.
 * When S alone holds a page of processed changes, the page is asked from the cursor as it is.
 */
function askedTheSecondBefore(config: TriggerConfig, seen: SeenChanges) {
	let asked = 0;
	return (from: Keyset, size: number): WiderRequest | undefined => {
		const first = asked++ === 0;
		if (config.feed.kind !== 'updates' || from.at === undefined) return undefined;
		const done = seen.countAt(from.at);
		if (done >= updatesLimits.maxLimit) return undefined;
		const limit = Math.min(updatesLimits.maxLimit, done + size);
		return { from: { at: secondsLater(from.at, -1), id: LAST_ID }, limit, probe: first && done > PROBE_ABOVE };
	};
}

/** Walks the feed from the cursor: new changes, with their events as the server names them. */
async function walkNew(
	ctx: IPollFunctions,
	config: TriggerConfig,
	state: TriggerState,
	seen: SeenChanges,
	fetchUntil: number,
): Promise<{ items: INodeExecutionData[]; moved: boolean }> {
	const items: INodeExecutionData[] = [];
	let processed = 0;
	let requests = 0;
	const query = { feed: config.feed, from: cursorOf(state), includeRecord: config.includeRecord, widen: askedTheSecondBefore(config, seen) };
	const pages = walkFeed(ctx, query, () =>
		processed < config.maxChanges && (requests === 0 || Date.now() < fetchUntil) ? config.maxChanges - processed : 0,
	);
	try {
		for await (const page of pages) {
			// a page from elsewhere fails the poll (as any first page does), even after a good one
			if (!page.recognised) throw await notExoConnect(ctx, 'the changes feed');
			requests++;
			for (const change of page.changes) {
				// a server repeating the cursor's own change must not have it emitted twice
				if (atOrBefore(cursorOf(state), change.modified_at, change.id)) continue;
				if (processed >= config.maxChanges) break;
				processed++;
				const event = change.event === 'created' && seen.hasRecord(change.id) ? 'updated' : change.event;
				state.since = change.modified_at;
				state.cursorId = change.id;
				state.cursorMovedAt = Date.now();
				seen.add(change.id, change.modified_at);
				if (config.events.includes(event)) items.push(changeItem({ ...change, event }));
			}
		}
	} catch (error) {
		// nothing fetched yet: fail the poll and leave the state as it was
		if (requests === 0 || error instanceof NodeOperationError) throw helperError(ctx.getNode(), error);
		// later pages: emit what arrived; the next poll continues right after it
	}
	return { items, moved: processed > 0 };
}
