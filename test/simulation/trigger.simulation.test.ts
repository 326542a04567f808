/**
 * The trigger's exactly-once promise, tried on simulated histories (see run.ts and oracle.ts): a fixed set of
 * seeds on every CI run, and the histories that found the defects of issue 18 on the starting commit, kept
 * as they were shrunk.
 */
import fc from 'fast-check';

import type { HistorySetup } from './simulation';
import { Advance, Edit, Overlap, Persistent, Poll, Write } from './commands';
import { emptyCoverage, runHistory, simulate } from './run';

const setup = (options: Partial<HistorySetup['options']>, more: Partial<HistorySetup> = {}): HistorySetup => ({
	n8n: '2.x',
	readings: { created: 'since', missingId: 'atOrAfter' },
	skewMs: 0,
	existing: 0,
	...more,
	options: { entity: 'customers', events: ['created'], includeRecord: false, startFrom: 'now', startDateS: 0, maxChanges: 1, windowS: 0, ...options },
});
const ok = { faults: [] };

async function violationsOf(history: HistorySetup, commands: Array<fc.AsyncCommand<Record<string, never>, never>>) {
	const verdict = await runHistory(history, commands as never);
	return verdict.violations.map((v) => `[${v.rule}] ${v.detail}`);
}

describe('histories that found the defects of issue 18 (shrunk from the seeds named)', () => {
	it('defect 1: three customers created in one second with Max Changes 2: the third comes created (seed 3)', async () => {
		const found = await violationsOf(setup({ maxChanges: 2 }), [new Poll(ok), new Advance(5), new Write('create', 3, 0, 0, false)] as never);
		expect(found).toEqual([]);
	});

	it('defect 1 under the cursor reading of created (passes on main too): customers created in the second of activation', async () => {
		const found = await violationsOf(setup({}, { readings: { created: 'cursor', missingId: 'after' } }), [new Poll(ok), new Write('create', 2, 0, 0, false)] as never);
		expect(found).toEqual([]);
	});

	it('defect 2: a late change found by a reread cut by the time budget is emitted by a later poll', async () => {
		// the cursor reading of created: the bulk import's labels are another matter (see below)
		const found = await violationsOf(setup({ events: ['created', 'updated'], maxChanges: 500, windowS: 60 }, { readings: { created: 'cursor', missingId: 'atOrAfter' } }), [
			new Poll(ok),
			new Advance(1),
			new Write('create', 1, 0, 0, false),
			new Advance(1),
			new Write('create', 520, 0, 0, false),
			new Poll(ok),
			new Poll(ok),
			new Advance(3),
			// record 1 changed, committed 3 s after the time it carries: before the cursor, first in the reread
			new Write('update', 1, 3, 0, false),
			new Poll({ faults: [{ kind: 'slow', seconds: 6 }], budgetMs: 10_000 }),
		] as never);
		expect(found).toEqual([]);
	});

	it('defect 3: raising Late Change Window re-emits nothing (seed 7930)', async () => {
		const found = await violationsOf(setup({ startFrom: 'everything', maxChanges: 2 }, { existing: 6 }), [new Poll({ faults: [{ kind: '500' }] }), new Edit({ windowS: 60 })] as never);
		expect(found).toEqual([]);
	});

	it('defect 4: two overlapping polls do not emit the same change (seed 2)', async () => {
		const [scheduler] = fc.sample(fc.scheduler(), { seed: 2, numRuns: 1 });
		const found = await violationsOf(setup({}, { readings: { created: 'cursor', missingId: 'atOrAfter' } }), [
			new Poll(ok),
			new Write('create', 1, 0, 0, false),
			new Overlap({ faults: [{ kind: 'slow', seconds: 1 }] }, ok, 0, scheduler),
		] as never);
		expect(found).toEqual([]);
	});

	it('defect 4, as seen in n8n 2.41.1: a feed answer slower than the interval, given up at 60 s and retried', async () => {
		const [scheduler] = fc.sample(fc.scheduler(), { seed: 4, numRuns: 1 });
		const found = await violationsOf(setup({ events: ['created', 'updated'], maxChanges: 500, windowS: 60 }), [
			new Poll(ok),
			new Advance(10),
			new Write('create', 3, 0, 0, false),
			new Overlap({ faults: [{ kind: 'timeout' }] }, ok, 60, scheduler),
		] as never);
		expect(found).toEqual([]);
	});

	it('defect 5: Entity switched keeps the other feed\'s Events: refused with a message, or mapped, never silent (seeds 3 and 4)', async () => {
		const toUpdates = await violationsOf(setup({ entity: 'supplier_invoices', events: ['changed'] }), [new Edit({ entity: 'customers' }), new Poll(ok), new Advance(30), new Poll(ok), new Write('create', 1, 0, 0, false)] as never);
		const toExtract = await violationsOf(setup({ events: ['updated'] }), [new Edit({ entity: 'supplier_invoices' }), new Poll(ok), new Advance(30), new Poll(ok), new Write('create', 1, 0, 0, false)] as never);
		expect([...toUpdates, ...toExtract]).toEqual([]);
	});

	it('defect 6: a 200 HTML answer fails the poll, never seeds from n8n\'s clock (seed 1)', async () => {
		const found = await violationsOf(setup({ startFrom: 'everything' }), [new Persistent('wrongBaseUrl', true, 0), new Poll(ok), new Poll(ok), new Persistent('wrongBaseUrl', false, 0), new Write('create', 1, 0, 0, false)] as never);
		const seeding = await violationsOf(setup({ events: ['changed'], entity: 'customer_payments', windowS: 600 }), [new Poll({ faults: [{ kind: 'html' }] }), new Advance(20), new Write('create', 1, 1, 0, false)] as never);
		expect([...found, ...seeding]).toEqual([]);
	});

	it('defect 7: a late change whose full record keeps failing comes with record null and does not block the trigger', async () => {
		const found = await violationsOf(setup({ events: ['created', 'updated'], includeRecord: true, maxChanges: 500, windowS: 60 }), [
			new Poll(ok),
			new Advance(10),
			new Write('create', 1, 0, 0, false),
			new Advance(5),
			new Write('create', 1, 0, 0, false),
			new Poll(ok),
			new Persistent('brokenRecord', true, 0),
			new Advance(10),
			new Write('update', 1, 12, 0, false),
		] as never);
		expect(found).toEqual([]);
	});
});

describe('documented misses are counted, never silent', () => {
	it('a bulk import of 501 customers in one second, Events = Created, a server judging created against since alone: the 501st is a documented miss', async () => {
		const verdict = await runHistory(setup({ maxChanges: 1 }), [new Poll(ok), new Advance(60), new Write('create', 501, 0, 0, false), new Poll(ok)] as never);
		expect(verdict.violations).toEqual([]);
		expect(verdict.misses).toEqual({ 'created in a second after 500 others (since reading)': 1 });
	}, 60_000);

	it('a change committed 90 s late with a 60 s window is a documented miss', async () => {
		const verdict = await runHistory(setup({ events: ['created', 'updated'], maxChanges: 500, windowS: 60 }), [
			new Poll(ok),
			new Advance(5),
			new Write('create', 1, 0, 0, false),
			new Advance(50),
			new Write('create', 1, 0, 0, false),
			new Poll(ok),
			new Advance(65),
			// a window after the cursor moved: the trigger settles, nothing is reread any more
			new Poll(ok),
			new Advance(10),
			// customer 1 changed, carrying a time 90 s ago, behind the cursor
			new Write('update', 1, 90, 0, false),
		] as never);
		expect(verdict.violations).toEqual([]);
		expect(verdict.misses).toEqual({ 'committed later than the window': 1 });
	});
});

describe('what the simulation found beyond the seven defects', () => {
	it('a creation a feed showed past Max Changes, then overtaken by an edit, still comes created (createdUnread)', async () => {
		// two customers created in one second, Max Changes 1: the first is read, the wider page showed the second
		// as created; the next poll times out; both are edited a minute later: asked from the later cursor, a
		// server judging created against since alone names the second updated (Events = Created dropped it)
		const verdict = await runHistory(setup({}), [
			new Poll(ok),
			new Advance(60),
			new Write('create', 2, 0, 0, false),
			new Poll(ok),
			new Poll({ faults: [{ kind: 'timeout' }, { kind: 'timeout' }, { kind: 'timeout' }, { kind: 'timeout' }] }),
			new Write('update', 2, 0, 0, false),
			new Poll(ok),
		] as never);
		expect(verdict.violations).toEqual([]);
		expect(verdict.misses).toEqual({});
	});

	it('the same under the cursor reading: two customers created, both edited a minute later, Max Changes 1 (long-run seed 32676)', async () => {
		const verdict = await runHistory(setup({}, { readings: { created: 'cursor', missingId: 'atOrAfter' } }), [
			new Poll(ok),
			new Advance(59),
			new Write('create', 2, 0, 0, false),
			new Advance(60),
			new Write('update', 2, 0, 0, false),
			new Poll(ok),
		] as never);
		expect(verdict.violations).toEqual([]);
		expect(verdict.misses).toEqual({ 'created, then changed in a later second before any feed showed it': 1 });
	});

	it('a change committed behind the cursor in its own second does not fill the wider page: the next creation still comes created (long-run seed 290084)', async () => {
		// Max Changes 1, window 0: customer 7 is read; customer 1 (an existing one) is then changed in the same
		// second with a lower id, behind the cursor; the page asked from the second before holds 1 and 7 and
		// nothing after the cursor: it is asked again at the feed's maximum instead of strictly after the cursor,
		// where a server judging created against since alone names customer 8 updated
		const found = await violationsOf(setup({ events: ['created', 'deleted'] }, { existing: 6 }), [
			new Poll(ok),
			new Advance(60),
			new Poll(ok),
			new Write('create', 2, 0, 0, false),
			new Poll(ok),
			new Write('update', 1, 0, 0, false),
		] as never);
		expect(found).toEqual([]);
	});

	it('an HTML page after good pages of the same walk fails the poll, not only a first page (long-run seed 400950)', async () => {
		const found = await violationsOf(setup({ startFrom: 'everything', maxChanges: 500, windowS: 60 }, { existing: 2 }), [
			new Write('create', 501, 0, 0, false),
			new Poll(ok),
			new Poll({ faults: [undefined, undefined, undefined, { kind: 'html' }] }),
		] as never);
		expect(found).toEqual([]);
	});

	it('a clock measured across a slow status answer (71 s) does not settle the window early: the change behind the cursor is found', async () => {
		const found = await violationsOf(setup({ startFrom: 'everything', events: ['created', 'updated'], windowS: 30 }, { existing: 2 }), [
			new Poll({ faults: [{ kind: 'slow', seconds: 71 }] }),
			new Poll(ok),
			new Write('create', 1, 0, 0, false),
			new Poll(ok),
			// customer 1 changed in the cursor's second, with a lower id: only the reread of the window can find it
			new Write('update', 1, 0, 0, false),
			new Poll(ok),
		] as never);
		expect(found.map((f) => f.slice(0, 40))).toEqual([]);
	});
});

describe('seeded histories (fixed seeds; npm run simulate -- --seed S --runs N for more)', () => {
	const coverage = emptyCoverage();
	it.each([1, 2, 3])('seed %i: no history breaks the promise', async (seed) => {
		await simulate({ seed, runs: 300, coverage });
	}, 120_000);

	afterAll(() => {
		// what CI covered, so a generator change that stops producing a fault is seen
		expect(coverage.histories).toBe(900);
		expect(Object.keys(coverage.faults).length).toBeGreaterThan(15);
		expect(coverage.overlaps).toBeGreaterThan(0);
		expect(coverage.restarts).toBeGreaterThan(0);
	});
});
