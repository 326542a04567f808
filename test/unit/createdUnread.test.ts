/** The records a feed named created beyond what a poll processed: remembered, bounded, named created once. */
import { eventOf, forgetUnread, MAX_CREATED_UNREAD, noteUnread } from '../../nodes/ExoConnect/trigger/createdUnread';
import { SeenChanges } from '../../nodes/ExoConnect/trigger/seen';
import type { TriggerState } from '../../nodes/ExoConnect/trigger/state';
import type { Change } from '../../nodes/ExoConnect/transport';

const AT = '2026-03-02T10:01:00-05:00';
const change = (id: number, event: Change['event']): Change => ({ entity: 'customers', id, code: `C${id}`, event, modified_at: AT, record: null });
const fresh = (): TriggerState => ({ v: 2, entity: 'customers', seen: [], settled: false });

describe('createdUnread', () => {
	it('remembers only creations of records not processed before, and keeps the newest ids up to its bound', () => {
		const state = fresh();
		const seen = SeenChanges.from([]);
		seen.add(3, AT);
		const shown = [change(3, 'created'), change(4, 'updated'), ...Array.from({ length: MAX_CREATED_UNREAD + 5 }, (_, i) => change(10 + i, 'created'))];
		noteUnread(state, seen, shown);
		noteUnread(state, seen, [change(10 + MAX_CREATED_UNREAD + 4, 'created')]);
		expect(state.createdUnread).toHaveLength(MAX_CREATED_UNREAD);
		expect(state.createdUnread?.[0]).toBe(15);
		expect(state.createdUnread).not.toContain(3);
		expect(state.createdUnread).not.toContain(4);
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
	});

	it('names a remembered record created when a later walk calls it updated, once, and never a processed one', () => {
		const state = fresh();
		const seen = SeenChanges.from([]);
		noteUnread(state, seen, [change(8, 'created')]);
		expect(eventOf(state, seen, change(8, 'updated'))).toBe('created');
		expect(eventOf(state, seen, change(9, 'updated'))).toBe('updated');
		expect(eventOf(state, seen, change(8, 'deleted'))).toBe('deleted');
		seen.add(8, AT);
		forgetUnread(state, 8);
		expect(state.createdUnread).toBeUndefined();
		expect(eventOf(state, seen, change(8, 'updated'))).toBe('updated');
		expect(eventOf(state, seen, change(8, 'created'))).toBe('updated');
	});
});
