/**
 * One poll: every change of the entity after the cursor, each emitted exactly once.
 *
 * A poll holds the trigger's lease (lease.ts) or does nothing. It proposes the items and the next state
 * together, and commits them together only if it still holds the lease; it resumes from the state this process
 * committed last when n8n has not saved it yet (committed.ts). New changes come only from the feed
 * walked from the cursor (walk.ts), so their event is the server's own. Because a change committed late can
 * carry a timestamp the cursor already passed, a poll first rereads the late-change window before the cursor
 * while such a change is still possible (late.ts). The cursor only moves over changes that were processed
 * (or that were another entity's), so a failing page loses nothing.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { routes } from '../catalog';
import { apiRequest, noRetries } from '../transport';
import { pollBudgetMs } from './budget';
import type { TriggerConfig } from './config';
import { readConfig, readStartDate } from './config';
import { recallCommitted, rememberCommitted } from './committed';
import { changeItem } from './items';
import { recoverLate } from './late';
import { releaseLease, stillHolds, takeLease } from './lease';
import { openWindow, readWindows, zoneMinutesOf } from './maintenance';
import { notExoConnect } from './notExoConnect';
import { SeenChanges } from './seen';
import type { TriggerState } from './state';
import { instant, keepSeen, loadState, revised, savedRevision, saveState } from './state';
import { walkNew } from './walk';

/** ExoConnect's clock is measured again after this long (one status request) */
const CLOCK_CHECK_MS = 60 * 60_000;
/** slack for one-second timestamps and a clock read at a moment of the request's round trip (added to half of it) */
const CLOCK_SLACK_MS = 5_000;

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
	// the server read its clock somewhere in the round trip: the offset is known only within half of it
	const offsetErrorMs = Math.ceil((answered - asked) / 2);
	return { serverTime: status.server_time, clock: { offsetMs, offsetErrorMs, zoneMinutes: zoneMinutesOf(status.server_time), checkedAt: answered } };
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
	return offset !== undefined && ourMs + offset - CLOCK_SLACK_MS - (state.clock?.offsetErrorMs ?? 0) > atMs + windowMs;
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
	const key = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}`;
	const lease = takeLease(key, startedAt, budgetMs);
	if (!lease) {
		// the previous poll still runs: reading the cursor now would emit its changes a second time
		ctx.logger.info('ExoConnect Trigger: poll skipped, the previous poll of this trigger is still running');
		return null;
	}
	try {
		const saved = loadState(staticData, config.resource.key);
		const savedRev = savedRevision(staticData);
		// n8n may not have saved yet what the previous poll committed: its static data would repeat its changes
		const recalled = recallCommitted(key, config.resource.key, savedRev, saved !== undefined, startedAt, budgetMs);
		if (recalled === 'unsaved') {
			ctx.logger.info('ExoConnect Trigger: poll skipped, n8n has not saved yet what the previous poll of this trigger committed');
			return null;
		}
		const stored = recalled ?? saved;
		const startedFrom = stored && JSON.stringify(stored);
		const proposal = await propose(ctx, config, stored, startedAt, budgetMs);
		// a poll that outlived its lease was replaced: what it found is left to the poll that replaced it
		if (!stillHolds(lease)) return null;
		const state = revised(proposal.state, startedFrom, savedRev);
		saveState(staticData, state);
		// past its budget n8n may have given the poll up: what it returns may never be saved
		if (Date.now() - startedAt <= budgetMs) rememberCommitted(key, state, Date.now());
		return proposal.items.length ? [proposal.items] : null;
	} finally {
		releaseLease(lease);
	}
}

async function propose(ctx: IPollFunctions, config: TriggerConfig, stored: TriggerState | undefined, startedAt: number, budgetMs: number): Promise<Proposal> {
	// stop asking for more pages well before n8n abandons the poll; the rest comes next time
	const fetchUntil = startedAt + budgetMs / 2;
	// the full records of late changes are read one by one, until three quarters of the budget are spent
	const readUntil = startedAt + (budgetMs * 3) / 4;

	if (!stored && config.startFrom === 'now') return { items: [], state: await seed(ctx, config) };
	const state = stored ?? (await seed(ctx, config));
	// ExoConnect's clock and maintenance windows, read once an hour (two requests)
	if (!state.clock || !state.windows || startedAt - state.clock.checkedAt > CLOCK_CHECK_MS) {
		const { clock } = await serverClock(ctx, false);
		// a failed measure keeps the last offset, with its own error
		state.clock = clock.offsetMs === undefined ? { ...state.clock, ...clock, offsetMs: state.clock?.offsetMs } : { ...state.clock, ...clock };
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

