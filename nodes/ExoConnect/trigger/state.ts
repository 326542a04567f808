/**
 * The trigger's memory, kept in the workflow's static data as plain JSON so that a restarted n8n or a
 * queue-mode worker resumes exactly where the last poll stopped. It belongs to the entity alone: Events
 * are filtered on our side and the start settings only seed a new cursor, so editing them never moves it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Keyset } from '../transport';
import type { StoredWindow } from './maintenance';
import type { SeenChanges, StoredSeen } from './seen';

export interface TriggerState {
	v: 2;
	entity: string;
	/** raised by every poll that changes the state: a lower one than last committed is a copy not yet saved */
	rev?: number;
	/** keyset cursor: the last change processed; id 0 means "at or after `since`" (a seeded cursor) */
	since?: string;
	cursorId?: number;
	/** never reread before this point (Start From Now or a Date) */
	floor?: string;
	/** changes processed inside the late-change window (see seen.ts) */
	seen: StoredSeen;
	/**
	 * the seen list holds every change processed from this time on (up to the cursor): a reread never goes
	 * before it, so a wider Late Change Window covers more only as the cursor moves on
	 */
	seenFrom?: string;
	/** records a feed named created beyond what a poll processed: the trigger owes them `created` (createdUnread.ts) */
	createdUnread?: number[];
	/** whether no late change can still appear at or before the cursor: then no reread is needed */
	settled: boolean;
	/** our clock (ms) when the page that last moved the cursor arrived */
	cursorMovedAt?: number;
	/**
	 * ExoConnect's clock minus ours (unknown when the measure failed) within ± offsetErrorMs (half the
	 * measuring request's round trip), the company's UTC offset in minutes, and when they were last measured
	 * (our clock)
	 */
	clock?: { offsetMs?: number; offsetErrorMs?: number; zoneMinutes?: number; checkedAt: number };
	/** Acomba's enabled SDK maintenance windows, read with the clock */
	windows?: StoredWindow[];
}

const STATE_KEY = 'exoConnectCursor';

/** The state of version 0.1 (keyed by entity, events and start settings), read so an upgrade resumes. */
interface StateV1 {
	key?: string;
	since?: string;
	cursorId?: number;
	floor?: string;
	seen?: Array<[number, string]>;
}

function fromV1(stored: StateV1): TriggerState | undefined {
	let entity: unknown;
	try {
		entity = (JSON.parse(stored.key ?? '') as unknown[])[0];
	} catch {
		return undefined;
	}
	if (typeof entity !== 'string') return undefined;
	const bySecond = new Map<string, number[]>();
	for (const [id, at] of stored.seen ?? []) bySecond.set(at, [...(bySecond.get(at) ?? []), id]);
	return {
		v: 2,
		entity,
		since: stored.since,
		cursorId: stored.cursorId,
		floor: stored.floor,
		seen: [...bySecond.entries()].map(([at, ids]) => [at, ids.join(',')]),
		settled: false,
	};
}

export function loadState(staticData: IDataObject, entity: string): TriggerState | undefined {
	const stored = staticData[STATE_KEY] as unknown as (TriggerState | StateV1) | undefined;
	if (!stored || typeof stored !== 'object') return undefined;
	const state = 'v' in stored && stored.v === 2 ? stored : fromV1(stored as StateV1);
	// another entity's cursor must not be reused
	if (!state || state.entity !== entity) return undefined;
	const copy = JSON.parse(JSON.stringify(state)) as TriggerState;
	// saved before the span was kept: only its oldest entry is sure (or the cursor, with none)
	if (copy.seenFrom === undefined && copy.since !== undefined) {
		const oldest = Math.min(instant(copy.since), ...copy.seen.map(([at]) => instant(at)));
		copy.seenFrom = new Date(oldest).toISOString();
	}
	return copy;
}

/** The seen list kept after a poll: what a reread of `windowMs` can meet, never before the span it covers. */
export function keepSeen(state: TriggerState, seen: SeenChanges, windowMs: number): void {
	if (state.since === undefined) return;
	const from = Math.max(instant(state.since) - windowMs, instant(state.seenFrom));
	state.seen = seen.toStored(from);
	state.seenFrom = new Date(Math.floor(from / 1000) * 1000).toISOString();
}

/** The revision of whatever state the static data holds (of any entity), 0 for none. */
export function savedRevision(staticData: IDataObject): number {
	const rev = (staticData[STATE_KEY] as { rev?: unknown } | undefined)?.rev;
	return typeof rev === 'number' && Number.isInteger(rev) && rev > 0 ? rev : 0;
}

/**
 * The state to commit, its revision raised above both the one the poll started from and the saved one
 * when it differs from the state the poll started from (`startedFrom`, as JSON text).
 */
export function revised(state: TriggerState, startedFrom: string | undefined, savedRev: number): TriggerState {
	const rev = state.rev ?? 0;
	if (startedFrom !== undefined && JSON.stringify({ ...state, rev }) === startedFrom) return { ...state, rev };
	return { ...state, rev: Math.max(rev, savedRev) + 1 };
}

/** Writes the state only when it changed: n8n saves the workflow's static data after a poll that changed it. */
export function saveState(staticData: IDataObject, state: TriggerState): void {
	const text = JSON.stringify(state);
	if (JSON.stringify(staticData[STATE_KEY]) !== text) staticData[STATE_KEY] = JSON.parse(text) as IDataObject;
}

export const cursorOf = (state: TriggerState): Keyset => ({ at: state.since, id: state.cursorId });

export const instant = (timestamp: string | undefined): number => (timestamp ? Date.parse(timestamp) : Number.NEGATIVE_INFINITY);
