/** The model's own contract: feed order, the cursor, both readings of `created`, late commits, PUT semantics. */
import { RecordStore, extractAnswer, iso, updatesAnswer } from './index';

const T0 = Date.parse('2026-03-02T15:00:00Z');
const s = (seconds: number) => T0 + seconds * 1000;

function threeInOneSecond() {
	const store = new RecordStore();
	for (const code of ['A', 'B', 'C']) store.create('customers', { code, description: code }, { at: s(0) });
	return store;
}

describe('the updates helper (§5.1)', () => {
	it('walks (modified_at, id) strictly after the cursor, without skipping or repeating a shared second', () => {
		const store = threeInOneSecond();
		const first = updatesAnswer(store, { entity: 'customers', limit: 2, now: s(1) });
		expect((first.items as Array<{ code: string }>).map((i) => i.code)).toEqual(['A', 'B']);
		expect(first).toMatchObject({ has_more: true, next_cursor: { since: iso(s(0)), cursor_id: 2 } });
		const rest = updatesAnswer(store, { entity: 'customers', since: s(0), cursorId: 2, now: s(1) });
		expect((rest.items as Array<{ code: string }>).map((i) => i.code)).toEqual(['C']);
	});

	it('judges created against since alone, or against the whole cursor', () => {
		const store = threeInOneSecond();
		const request = { entity: 'customers', since: s(0), cursorId: 2, now: s(1) };
		expect(updatesAnswer(store, request, { created: 'since', missingId: 'atOrAfter' }).items).toMatchObject([{ code: 'C', event: 'updated' }]);
		expect(updatesAnswer(store, request, { created: 'cursor', missingId: 'atOrAfter' }).items).toMatchObject([{ code: 'C', event: 'created' }]);
	});

	it('shows a record changed several times once, with its latest time, and a deletion as deleted', () => {
		const store = threeInOneSecond();
		store.update('customers', 1, { description: 'a' }, { at: s(3) });
		store.update('customers', 1, { description: 'b' }, { at: s(5) });
		store.remove('customers', 2, { at: s(6) });
		const answer = updatesAnswer(store, { entity: 'customers', since: s(0), cursorId: 3, now: s(9), includeRecord: true });
		expect(answer.items).toMatchObject([
			{ id: 1, event: 'updated', modified_at: iso(s(5)), record: { description: 'b' } },
			{ id: 2, event: 'deleted', modified_at: iso(s(6)) },
		]);
	});

	it('hides a late commit until it commits, then shows it with the older time it carries', () => {
		const store = threeInOneSecond();
		store.update('customers', 3, { description: 'late' }, { at: s(2), commitAt: s(20) });
		const before = updatesAnswer(store, { entity: 'customers', since: s(0), cursorId: 3, now: s(10) });
		expect(before.items).toEqual([]);
		const after = updatesAnswer(store, { entity: 'customers', since: s(0), cursorId: 3, now: s(20) });
		expect(after.items).toMatchObject([{ id: 3, modified_at: iso(s(2)) }]);
	});
});

describe('the extract feeds (§8.1)', () => {
	it('answers full records with their sync cursor and keeps deleted ones, marked', () => {
		const store = threeInOneSecond();
		store.remove('customers', 1, { at: s(4) });
		const answer = extractAnswer(store, { entity: 'customers', since: s(0), cursorId: 2, now: s(5) });
		expect(answer.items).toMatchObject([
			{ id: 3, sync: { cursor: { card_pos: 3, modified_at: iso(s(0)) } }, status: { is_deleted: false } },
			{ id: 1, status: { is_deleted: true } },
		]);
		expect(answer.next_cursor).toEqual({ modified_at: iso(s(4)), card_pos: 1 });
	});
});

describe('writes (§2)', () => {
	it('a PUT replaces carried fields, nested values whole, and keeps the others; codes are unique among live records', () => {
		const store = new RecordStore();
		store.create('customers', { code: 'X', description: 'x', address: { city: 'Laval', line1: '1 rue' } }, { at: s(0) });
		const updated = store.update('customers', 1, { address: { city: 'Québec' } }, { at: s(1) });
		expect(updated.data).toEqual({ code: 'X', description: 'x', address: { city: 'Québec' } });
		expect(() => store.create('customers', { code: 'X' }, { at: s(2) })).toThrow('already exists');
		store.remove('customers', 1, { at: s(3) });
		expect(store.create('customers', { code: 'X' }, { at: s(4) }).id).toBe(2);
	});
});
