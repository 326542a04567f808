/**
 * §5.1 names a change `created` when the record was created after the request's `since`. A record a feed
 * answer named `created` beyond what the poll processed (a page cut at Max Changes per Poll, a reread that
 * went past the cursor) and that changed again in a later second before the walk reached it comes, asked
 * from that later cursor, as `updated`. Its creation was still after the trigger's start (every `since` the
 * trigger asks with is at or after it), so the trigger remembers such ids and names the record `created`
 * when it reaches it, once.
 */
import type { Change, ChangeEvent } from '../transport';
import type { SeenChanges } from './seen';
import type { TriggerState } from './state';

/** the newest ids kept: a backlog past this many unread creations may name the oldest ones `updated` */
export const MAX_CREATED_UNREAD = 1_000;

/** Remembers the records the answer named created that the poll did not process. */
export function noteUnread(state: TriggerState, seen: SeenChanges, changes: readonly Change[] | undefined): void {
	for (const change of changes ?? []) {
		if (change.event !== 'created' || seen.hasRecord(change.id)) continue;
		const ids = (state.createdUnread ??= []);
		if (!ids.includes(change.id)) ids.push(change.id);
		if (ids.length > MAX_CREATED_UNREAD) ids.splice(0, ids.length - MAX_CREATED_UNREAD);
	}
}

/** The event a change is emitted with: never a second `created` for a record processed before, and the one owed. */
export function eventOf(state: TriggerState, seen: SeenChanges, change: Change): ChangeEvent {
	if (seen.hasRecord(change.id)) return change.event === 'created' ? 'updated' : change.event;
	if (change.event === 'updated' && state.createdUnread?.includes(change.id)) return 'created';
	return change.event;
}

/** A processed record owes nothing more. */
export function forgetUnread(state: TriggerState, id: number): void {
	const ids = state.createdUnread;
	if (!ids) return;
	const at = ids.indexOf(id);
	if (at >= 0) ids.splice(at, 1);
	if (ids.length === 0) delete state.createdUnread;
}
