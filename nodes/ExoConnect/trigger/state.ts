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
	/** whether no late change can still appear at or before the cursor: then no reread is needed */
	settled: boolean;
	/** our clock (ms) when the page that last moved the cursor arrived */
	cursorMovedAt?: number;
	/**
	 * ExoConnect's clock minus ours and the company's UTC offset in minutes (unknown when the measure failed),
	 * and when they were last measured (our clock)
	 */
	clock?: { offsetMs?: number; zoneMinutes?: number; checkedAt: number };
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

/** Writes the state only when it changed: n8n saves the workflow's static data after a poll that changed it. */
export function saveState(staticData: IDataObject, state: TriggerState): void {
	const text = JSON.stringify(state);
	if (JSON.stringify(staticData[STATE_KEY]) !== text) staticData[STATE_KEY] = JSON.parse(text) as IDataObject;
}

export const cursorOf = (state: TriggerState): Keyset => ({ at: state.since, id: state.cursorId });

export const instant = (timestamp: string | undefined): number => (timestamp ? Date.parse(timestamp) : Number.NEGATIVE_INFINITY);
