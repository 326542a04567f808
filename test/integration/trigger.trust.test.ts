/**
 * The trigger's exactly-once promise under edits, late changes, sustained load and time zones: real polls in
 * n8n-core's PollContext against the sandbox, whose clock the tests move.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { codesAndEvents, emitted, sandboxCustomers, useSandbox } from '../helpers/exo';

const exo = useSandbox({ customers: 20, products: 5 });

const base = { entity: 'customers', events: ['created', 'updated'], includeRecord: true, startFrom: 'everything' };
const updatesRequests = () => exo.sandbox.log.filter((r) => r.path.endsWith('/api/helpers/updates'));

const drain = async (parameters: IDataObject, staticData: IDataObject) => (await exo.drain(parameters, staticData)).all;

const { customer, edit } = sandboxCustomers(exo);

beforeEach(() => {
	exo.sandbox.reset();
	exo.sandbox.clock.set('2026-03-02T10:00:00-05:00');
});

describe('events come from a request at the cursor', () => {
	it('a customer created, emitted, then edited 40 s later is emitted as updated, also with Events = Updated only', async () => {
		const all: IDataObject = {};
		const updatedOnly: IDataObject = {};
		await drain(base, all);
		await drain({ ...base, events: ['updated'] }, updatedOnly);
		exo.sandbox.clock.advance(10);
		const fresh = customer('NOUVEAU');
		expect(codesAndEvents(await exo.poll(base, all))).toEqual([['NOUVEAU', 'created']]);
		expect(await exo.poll({ ...base, events: ['updated'] }, updatedOnly)).toBeNull();
		exo.sandbox.clock.advance(40);
		edit(fresh);
		expect(codesAndEvents(await exo.poll(base, all))).toEqual([['NOUVEAU', 'updated']]);
		expect(codesAndEvents(await exo.poll({ ...base, events: ['updated'] }, updatedOnly))).toEqual([['NOUVEAU', 'updated']]);
		expect(await exo.poll(base, all)).toBeNull();
	});

	it('a late change of a record created in the window is recovered as updated, never as a second created', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		exo.sandbox.clock.advance(10);
		const fresh = customer('FRAIS');
		exo.sandbox.clock.advance(20);
		const anchor = customer('ANCRE');
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['FRAIS', 'created'], ['ANCRE', 'created']]);
		// committed now, stamped 10 s before the cursor
		edit(fresh, new Date(Date.parse(String(anchor.updated_at)) - 10_000).toISOString());
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['FRAIS', 'updated']]);
		expect(await exo.poll(base, staticData)).toBeNull();
	});
});

describe('the cursor belongs to the entity', () => {
	it('adding Deleted to Events goes on from the cursor: no replay, nothing dropped', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		exo.sandbox.clock.advance(5);
		customer('APRES1');
		const withDeleted = { ...base, events: ['created', 'deleted', 'updated'] };
		expect(codesAndEvents(await exo.poll(withDeleted, staticData))).toEqual([['APRES1', 'created']]);
		expect(await exo.poll(withDeleted, staticData)).toBeNull();
	});

	it('Start From Now: changes made between the last poll and an Events edit are emitted after it', async () => {
		const staticData: IDataObject = {};
		const now = { ...base, startFrom: 'now' };
		expect(await exo.poll(now, staticData)).toBeNull();
		exo.sandbox.clock.advance(5);
		customer('ENTRE');
		expect(codesAndEvents(await exo.poll({ ...now, events: ['created'] }, staticData))).toEqual([['ENTRE', 'created']]);
	});

	it('a Start Date that changes on every poll (an expression of $now) seeds the cursor once and never replays', async () => {
		const staticData: IDataObject = {};
		const customers = exo.sandbox.store.list('customers');
		const cut = String(customers[customers.length - 3].updated_at);
		const first = await drain({ ...base, startFrom: 'date', startDate: cut }, staticData);
		expect(first).toHaveLength(3);
		for (const daysBack of [1, 2, 3]) {
			const startDate = new Date(Date.parse(cut) - daysBack * 86_400_000).toISOString();
			expect(await exo.poll({ ...base, startFrom: 'date', startDate }, staticData)).toBeNull();
		}
	});

	it('a Start Date expression giving a Luxon DateTime is read as that instant', async () => {
		const staticData: IDataObject = {};
		const customers = exo.sandbox.store.list('customers');
		const cut = String(customers[customers.length - 2].updated_at);
		const startDate = `={{ DateTime.fromISO(${JSON.stringify(cut)}) }}`;
		expect(await drain({ ...base, startFrom: 'date', startDate }, staticData)).toHaveLength(2);
	});

	it('a state saved by version 0.1 (keyed by events and start) resumes from its cursor', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		const { since, cursorId } = staticData.exoConnectCursor as IDataObject;
		// 0.1 kept every (id, modified_at) pair processed inside the window
		const seen = exo.sandbox.store
			.list('customers')
			.filter((c) => Date.parse(String(c.updated_at)) >= Date.parse(String(since)) - 60_000)
			.map((c) => [c.id, c.updated_at]);
		const old: IDataObject = {
			exoConnectCursor: { key: JSON.stringify(['customers', ['created', 'updated'], 'everything', null]), since, cursorId, seen, caughtUp: true },
		};
		exo.sandbox.clock.advance(5);
		customer('MIGRE');
		expect(codesAndEvents(await exo.poll(base, old))).toEqual([['MIGRE', 'created']]);
		expect((old.exoConnectCursor as IDataObject).v).toBe(2);
	});
});

describe('late changes under sustained load', () => {
	it('a late change is recovered while every poll is cut by Max Changes, before it leaves the window', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		const params = { ...base, includeRecord: false, options: { maxChanges: 50 } };
		const target = exo.sandbox.store.list('customers')[2];
		const seen: IDataObject[] = [];
		// 12 changes a second for 2 minutes; the trigger takes 50 a poll, polls every 5 s: never caught up
		let late: string | undefined;
		for (let second = 0; second < 120; second++) {
			exo.sandbox.clock.advance(1);
			for (let i = 0; i < 12; i++) customer(`FLUX${second}-${i}`);
			if (second % 5 === 4) {
				const out = await exo.poll(params, staticData);
				seen.push(...emitted(out));
				const cursor = Date.parse(String((staticData.exoConnectCursor as IDataObject).since));
				if (second === 29) {
					// committed now with a time 20 s behind the cursor: inside the window, then quickly outside
					late = new Date(cursor - 20_000).toISOString();
					edit(target, late);
				}
			}
		}
		seen.push(...(await drain(params, staticData)));
		const recovered = seen.filter((c) => c.code === target.code);
		expect(recovered).toEqual([expect.objectContaining({ event: 'updated', modified_at: expect.any(String) })]);
		expect(Date.parse(String(recovered[0].modified_at))).toBe(Date.parse(String(late)));
		const flux = seen.filter((c) => String(c.code).startsWith('FLUX'));
		expect(flux).toHaveLength(1440);
		expect(new Set(flux.map((c) => c.code)).size).toBe(1440);
	});
});

describe('bounded state and cost', () => {
	it('20,000 changes in 20 s: the static data stays small, rereads ask for ids only, an idle poll costs one request once settled', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		for (let second = 0; second < 20; second++) {
			exo.sandbox.clock.advance(1);
			for (let i = 0; i < 1000; i++) customer(`RAFALE${second}-${i}`);
		}
		const params = { ...base, options: { maxChanges: 5000, lateChangeWindow: 1 } };
		exo.sandbox.clearLog();
		expect(await drain(params, staticData)).toHaveLength(20_000);
		expect(JSON.stringify(staticData).length).toBeLessThan(1_000);
		const rereads = updatesRequests().filter((r) => r.query.include_record === 'false');
		expect(rereads.length).toBeGreaterThan(0);
		// a late change is possible for one more second (the window): wait it out, then one reread settles it
		await sleep(1_100);
		expect(await exo.poll(params, staticData)).toBeNull();
		exo.sandbox.clearLog();
		expect(await exo.poll(params, staticData)).toBeNull();
		expect(exo.requests()).toEqual(['GET /api/helpers/updates']);
	});

	it('an idle poll leaves the static data object untouched, so n8n has nothing to save', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		const state = staticData.exoConnectCursor;
		expect(await exo.poll(base, staticData)).toBeNull();
		expect(staticData.exoConnectCursor).toBe(state);
	});

	it("a failing measure of ExoConnect's clock neither fails the poll nor is retried", async () => {
		const staticData: IDataObject = {};
		exo.sandbox.faults.add({ path: '/system/status', kind: 'status', status: 503 });
		expect((await drain(base, staticData)).length).toBeGreaterThan(0);
		expect(exo.requests().filter((r) => r === 'GET /system/status')).toHaveLength(1);
	});

	it('the seen changes of a 20,000-change burst inside the default window are stored as a few id ranges', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		for (let second = 0; second < 20; second++) {
			exo.sandbox.clock.advance(1);
			for (let i = 0; i < 1000; i++) customer(`SALVE${second}-${i}`);
		}
		expect(await drain({ ...base, includeRecord: false, options: { maxChanges: 5000 } }, staticData)).toHaveLength(20_000);
		const state = staticData.exoConnectCursor as { seen: Array<[string, string]> };
		expect(state.seen.length).toBeLessThanOrEqual(21);
		expect(JSON.stringify(staticData).length).toBeLessThan(3_000);
	});
});

describe('start settings and option values', () => {
	it('Start From A Date is read in the workflow time zone and sent with its offset', async () => {
		const staticData: IDataObject = {};
		exo.sandbox.clock.set('2026-03-02T08:59:59-05:00');
		customer('AVANT');
		exo.sandbox.clock.set('2026-03-02T09:00:00-05:00');
		customer('APRES');
		// 06:00 in Vancouver is 09:00 in Montreal
		const params = { ...base, startFrom: 'date', startDate: '2026-03-02T06:00:00' };
		const out = await exo.poll(params, staticData, 'trigger', undefined, 'America/Vancouver');
		expect(emitted(out).map((c) => c.code)).toEqual(['APRES']);
		// asked from the second before, so a customer created at 06:00:00 comes as created (§5.1 judges against since)
		expect(updatesRequests()[0].query).toEqual(expect.objectContaining({ since: '2026-03-02T05:59:59-08:00', cursor_id: '2147483647' }));
	});

	it('Start From Now emits a change made in the very second of activation', async () => {
		const staticData: IDataObject = {};
		const now = { ...base, startFrom: 'now' };
		expect(await exo.poll(now, staticData)).toBeNull();
		customer('MEME-SECONDE');
		// the server names the event relative to the request's time: created in that very second is not "after" it
		expect(emitted(await exo.poll(now, staticData)).map((c) => c.code)).toEqual(['MEME-SECONDE']);
		// whenever a request gives a time, it gives an id with it
		expect(updatesRequests().every((r) => r.query.since === undefined || r.query.cursor_id !== undefined)).toBe(true);
	});

	it.each([
		[{ maxChanges: '={{ "beaucoup" }}' }, 'Max Changes per Poll must be a number from 1 to 100000, not "beaucoup"'],
		[{ lateChangeWindow: '={{ "une minute" }}' }, 'Late Change Window (Seconds) must be a number from 0 to 600, not "une minute"'],
		[{ lateChangeWindow: 3600 }, 'Late Change Window (Seconds) must be a number from 0 to 600, not "3600"'],
	])('a bad option value %j fails the poll with a clear message before any request', async (options, message) => {
		const staticData: IDataObject = {};
		await expect(exo.poll({ ...base, options }, staticData)).rejects.toMatchObject({ message });
		expect(exo.sandbox.log).toHaveLength(0);
		expect(staticData).toEqual({});
	});

	it('Fetch Test Event shows only a selected event type', async () => {
		const staticData: IDataObject = {};
		const doomed = exo.sandbox.store.list('customers')[4];
		exo.sandbox.clock.advance(30);
		exo.sandbox.store.markDeleted('customers', Number(doomed.id));
		exo.sandbox.clock.advance(30);
		customer('DERNIER');
		const deleted = emitted(await exo.poll({ ...base, events: ['deleted'] }, staticData, 'manual'));
		expect(deleted.map((c) => [c.code, c.event])).toEqual([[doomed.code, 'deleted']]);
		const created = emitted(await exo.poll({ ...base, events: ['created'] }, staticData, 'manual'));
		expect(created.map((c) => [c.code, c.event])).toEqual([['DERNIER', 'created']]);
		expect(staticData).toEqual({});
	});
});
