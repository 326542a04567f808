/**
 * The seven defects of issue 18, each shown through real polls (n8n-core's PollContext) against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CreatedReading } from '../sandbox/store';
import { codesAndEvents, emitted, sandboxCustomers, useSandbox } from '../helpers/exo';

const exo = useSandbox({ customers: 20, products: 5 });

const base = { entity: 'customers', events: ['created', 'updated'], includeRecord: true, startFrom: 'everything' };

const { customer, edit } = sandboxCustomers(exo);

beforeEach(() => {
	exo.sandbox.reset();
	exo.sandbox.clock.set('2026-03-02T10:00:00-05:00');
});

describe.each<CreatedReading>(['since', 'cursor'])('1. created in the cursor\'s own second (server reads "created" against the %s)', (reading) => {
	beforeEach(() => {
		exo.sandbox.store.createdReading = reading;
	});

	it('three customers created in one second with Max Changes 2 all come as created, also with Events = Created', async () => {
		const all: IDataObject = {};
		const createdOnly: IDataObject = {};
		await exo.drain(base, all);
		await exo.drain({ ...base, events: ['created'] }, createdOnly);
		exo.sandbox.clock.advance(10);
		for (const code of ['LOT1', 'LOT2', 'LOT3']) customer(code);
		for (const [params, staticData] of [
			[{ ...base, options: { maxChanges: 2 } }, all],
			[{ ...base, events: ['created'], options: { maxChanges: 2 } }, createdOnly],
		] as const) {
			expect(codesAndEvents(await exo.poll(params, staticData))).toEqual([['LOT1', 'created'], ['LOT2', 'created']]);
			expect(codesAndEvents(await exo.poll(params, staticData))).toEqual([['LOT3', 'created']]);
			expect(await exo.poll(params, staticData)).toBeNull();
		}
	});

	it('Start From Now: a customer created in the very second of activation comes as created with Events = Created', async () => {
		const staticData: IDataObject = {};
		const now = { ...base, events: ['created'], startFrom: 'now' };
		expect(await exo.poll(now, staticData)).toBeNull();
		customer('MEME-SECONDE');
		expect(codesAndEvents(await exo.poll(now, staticData))).toEqual([['MEME-SECONDE', 'created']]);
		expect(await exo.poll(now, staticData)).toBeNull();
	});

	it('a customer created later in the second the last poll ended on comes as created', async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		customer('PREMIER');
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['PREMIER', 'created']]);
		customer('SECOND');
		expect(codesAndEvents(await exo.poll({ ...base, events: ['created'] }, staticData))).toEqual([['SECOND', 'created']]);
	});

	it("a customer created in the cursor's second and edited a second later, before it was emitted, comes as created once", async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		const first = customer('UN');
		const second = customer('DEUX');
		expect(codesAndEvents(await exo.poll({ ...base, options: { maxChanges: 1 } }, staticData))).toEqual([['UN', 'created']]);
		exo.sandbox.clock.advance(1);
		edit(second);
		edit(first);
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['UN', 'updated'], ['DEUX', 'created']]);
		expect(await exo.poll(base, staticData)).toBeNull();
	});
});

describe("1. bulk imports in one second, and the cost of asking from the second before", () => {
	const walks = () => exo.sandbox.log.filter((r) => r.path.endsWith('/api/helpers/updates') && r.query.include_record === 'true');

	it.each<CreatedReading>(['since', 'cursor'])(
		'30 customers in one second, Max Changes 20: all created (%s reading); an idle poll then reads none of them again',
		async (reading) => {
			exo.sandbox.store.createdReading = reading;
			const staticData: IDataObject = {};
			await exo.drain(base, staticData);
			exo.sandbox.clock.advance(10);
			for (let i = 0; i < 30; i++) customer(`LOT${i}`);
			const params = { ...base, events: ['created'], options: { maxChanges: 20 } };
			const all = (await exo.drain(params, staticData)).all;
			expect(all.map((c) => c.code)).toEqual(Array.from({ length: 30 }, (_, i) => `LOT${i}`));
			exo.sandbox.clearLog();
			expect(await exo.poll(params, staticData)).toBeNull();
			// asked strictly after the cursor first: an empty answer, not the second's 30 records again
			expect(walks().map((r) => r.query.cursor_id)).toEqual([String((staticData.exoConnectCursor as IDataObject).cursorId)]);
		},
	);

	it('600 customers in one second with Max Changes 250, under the cursor reading: all created, each once', async () => {
		exo.sandbox.store.createdReading = 'cursor';
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		for (let i = 0; i < 600; i++) customer(`IMPORT${i}`);
		const all = (await exo.drain({ ...base, events: ['created'], options: { maxChanges: 250 } }, staticData)).all;
		expect(all).toHaveLength(600);
		expect(new Set(all.map((c) => c.code)).size).toBe(600);
	});
});

describe('2. a reread cut by the poll time budget', () => {
	it('a late change found by a reread that runs out of time is emitted by the next poll, not marked seen and lost', async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		const target = exo.sandbox.store.list('customers')[2];
		exo.sandbox.clock.advance(30);
		for (let i = 0; i < 600; i++) customer(`RAFALE${i}`);
		await exo.drain({ ...base, options: { maxChanges: 5000 } }, staticData);
		// committed now, stamped 20 s before the cursor: the reread's first page holds it, the burst fills the rest
		const late = new Date(exo.sandbox.clock.seconds() - 20_000).toISOString();
		edit(target, late);
		// the reread's first page answers after the poll's time is up: the reread is cut before the cursor
		exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'latency', latencyMs: 400 });
		expect(await exo.poll(base, staticData, 'trigger', 500)).toBeNull();
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([[target.code, 'updated']]);
		expect(await exo.poll(base, staticData)).toBeNull();
	});
});

describe('3. the span the seen list covers', () => {
	it('raising Late Change Window re-emits nothing, and the wider window catches late changes once the cursor moves on', async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		customer('AVANT');
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['AVANT', 'created']]);
		exo.sandbox.clock.advance(100);
		customer('APRES');
		expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['APRES', 'created']]);
		// AVANT is 100 s behind the cursor: outside the old window's seen list, inside the new window
		const wider = { ...base, options: { lateChangeWindow: 180 } };
		expect(await exo.poll(wider, staticData)).toBeNull();
		exo.sandbox.clock.advance(200);
		const anchor = customer('ANCRE');
		expect(codesAndEvents(await exo.poll(wider, staticData))).toEqual([['ANCRE', 'created']]);
		const target = exo.sandbox.store.list('customers')[4];
		edit(target, new Date(Date.parse(String(anchor.updated_at)) - 120_000).toISOString());
		expect(codesAndEvents(await exo.poll(wider, staticData))).toEqual([[target.code, 'updated']]);
		expect(await exo.poll(wider, staticData)).toBeNull();
	});
});

describe('4. overlapping polls of one trigger', () => {
	it('a poll that starts while the previous one still waits for ExoConnect reads and writes nothing: each change once', async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		for (const code of ['A', 'B', 'C']) customer(code);
		exo.sandbox.clearLog();
		exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'latency', latencyMs: 300, times: Infinity });
		const [first, second] = await Promise.all([exo.poll(base, staticData), exo.poll(base, staticData)]);
		expect([...emitted(first), ...emitted(second)].map((c) => c.code)).toEqual(['A', 'B', 'C']);
		expect(exo.sandbox.faults.pending()[0].remaining).toBe(Infinity);
		exo.sandbox.faults.clear();
		expect(await exo.poll(base, staticData)).toBeNull();
	});

	it('a poll still running after its time budget no longer blocks the next one, and its late result is dropped', async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		for (const code of ['A', 'B']) customer(code);
		exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'latency', latencyMs: 1_000 });
		const stuck = exo.poll(base, staticData, 'trigger', 300);
		await sleep(500);
		// the stuck poll's lease ran out with its budget: this one takes over
		expect(emitted(await exo.poll(base, staticData)).map((c) => c.code)).toEqual(['A', 'B']);
		expect(await stuck).toBeNull();
		customer('C');
		expect(emitted(await exo.poll(base, staticData)).map((c) => c.code)).toEqual(['C']);
	});

	it('a poll that failed does not block the next one', async () => {
		const staticData: IDataObject = {};
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		customer('A');
		exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'status', status: 401 });
		await expect(exo.poll(base, staticData)).rejects.toMatchObject({ message: 'ExoConnect rejected the API key' });
		expect(emitted(await exo.poll(base, staticData)).map((c) => c.code)).toEqual(['A']);
	});
});

describe("5. Events that are not the entity's feed's", () => {
	it.each([
		[
			{ entity: 'customer_payments', events: ['created', 'updated'] },
			'Events "Created", "Updated" do not apply to customer payments',
			'Changed or Deleted',
		],
		[{ entity: 'customers', events: ['changed', 'deleted'] }, 'Events "Changed" do not apply to customers', 'Created, Updated or Deleted'],
	])('%j fails the poll with a message naming the valid events, before any request', async (params, message, valid) => {
		const staticData: IDataObject = {};
		const error = await exo.poll({ ...base, ...params }, staticData).catch((e: unknown) => e);
		expect(error).toMatchObject({ message, description: expect.stringContaining(valid) });
		expect(exo.sandbox.log).toHaveLength(0);
		expect(staticData).toEqual({});
	});

	it('an entity given by an expression gets its feed\'s usual events', async () => {
		const staticData: IDataObject = {};
		const out = await exo.poll({ entity: '={{ "customer_payments" }}', startFrom: 'everything' }, staticData);
		expect(new Set(emitted(out).map((c) => c.event))).toEqual(new Set(['changed']));
	});
});

describe('7. Include Full Record and a record that cannot be read', () => {
	/** Drained, then a customer changed late: committed now, stamped 30 s behind the cursor. */
	async function lateChange(staticData: IDataObject): Promise<IDataObject> {
		await exo.drain(base, staticData);
		exo.sandbox.clock.advance(10);
		const anchor = customer('ANCRE');
		await exo.drain(base, staticData);
		const target = exo.sandbox.store.list('customers')[3];
		edit(target, new Date(Date.parse(String(anchor.updated_at)) - 30_000).toISOString());
		exo.sandbox.clearLog();
		return target;
	}

	it('a record answering 500 on every try no longer fails every poll: the change comes once, with record null and a warning', async () => {
		const staticData: IDataObject = {};
		const target = await lateChange(staticData);
		exo.sandbox.faults.add({ path: `/api/customers/by-id/${String(target.id)}`, kind: 'status', status: 500, times: Infinity });
		const out = emitted(await exo.poll(base, staticData));
		expect(out).toEqual([
			expect.objectContaining({ code: target.code, event: 'updated', record: null, warning: expect.stringContaining('could not be read') }),
		]);
		expect(exo.requests().filter((r) => r.endsWith(`/by-id/${String(target.id)}`)).length).toBeGreaterThan(0);
		expect(await exo.poll(base, staticData)).toBeNull();
	});

	it("the records of late changes are read only within the poll's time: past it, the change comes with record null and a warning", async () => {
		const staticData: IDataObject = {};
		const target = await lateChange(staticData);
		// the reread answers after three quarters of the poll's time
		exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'latency', latencyMs: 450 });
		const out = emitted(await exo.poll(base, staticData, 'trigger', 500));
		expect(out).toEqual([expect.objectContaining({ code: target.code, event: 'updated', record: null, warning: expect.stringContaining('time') })]);
		expect(exo.requests().filter((r) => r.includes('/by-id/'))).toEqual([]);
	});
});
