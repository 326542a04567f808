/** The pure parts of sync: what counts as a change, Map Automatically, the shared gate, items in order. */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { changedFields } from '../../nodes/ExoConnect/actions/planning/compare';
import { autoMap, bodyFromValues } from '../../nodes/ExoConnect/actions/input/mappedBody';
import { itemConcurrency, runInOrder } from '../../nodes/ExoConnect/actions/run/parallel';
import { startRun } from '../../nodes/ExoConnect/actions/run/runContext';
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { RequestGate } from '../../nodes/ExoConnect/transport/writeGate';

const customers = resourceByKey('customers') as ResourceDef;
const products = resourceByKey('products') as ResourceDef;
const orders = resourceByKey('sales_orders') as ResourceDef;

/** A full customer as the documentation shows it (contract §9). */
const customer: IDataObject = {
	id: 1,
	code: 'JACHETE',
	description: 'Jachète inc.',
	sales_rep: { id: 8, code: 42 },
	payment_term: { id: 1, code: 1 },
	language: { id: 1, code: 'FR', label: 'Français' },
	address: { line1: '1234, rue Principale', city: 'Montréal', province: 'QC', postal_code: 'H2X 1Y4', country_code: 'CA' },
	phones: [{ type: 'main', number: '514-555-0142' }, { type: 'other_1', number: '514-555-0199', description: 'Entrepôt' }],
	emails: [{ type: 'primary', address: 'comptes@jachete.example' }],
	credit_limit: 25000,
	comment: { text: 'Porte arrière', show_on_transaction: true },
	status: { is_active: true, is_deleted: false },
};

describe('changedFields', () => {
	it('reads the documented shapes: codes as strings, numbers as numbers, comment text, status', () => {
		const same = { code: 'JACHETE', sales_rep_code: '42', term_code: '1', language_code: 'FR', credit_limit: 25000, comment: { text: 'Porte arrière' }, is_active: true };
		expect(changedFields(customers, same, customer)).toEqual({});
		expect(changedFields(customers, { sales_rep_code: '042', credit_limit: 25000.5, is_active: false }, customer)).toEqual({ sales_rep_code: '042', credit_limit: 25000.5, is_active: false });
	});

	it('compares a product with its price in prices.regular and its unit in unit.code', () => {
		const product = { code: 'W', description: 'Support', prices: { regular: 24.99, last_cost: 11.2 }, unit: { code: 'UN', label: 'Unité' } };
		expect(changedFields(products, { code: 'W', description: 'Support', price: 24.99, cost: 11.2, unit: 'UN' }, product)).toEqual({});
		expect(changedFields(products, { price: 25 }, product)).toEqual({ price: 25 });
	});

	it('an address by the parts given, sent whole when one differs', () => {
		expect(changedFields(customers, { address: { city: 'Montréal' } }, customer)).toEqual({});
		expect(changedFields(customers, { address: { city: 'Laval' } }, customer)).toEqual({
			address: { line1: '1234, rue Principale', city: 'Laval', province: 'QC', postal_code: 'H2X 1Y4', country_code: 'CA' },
		});
	});

	it('phones by type; a changed one is sent with the others kept', () => {
		expect(changedFields(customers, { phones: [{ type: 'main', number: '514-555-0142' }] }, customer)).toEqual({});
		expect(changedFields(customers, { phones: [{ type: 'fax', number: '514-555-0000' }] }, customer)).toEqual({
			phones: [
				{ type: 'main', number: '514-555-0142' },
				{ type: 'other_1', number: '514-555-0199', description: 'Entrepôt' },
				{ type: 'fax', number: '514-555-0000' },
			],
		});
	});

	it('document lines by position over the parts given, quantities as numbers', () => {
		const order = { customer_code: 'JACHETE', customer: { code: 'JACHETE' }, details: [{ line_number: 1, sku: 'W', ordered_qty: 2, unit_price: 24.99, total: 49.98 }, { line_number: 2, description: 'Note' }] };
		expect(changedFields(orders, { customer_code: 'JACHETE', details: [{ sku: 'W', ordered_qty: '2' }, { description: 'Note' }] }, order)).toEqual({});
		expect(changedFields(orders, { details: [{ sku: 'W', ordered_qty: 3 }, { description: 'Note' }] }, order)).toHaveProperty('details');
		expect(changedFields(orders, { details: [{ sku: 'W', ordered_qty: 2 }] }, order)).toHaveProperty('details');
	});
});

describe('Map Automatically', () => {
	it('matches API names, display names and synonyms, without case or punctuation, each input once', () => {
		const shop = { Name: 'Boutique', EMAIL: 'a@b.example', phone: '1', zip: 'J8Y', 'Customer Code': 'C1', city: 'Hull', extra: 'x', address: { city: 'nested is not a scalar' } };
		expect(autoMap(customers, shop)).toEqual({
			code: 'C1',
			description: 'Boutique',
			'address.city': 'Hull',
			'address.postal_code': 'J8Y',
			'phones.main': '1',
			'emails.primary': 'a@b.example',
		});
	});

	it('an API name wins over a display name or synonym: `code` beats `sku`', () => {
		expect(autoMap(products, { sku: 'W', code: 'REAL', name: 'N' })).toEqual({ code: 'REAL', description: 'N' });
	});

	it('parts become the API shapes; blanks are left out', () => {
		const { body } = bodyFromValues(customers, { code: 'C1', 'address.city': 'Hull', 'address.line1': ' ', 'phones.fax': 5551234, 'emails.primary': '', credit_limit: '' }, true);
		expect(body).toEqual({ code: 'C1', address: { city: 'Hull' }, phones: [{ type: 'fax', number: '5551234' }] });
	});
});

describe('RequestGate', () => {
	it('holds every caller until the longest closing has passed', async () => {
		const gate = new RequestGate();
		gate.closeFor(120);
		gate.closeFor(20); // a shorter one does not open it early
		const started = Date.now();
		await Promise.all([gate.pass(), gate.pass()]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		expect(gate.remainingMs()).toBe(0);
	});
});

describe('RequestGate slots', () => {
	it('keeps at most the limit in flight, lets every request through once, and holds them while closed', async () => {
		const gate = new RequestGate();
		gate.limitTo(2);
		const entered: Array<{ i: number; at: number }> = [];
		let closedAt = 0;
		let peak = 0;
		await Promise.all(
			[0, 1, 2, 3, 4].map(async (i) => {
				await gate.enter();
				peak = Math.max(peak, gate.inFlight());
				entered.push({ i, at: Date.now() });
				await sleep(5);
				if (i === 0) {
					closedAt = Date.now();
					gate.closeFor(60);
				}
				gate.release();
			}),
		);
		expect(peak).toBe(2);
		expect(entered.map((e) => e.i).sort()).toEqual([0, 1, 2, 3, 4]);
		// 0 and 1 were on the wire before the closing; 3 and 4 could only get a slot after it, and waited it out
		const late = entered.filter((e) => e.i >= 3);
		for (const e of late) expect(e.at - closedAt).toBeGreaterThanOrEqual(55);
		expect(gate.inFlight()).toBe(0);
	});
});

describe('runInOrder', () => {
	it('runs at most `concurrency` at once and keeps results in input order', async () => {
		let running = 0;
		let peak = 0;
		const outcomes = await runInOrder(
			7,
			3,
			async (i) => {
				running++;
				peak = Math.max(peak, running);
				await sleep(1);
				running--;
				return i * 10;
			},
			true,
		);
		expect(peak).toBe(3);
		expect(outcomes.map((o) => (o?.ok ? o.value : undefined))).toEqual([0, 10, 20, 30, 40, 50, 60]);
	});

	it('stops starting items after a failure when asked, and goes on otherwise', async () => {
		const fail = async (i: number) => {
			if (i === 1) throw new Error('bad');
			return i;
		};
		expect((await runInOrder(5, 1, fail, true)).map((o) => o?.ok)).toEqual([true, false, undefined, undefined, undefined]);
		expect((await runInOrder(5, 1, fail, false)).map((o) => o?.ok)).toEqual([true, false, true, true, true]);
	});
});

describe('Map Each Field Manually stays the default of saved workflows', () => {
	const { properties } = new ExoConnect().description;
	const fieldsInput = properties.filter((p) => p.name === 'fieldsInput');

	it('Create and Update default to the form, Create or Update (new) to the mapper', () => {
		expect(fieldsInput.map((p) => [p.displayOptions?.show?.operation, p.default])).toEqual([
			[['create', 'update'], 'manual'],
			[['upsert'], 'mapper'],
		]);
		expect(fieldsInput[0].options?.map((o) => (o as { name: string }).name)).toEqual(['Use the Field Mapper', 'Map Each Field Manually']);
	});

	it('the form shows in manual mode only, for Create or Update too; the mapper in mapper mode', () => {
		const additional = properties.find((p) => p.name === 'additionalFields' && p.displayOptions?.show?.resource?.includes('product'));
		expect(additional?.displayOptions?.show).toEqual({ resource: ['product'], operation: ['create', 'upsert'], fieldsInput: ['manual'] });
		const update = properties.find((p) => p.name === 'updateFields' && p.displayOptions?.show?.resource?.includes('product'));
		expect(update?.displayOptions?.show).toEqual({ resource: ['product'], operation: ['update'], fieldsInput: ['manual'] });
		const picker = properties.find((p) => p.name === 'record' && p.displayOptions?.show?.resource?.includes('product'));
		expect(picker?.displayOptions).toEqual({ show: { resource: ['product'], operation: ['get', 'update'] }, hide: { fieldsInput: ['mapper'] } });
		const mappers = properties.filter((p) => p.type === 'resourceMapper');
		expect(mappers.map((p) => [p.displayOptions?.show?.operation, p.typeOptions?.resourceMapper?.mode])).toEqual([
			[['create'], 'add'],
			[['update'], 'update'],
			[['upsert'], 'upsert'],
		]);
		expect(mappers[2].displayOptions?.show?.resource).not.toContain('invoice');
	});
});

describe('Parallel Writes by default', () => {
	const context = (parameters: IDataObject, items = 6) =>
		startRun({
			getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
			getNodeParameter: (name: string, _index: number, fallback?: unknown) => parameters[name] ?? fallback,
			getNode: () => ({ parameters }),
		} as never);

	it('creates new documents one at a time, so Acomba numbers them in input order; other writes four at a time', () => {
		expect(itemConcurrency(context({ resource: 'quote', operation: 'create' }))).toEqual({ items: 1 });
		expect(itemConcurrency(context({ resource: 'salesOrder', operation: 'create' }))).toEqual({ items: 1 });
		expect(itemConcurrency(context({ resource: 'customer', operation: 'create' }))).toEqual({ items: 4 });
		expect(itemConcurrency(context({ resource: 'quote', operation: 'update' }))).toEqual({ items: 4 });
		expect(itemConcurrency(context({ resource: 'quote', operation: 'create', options: { parallelWrites: 3 } }))).toEqual({ items: 3 });
	});
});
