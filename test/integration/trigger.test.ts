/**
 * The trigger in n8n-core's real PollContext against the sandbox, whose clock the tests set: several
 * changes can share one second, and a change can be committed "late" with an older timestamp.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { EntityKey } from '../../nodes/ExoConnect/catalog';
import { trigger, useSandbox } from '../helpers/exo';
import { runLoadOptions } from '../helpers/n8n';

const exo = useSandbox({ customers: 20, products: 20 });

const base = { entity: 'customers', events: ['created', 'updated'], includeRecord: true, startFrom: 'everything' };

/** The cursor after a drain: the latest change of the entity. */
const latestChange = (entity: EntityKey) => Math.max(...exo.sandbox.store.list(entity).map((r) => Date.parse(String(r.updated_at))));

const emitted = (out: INodeExecutionData[][] | null) => (out ? out[0].map((i) => i.json) : []);
const key = (c: IDataObject) => `${String(c.id)}@${String(c.modified_at)}`;

function newCustomers(count: number, prefix: string): IDataObject[] {
	return Array.from({ length: count }, (_, i) =>
		exo.sandbox.store.insert('customers', { code: `${prefix}${i}`, description: `Client ${prefix} ${i}` }),
	);
}

const drain = async (parameters: IDataObject, staticData: IDataObject) => await exo.drain(parameters, staticData);

beforeEach(() => {
	exo.sandbox.reset();
	exo.sandbox.clock.set('2026-03-02T09:00:00-05:00');
});

describe('ExoConnect Trigger', () => {
	it('Start From Everything emits the backlog once, then nothing', async () => {
		const staticData: IDataObject = {};
		const { all } = await drain(base, staticData);
		const customers = exo.sandbox.store.list('customers');
		expect(all).toHaveLength(customers.length);
		expect(new Set(all.map(key)).size).toBe(all.length);
		expect(all[0]).toEqual({
			event: 'created',
			entity: 'customers',
			id: expect.any(Number),
			code: expect.any(String),
			modified_at: expect.any(String),
			record: expect.objectContaining({ code: all[0].code }),
		});
		exo.sandbox.clearLog();
		expect(await exo.poll(base, staticData)).toBeNull();
		expect(exo.sandbox.log).toHaveLength(1);
	});

	it('Start From Now emits nothing on the first poll, then only later changes', async () => {
		const staticData: IDataObject = {};
		const params = { ...base, startFrom: 'now' };
		expect(await exo.poll(params, staticData)).toBeNull();
		// ExoConnect's time seeds the cursor; its maintenance windows are read with it
		expect(exo.requests()).toEqual(['GET /system/status', 'GET /system/sdk/windows']);
		exo.sandbox.clock.advance(5);
		const [fresh] = newCustomers(1, 'NOW');
		const out = emitted(await exo.poll(params, staticData));
		expect(out.map((c) => c.code)).toEqual([fresh.code]);
		expect(await exo.poll(params, staticData)).toBeNull();
	});

	it('3 changes sharing one second, split across a page boundary and two polls, are each emitted once', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		exo.sandbox.clock.advance(10);
		const same = newCustomers(3, 'SAME');
		expect(new Set(same.map((c) => c.updated_at)).size).toBe(1);
		const params = { ...base, options: { maxChanges: 2 } };
		const first = emitted(await exo.poll(params, staticData));
		const second = emitted(await exo.poll(params, staticData));
		expect(first.map((c) => c.code)).toEqual(['SAME0', 'SAME1']);
		expect(second.map((c) => c.code)).toEqual(['SAME2']);
		expect(await exo.poll(params, staticData)).toBeNull();
	});

	it('drains 10,000 changes over several polls with Max 500: all, none twice, in order', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		exo.sandbox.clock.advance(60);
		const created: IDataObject[] = [];
		for (let i = 0; i < 10_000; i++) {
			if (i % 1500 === 0) exo.sandbox.clock.advance(1);
			created.push(exo.sandbox.store.insert('customers', { code: `BULK${i}`, description: `Client en lot ${i}` }));
		}
		exo.sandbox.clearLog();
		const { all, polls } = await drain({ ...base, options: { maxChanges: 500 } }, staticData);
		expect(all.map((c) => c.code)).toEqual(created.map((c) => c.code));
		expect(polls).toBe(21);
		const updates = exo.sandbox.log.filter((r) => r.path.endsWith('/api/helpers/updates'));
		// new changes: full records, at most two requests per poll (the first is asked from the second before the
		// cursor, and gives way when that second already holds a page of processed changes); the late-change
		// rereads ask for ids only
		const walks = updates.filter((r) => r.query.include_record === 'true');
		expect(walks.length).toBeGreaterThanOrEqual(polls);
		expect(walks.length).toBeLessThanOrEqual(2 * polls);
		expect(walks.every((r) => r.query.limit === '500')).toBe(true);
		// every poll rereads the window (the sandbox's clock stands still, so a late change stays possible):
		// at most one page of 500 ids per 500 changes in it
		expect(updates.length - walks.length).toBeLessThanOrEqual(polls * Math.ceil(10_000 / 500));
	});

	/** Drained, then one new customer "now": the cursor sits at the sandbox's present, where late changes happen. */
	async function drainedAtPresent(parameters: IDataObject, staticData: IDataObject): Promise<number> {
		await drain(parameters, staticData);
		exo.sandbox.clock.advance(10);
		newCustomers(1, 'ANCHOR');
		await drain(parameters, staticData);
		exo.sandbox.clock.advance(5);
		return latestChange('customers');
	}

	it('a change committed late, 30 s behind the cursor, is emitted once', async () => {
		const staticData: IDataObject = {};
		const cursor = await drainedAtPresent(base, staticData);
		const target = exo.sandbox.store.list('customers')[3];
		exo.sandbox.store.touch('customers', Number(target.id), { modifiedAt: new Date(cursor - 30_000).toISOString() });
		const out = emitted(await exo.poll(base, staticData));
		expect(out.map((c) => [c.code, c.event])).toEqual([[target.code, 'updated']]);
		// recovered with ids only, then its full record read by id
		expect(out[0].record).toEqual(expect.objectContaining({ id: target.id, code: target.code }));
		expect(await exo.poll(base, staticData)).toBeNull();
	});

	it('a change 120 s behind is missed with the default window and caught with a 180 s window', async () => {
		for (const [options, expected] of [[{}, 0], [{ lateChangeWindow: 180 }, 1]] as const) {
			exo.sandbox.reset();
			const staticData: IDataObject = {};
			const params = { ...base, options };
			const cursor = await drainedAtPresent(params, staticData);
			const target = exo.sandbox.store.list('customers')[5];
			exo.sandbox.store.touch('customers', Number(target.id), { modifiedAt: new Date(cursor - 120_000).toISOString() });
			const out = emitted(await exo.poll(params, staticData));
			expect(out).toHaveLength(expected);
		}
	});

	it('503 on the third page: the first two pages are emitted, the next poll resumes after them', async () => {
		const staticData: IDataObject = { };
		const params = { ...base, startFrom: 'everything' };
		const total = exo.sandbox.store.list('customers').length;
		// pages of 500 are too large for 20 customers: add enough for three pages
		exo.sandbox.clock.advance(1);
		newCustomers(1100, 'P');
		exo.sandbox.faults.add({ path: '/api/helpers/updates', afterMatches: 2, times: 4, kind: 'status', status: 503 });
		const first = emitted(await exo.poll({ ...params, options: { maxChanges: 5000 } }, staticData));
		// the second page is asked from the second before the cursor: it reads the first one's 480 changes of
		// that second again and adds 20
		expect(first).toHaveLength(520);
		exo.sandbox.faults.clear();
		const rest = emitted(await exo.poll({ ...params, options: { maxChanges: 5000 } }, staticData));
		expect(first.length + rest.length).toBe(total + 1100);
		expect(new Set([...first, ...rest].map(key)).size).toBe(total + 1100);
	});

	it('401 on the first page: NodeApiError and the state is unchanged', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		newCustomers(2, 'AUTH');
		const before = JSON.stringify(staticData);
		exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'status', status: 401, detail: 'Invalid API key' });
		await expect(exo.poll(base, staticData)).rejects.toMatchObject({ message: 'ExoConnect rejected the API key' });
		expect(JSON.stringify(staticData)).toBe(before);
		expect(emitted(await exo.poll(base, staticData)).map((c) => c.code)).toEqual(['AUTH0', 'AUTH1']);
	});

	it('manual mode returns the most recent change and leaves the state byte for byte', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		exo.sandbox.clock.advance(3);
		newCustomers(2, 'MAN');
		const before = JSON.stringify(staticData);
		const out = emitted(await exo.poll(base, staticData, 'manual'));
		expect(out.map((c) => c.code)).toEqual(['MAN1']);
		expect(JSON.stringify(staticData)).toBe(before);
	});

	it('Events: a deleted customer is emitted only when Deleted is selected', async () => {
		const without: IDataObject = {};
		const withDeleted: IDataObject = {};
		const all = { ...base, events: ['created', 'updated', 'deleted'] };
		await drain(base, without);
		await drain(all, withDeleted);
		exo.sandbox.clock.advance(2);
		const target = exo.sandbox.store.list('customers')[1];
		exo.sandbox.store.markDeleted('customers', Number(target.id));
		expect(await exo.poll(base, without)).toBeNull();
		expect(emitted(await exo.poll(all, withDeleted))).toEqual([expect.objectContaining({ code: target.code, event: 'deleted' })]);
	});

	it('changing the entity starts a new cursor instead of reusing the old one', async () => {
		const staticData: IDataObject = {};
		await drain(base, staticData);
		const products = emitted(await exo.poll({ ...base, entity: 'products', options: { maxChanges: 5000 } }, staticData));
		expect(products.length).toBe(exo.sandbox.store.list('products').length);
		expect(products.every((p) => p.entity === 'products')).toBe(true);
	});

	it('Start From A Date emits the changes from that date on, then only new ones', async () => {
		const customers = exo.sandbox.store.list('customers');
		const cut = customers[customers.length - 5];
		const params = { ...base, startFrom: 'date', startDate: String(cut.updated_at) };
		const staticData: IDataObject = {};
		const out = emitted(await exo.poll({ ...params, options: { maxChanges: 5000 } }, staticData));
		const expected = customers.filter((c) => Date.parse(String(c.updated_at)) >= Date.parse(String(cut.updated_at)));
		expect(out.map((c) => c.code)).toEqual(expected.map((c) => c.code));
		expect(out.length).toBeGreaterThan(0);
		// asked from the second before the date, so that a record created at that second comes as created
		const first = exo.sandbox.log.find((r) => r.path.endsWith('/api/helpers/updates'));
		expect(Date.parse(String(first?.query.since))).toBe(Date.parse(String(cut.updated_at)) - 1000);
		expect(first?.query.cursor_id).toBe('2147483647');
		expect(await exo.poll(params, staticData)).toBeNull();
	});

	it('lists the entities from the server, and from the catalog when that call fails', async () => {
		const credentials = exo.credentials;
		const listed = await runLoadOptions({ node: trigger, method: 'getEntities', parameters: {}, credentials });
		expect(listed).toHaveLength(21); // 16 of the updates helper, 5 extracts
		expect(listed.find((o) => o.value === 'customers')).toEqual({ name: 'Customers', value: 'customers', description: `${exo.sandbox.store.table('customers').liveRecords().length} records` });
		exo.sandbox.faults.add({ path: '/api/helpers/entities', kind: 'status', status: 401 });
		const fallback = await runLoadOptions({ node: trigger, method: 'getEntities', parameters: {}, credentials });
		expect(fallback.map((o) => o.value).sort()).toEqual(listed.map((o) => o.value).sort());
		expect(fallback.find((o) => o.value === 'customers')?.description).toBe('Acomba: Clients');
	});
});
