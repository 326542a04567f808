/**
 * The updates helper's `entity` parameter is [inferred]: a server that ignores it answers every entity's
 * changes. The trigger and Helper › Get Changes must then keep only the asked entity's, each once, while the
 * cursor moves over the others (nothing read again forever, nothing of the asked entity skipped).
 */
import type { IDataObject } from 'n8n-workflow';

import { codesAndEvents, emitted, useSandbox } from '../helpers/exo';

const exo = useSandbox({ customers: 5, products: 5, ignoreUpdatesEntity: true });

const customers = { entity: 'customers', events: ['created', 'updated'], includeRecord: true, startFrom: 'everything' };
const products = { ...customers, entity: 'products' };

const insert = (entity: 'customers' | 'products', code: string) => exo.sandbox.store.insert(entity, { code, description: `${entity} ${code}` });

/** In one second, customers and products created in turn: each pair shares its id and its modified_at. */
function mixedBurst(pairs: number): { customers: string[]; products: string[] } {
	const burst = { customers: [] as string[], products: [] as string[] };
	for (let i = 1; i <= pairs; i++) {
		burst.customers.push(String(insert('customers', `CLI-${i}`).code));
		burst.products.push(String(insert('products', `PRD-${i}`).code));
	}
	return burst;
}

beforeEach(() => {
	exo.sandbox.reset();
	exo.sandbox.clock.set('2026-03-02T10:00:00-05:00');
});

it('the sandbox quirk answers every entity on the updates helper', async () => {
	mixedBurst(1);
	const answer = await fetch(`${exo.sandbox.url}/api/helpers/updates?entity=products&since=2026-03-02T09:59:59-05:00`, {
		headers: { 'x-api-key': exo.sandbox.apiKey },
	});
	const { items } = (await answer.json()) as { items: IDataObject[] };
	expect(items.map((c) => [c.entity, c.code])).toEqual([
		['customers', 'CLI-1'],
		['products', 'PRD-1'],
	]);
});

describe.each([
	['customers', customers, 'customers' as const],
	// products come after customers in the server's order of equal (modified_at, id): a page may end on the customer
	['products', products, 'products' as const],
])('the trigger on %s, with a server that ignores entity', (_, params, own) => {
	it('emits only its entity, each change exactly once, through a mixed burst larger than Max Changes', async () => {
		const staticData: IDataObject = {};
		const before = (await exo.drain(params, staticData)).all;
		expect(before.length).toBeGreaterThan(0);
		expect(before.every((c) => c.entity === own)).toBe(true);
		exo.sandbox.clock.advance(10);
		const burst = mixedBurst(7);
		const all: IDataObject[] = [];
		for (const maxChanges of [3, 1, 2, 3]) all.push(...emitted(await exo.poll({ ...params, options: { maxChanges } }, staticData)));
		expect(all.map((c) => [c.entity, c.code, c.event])).toEqual(burst[own].map((code) => [own, code, 'created']));
		// Include Full Record read them from their own route
		expect(all.every((c) => (c.record as IDataObject).code === c.code)).toBe(true);
		expect(await exo.poll(params, staticData)).toBeNull();
	});

	it('a page holding only other entities\' changes does not end the walk, and the cursor moves over them', async () => {
		const staticData: IDataObject = {};
		await exo.drain(params, staticData);
		exo.sandbox.clock.advance(10);
		const other = own === 'customers' ? 'products' : 'customers';
		for (let i = 1; i <= 6; i++) insert(other, `AUTRE-${i}`);
		exo.sandbox.clock.advance(1);
		const mine = insert(own, 'LE-MIEN');
		expect(codesAndEvents(await exo.poll({ ...params, options: { maxChanges: 2 } }, staticData))).toEqual([['LE-MIEN', 'created']]);
		expect(await exo.poll(params, staticData)).toBeNull();
		// passed over, never read again: the cursor sits on the last change, whatever its entity
		exo.sandbox.clock.advance(10);
		for (let i = 7; i <= 12; i++) insert(other, `AUTRE-${i}`);
		expect(await exo.poll(params, staticData)).toBeNull();
		const cursor = staticData.exoConnectCursor as IDataObject;
		expect(Date.parse(String(cursor.since))).toBe(Date.parse(String(exo.sandbox.store.getByCode(other, 'AUTRE-12')?.updated_at)));
		expect(emitted(await exo.poll(params, staticData))).toEqual([]);
		exo.sandbox.clock.advance(1);
		exo.sandbox.store.touch(own, Number(mine.id));
		expect(codesAndEvents(await exo.poll(params, staticData))).toEqual([['LE-MIEN', 'updated']]);
	});
});

it('Helper › Get Changes returns only the asked entity, up to its Limit, from a server that ignores entity', async () => {
	exo.sandbox.clock.advance(10);
	const since = '2026-03-02T10:00:05-05:00';
	const burst = mixedBurst(4);
	const limited = await exo.run({ resource: 'helper', operation: 'getChanges', entity: 'products', since, limit: 3, includeRecord: false });
	expect(limited.map((item) => [item.json.entity, item.json.code])).toEqual(burst.products.slice(0, 3).map((code) => ['products', code]));
	const all = await exo.run({ resource: 'helper', operation: 'getChanges', entity: 'customers', since, returnAll: true, includeRecord: true });
	expect(all.map((item) => [item.json.entity, item.json.code])).toEqual(burst.customers.map((code) => ['customers', code]));
	expect(all.every((item) => (item.json.record as IDataObject).code === item.json.code)).toBe(true);
});

it("a late change is recovered once among other entities' changes, by a reread that does not stop at them", async () => {
	const staticData: IDataObject = {};
	await exo.drain(customers, staticData);
	exo.sandbox.clock.advance(10);
	for (let i = 1; i <= 3; i++) insert('products', `AVANT-${i}`);
	const anchor = insert('customers', 'ANCRE');
	expect(codesAndEvents(await exo.poll(customers, staticData))).toEqual([['ANCRE', 'created']]);
	exo.sandbox.clock.advance(5);
	for (let i = 1; i <= 3; i++) insert('products', `APRES-${i}`);
	const target = exo.sandbox.store.list('customers')[2];
	exo.sandbox.store.touch('customers', Number(target.id), { modifiedAt: new Date(Date.parse(String(anchor.updated_at)) - 2_000).toISOString() });
	expect(codesAndEvents(await exo.poll(customers, staticData))).toEqual([[target.code, 'updated']]);
	expect(await exo.poll(customers, staticData)).toBeNull();
});
