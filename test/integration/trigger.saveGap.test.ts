/**
 * The save gap of n8n 2.x: a poll's static data is saved only after the poll returned, so a poll starting in
 * between gets the static data as it was before, and would read the old cursor again. Two polls driven in
 * process, the second one given the static data as saved before the first one (`savedCopy`).
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { forgetLeases } from '../../nodes/ExoConnect/trigger/lease';
import { codesAndEvents, emitted, sandboxCustomers, savedCopy, useSandbox } from '../helpers/exo';

const exo = useSandbox({ customers: 5, products: 5 });

const base = { entity: 'customers', events: ['created', 'updated'], includeRecord: false, startFrom: 'everything' };
const updatesRequests = () => exo.sandbox.log.filter((r) => r.path.endsWith('/api/helpers/updates'));

const { customer } = sandboxCustomers(exo);

/** A drained trigger, then a poll emitting customer A; the static data as saved before that poll. */
async function pollEmittingA(): Promise<IDataObject> {
	const staticData: IDataObject = {};
	await exo.drain(base, staticData);
	exo.sandbox.clock.advance(10);
	customer('A');
	const beforeSave = savedCopy(staticData);
	expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([['A', 'created']]);
	return beforeSave;
}

beforeEach(() => {
	exo.sandbox.reset();
	exo.sandbox.clock.set('2026-03-02T10:00:00-05:00');
});

it('a poll given the static data from before the last emitting poll was saved emits nothing again, and resumes after it', async () => {
	const staticData: IDataObject = {};
	await exo.drain(base, staticData);
	exo.sandbox.clock.advance(10);
	for (const code of ['A', 'B']) customer(code);
	const beforeSave = savedCopy(staticData);
	expect(codesAndEvents(await exo.poll(base, staticData))).toEqual([
		['A', 'created'],
		['B', 'created'],
	]);
	exo.sandbox.clock.advance(1);
	customer('C');
	// the next poll starts before n8n saved the first one's static data
	expect(codesAndEvents(await exo.poll(base, beforeSave))).toEqual([['C', 'created']]);
	// and what it returns is what n8n saves: the next poll resumes after C
	expect(await exo.poll(base, beforeSave)).toBeNull();
	const cursor = beforeSave.exoConnectCursor as IDataObject;
	// plain JSON, with a revision number
	expect(JSON.parse(JSON.stringify(cursor))).toEqual(cursor);
	expect(cursor.rev).toBeGreaterThan((staticData.exoConnectCursor as IDataObject).rev as number);
});

it("a state that did not change keeps its revision: static data is written only when a poll changed it", async () => {
	const staticData: IDataObject = {};
	await exo.drain(base, staticData);
	const before = JSON.stringify(staticData);
	expect(await exo.poll(base, staticData)).toBeNull();
	expect(JSON.stringify(staticData)).toBe(before);
});

it('the first poll of a trigger, not saved yet: the next one skips without reading the cursor, and only a few poll budgets long', async () => {
	const staticData: IDataObject = {};
	const neverSaved = savedCopy(staticData);
	const first = emitted(await exo.poll(base, staticData));
	expect(first.length).toBeGreaterThan(0);
	exo.sandbox.clearLog();
	expect(await exo.poll(base, neverSaved, 'trigger', 200)).toBeNull();
	expect(updatesRequests()).toEqual([]);
	expect(neverSaved).toEqual({});
	// static data cleared by the user: after three poll budgets the trigger starts over
	await sleep(650);
	expect(emitted(await exo.poll(base, neverSaved, 'trigger', 200)).map((c) => c.code)).toEqual(first.map((c) => c.code));
});

it('a trigger switched to another entity is not held back by what the previous entity committed', async () => {
	const beforeSave = await pollEmittingA();
	const products = { ...base, entity: 'products' };
	expect(emitted(await exo.poll(products, beforeSave)).every((c) => c.entity === 'products')).toBe(true);
	expect((beforeSave.exoConnectCursor as IDataObject).entity).toBe('products');
});

it('a restarted n8n remembers nothing: it resumes from the static data it loads', async () => {
	const saved = await pollEmittingA();
	forgetLeases();
	expect(codesAndEvents(await exo.poll(base, saved))).toEqual([['A', 'created']]);
});

it('a poll that returned past its time budget is not remembered: n8n may have given it up, its changes come again', async () => {
	const staticData: IDataObject = {};
	await exo.drain(base, staticData);
	exo.sandbox.clock.advance(10);
	customer('A');
	const beforeSave = savedCopy(staticData);
	exo.sandbox.faults.add({ path: '/api/helpers/updates', kind: 'latency', latencyMs: 400 });
	expect(codesAndEvents(await exo.poll(base, staticData, 'trigger', 300))).toEqual([['A', 'created']]);
	expect(codesAndEvents(await exo.poll(base, beforeSave))).toEqual([['A', 'created']]);
});
