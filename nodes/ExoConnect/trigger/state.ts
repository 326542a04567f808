/**
 * The trigger's memory, kept in the workflow's static data as plain JSON so that a restarted n8n or a
 * queue-mode worker resumes exactly where the last poll stopped.
 */
import type { IDataObject } from 'n8n-workflow';

export interface TriggerState {
	/** the configuration (entity, events, start) this cursor belongs to */
	key: string;
	/** keyset cursor: the last change processed */
	since?: string;
	cursorId?: number;
	/** never reread before this point (Start From Now or a Date) */
	floor?: string;
	/** (id, modified_at) of changes processed inside the late-change window */
	seen: Array<[number, string]>;
	/** whether the last poll reached the end of the changes */
	caughtUp: boolean;
	/** our clock (ms) when the cursor last moved, and when the previous poll started */
	cursorMovedAt?: number;
	lastPollAt?: number;
}

const STATE_KEY = 'exoConnectCursor';

export function loadState(staticData: IDataObject, key: string): TriggerState | undefined {
	const stored = staticData[STATE_KEY] as unknown as TriggerState | undefined;
	// another entity's or events' cursor must not be reused
	return stored && stored.key === key ? { ...stored, seen: [...(stored.seen ?? [])] } : undefined;
}

export function saveState(staticData: IDataObject, state: TriggerState): void {
	staticData[STATE_KEY] = JSON.parse(JSON.stringify(state)) as IDataObject;
}

export const instant = (timestamp: string | undefined): number => (timestamp ? Date.parse(timestamp) : Number.NEGATIVE_INFINITY);

/** Whether change (modifiedAt, id) is at or before the cursor, in the API's (modified_at, id) order. */
export function atOrBefore(state: TriggerState, modifiedAt: string, id: number): boolean {
	if (state.since === undefined) return false;
	const a = instant(modifiedAt);
	const b = instant(state.since);
	return a < b || (a === b && id <= (state.cursorId ?? Number.POSITIVE_INFINITY));
}

/** Forget changes older than the window before the cursor: a reread never reaches them. */
export function pruneSeen(state: TriggerState, windowMs: number): void {
	const oldest = instant(state.since) - windowMs;
	state.seen = state.seen.filter(([, modifiedAt]) => instant(modifiedAt) >= oldest);
}
