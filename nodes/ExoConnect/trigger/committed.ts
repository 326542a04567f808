/**
 * What this process last committed for each trigger. n8n 2.x saves a poll's static data only after the poll
 * returned, so a poll starting in between loads the state before it and would emit the same changes again.
 * Each committed state carries a revision (state.ts); a poll that loads a lower one than this process
 * committed moments ago resumes from the committed state instead, or, when the static data holds no state
 * of the entity at all, skips. Kept a few poll budgets only: a user who clears the static data, switches
 * Entity or reactivates the workflow is delayed at most that long, never blocked.
 */
import type { TriggerState } from './state';

/** how many poll budgets a committed state is remembered */
const KEPT_BUDGETS = 3;

interface Committed {
	entity: string;
	rev: number;
	/** the state as committed (JSON text, so that nothing shares it) */
	text: string;
	at: number;
}

const committed = new Map<string, Committed>();

/** Remembers the state a poll of `key` just committed. */
export function rememberCommitted(key: string, state: TriggerState, now: number): void {
	committed.set(key, { entity: state.entity, rev: state.rev ?? 0, text: JSON.stringify(state), at: now });
}

/**
 * What a poll starting at `now` must resume from, given the revision its static data holds (`savedRev`) and
 * whether that holds a state of `entity`: undefined (the static data, nothing newer remembered), the newer
 * state this process committed, or 'unsaved' (no state of the entity saved yet, though one was committed).
 */
export function recallCommitted(
	key: string,
	entity: string,
	savedRev: number,
	hasState: boolean,
	now: number,
	budgetMs: number,
): TriggerState | 'unsaved' | undefined {
	const last = committed.get(key);
	if (!last) return undefined;
	if (now - last.at > KEPT_BUDGETS * budgetMs) {
		committed.delete(key);
		return undefined;
	}
	if (last.entity !== entity || savedRev >= last.rev) return undefined;
	return hasState ? (JSON.parse(last.text) as TriggerState) : 'unsaved';
}

/** Forgets every committed state, as a restarted n8n starts without any. */
export function forgetCommitted(): void {
	committed.clear();
}
