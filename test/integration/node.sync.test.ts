/**
 * Create or Update, the field mapper and parallel writes, against the sandbox over HTTP: what is read,
 * what is written (only what changed), races (409), rate limits under concurrency, and items that fail
 * in the middle of a batch.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { resourceMapping } from '../../nodes/ExoConnect/methods/resourceMapping';
import { action, useSandbox } from '../helpers/exo';
import { createExecuteContext, runResourceMapping } from '../helpers/n8n';

const exo = useSandbox({ products: 40, customers: 20 });

afterEach(() => {
	exo.sandbox.faults.clear();
	exo.sandbox.reset();
});

const PRODUCTS = '/api/inventory/products';
const autoMapped = (resource: string, options: IDataObject = {}) => ({
	resource,
	operation: 'upsert',
	columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [] },
	options,
});
const items = (list: IDataObject[]): INodeExecutionData[] => list.map((json) => ({ json }));
const product = (code: string) => exo.sandbox.store.getByCode('products', code) as IDataObject;
const price = (code: string) => (product(code).prices as IDataObject).regular as number;
const requests = () => exo.sandbox.log.map((r) => `${r.method} ${r.path}`);

/** The error a run stops with; a run that does not stop fails the test. */
async function stoppedWith(run: Promise<unknown>): Promise<{ message: string; description: string }> {
	try {
		await run;
	} catch (error) {
		return error as { message: string; description: string };
	}
	throw new Error('the run did not stop');
}

/** A shop's product as a shop sends it: sku, name, price. */
function shopProduct(code: string, change: IDataObject = {}): IDataObject {
	const record = product(code);
	return { sku: code, name: record.description, price: price(code), ...change };
}

describe('Create or Update: write nothing that did not change', () => {
	it('reads the whole list once for many items, creates the new, updates only the changed field, leaves the rest', async () => {
		const codes = exo.sandbox.store.list('products').slice(0, 10).map((p) => String(p.code));
		const input = [
			...codes.slice(0, 8).map((code) => shopProduct(code)),
			shopProduct(codes[8], { price: 1.25 }),
			{ ...shopProduct(codes[9]), price: String(price(codes[9])) }, // the same price, as text
			{ sku: 'NEW-1', name: 'Nouveau produit', price: 10 },
			{ sku: 'NEW-2', name: 'Autre nouveau', price: '12,50' },
		];
		const out = await exo.run(autoMapped('product'), { items: items(input) });

		expect(exo.sandbox.log.filter((r) => r.method === 'GET').map((r) => [r.path, r.query.page_size, r.query.brief])).toEqual([
			[PRODUCTS, '1', 'true'],
			[PRODUCTS, '500', 'false'],
		]);
		const writes = exo.sandbox.log.filter((r) => r.method !== 'GET');
		expect(writes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([`POST ${PRODUCTS}`, `POST ${PRODUCTS}`, `PUT ${PRODUCTS}/by-id/${String(product(codes[8]).id)}`]);
		expect(writes.find((r) => r.method === 'PUT')?.body).toEqual({ price: 1.25 });
		expect(writes.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual(
			expect.arrayContaining([
				{ code: 'NEW-1', description: 'Nouveau produit', price: 10 },
				{ code: 'NEW-2', description: 'Autre nouveau', price: 12.5 },
			]),
		);
		expect(out.map((o) => [o.json.action, o.pairedItem])).toEqual(
			input.map((_, i) => [i < 8 || i === 9 ? 'unchanged' : i === 8 ? 'updated' : 'created', { item: i }]),
		);
		expect(out[0].json).toMatchObject({ action: 'unchanged', code: codes[0], id: product(codes[0]).id });
		expect(out[8].json).toEqual({ action: 'updated', id: product(codes[8]).id, code: codes[8], price: 1.25 });
		expect(out[10].json).toEqual({ action: 'created', id: product('NEW-1').id, code: 'NEW-1', description: 'Nouveau produit', price: 10 });
		expect(price(codes[8])).toBe(1.25);
	});

	it('from 50 items on, the list starts with its first page of full records, without asking its size first', async () => {
		const stored = exo.sandbox.store.list('products').map((p) => String(p.code));
		const input = [...stored.map((code) => shopProduct(code)), ...Array.from({ length: 50 - stored.length + 5 }, (_, i) => ({ sku: `BULK-${i}`, name: `Nouveau ${i}`, price: 1 }))];
		const out = await exo.run(autoMapped('product'), { items: items(input) });
		expect(exo.sandbox.log.filter((r) => r.method === 'GET').map((r) => [r.path, r.query.page, r.query.page_size, r.query.brief])).toEqual([[PRODUCTS, '1', '500', 'false']]);
		expect(exo.sandbox.log.filter((r) => r.method === 'POST')).toHaveLength(input.length - stored.length);
		expect(out.filter((o) => o.json.action === 'unchanged')).toHaveLength(stored.length);
	});

	it('one item is looked up by code; run again unchanged, it gets no PUT', async () => {
		const out = await exo.run(autoMapped('product'), { items: items([shopProduct('WIDGET-001')]) });
		expect(requests()).toEqual([`GET ${PRODUCTS}/by-code/WIDGET-001`]);
		expect(out[0].json).toMatchObject({ action: 'unchanged', code: 'WIDGET-001', prices: { regular: 24.99 } });
	});

	it('Return Full Record reads a written record back', async () => {
		const out = await exo.run(autoMapped('product', { returnFullRecord: true }), { items: items([shopProduct('WIDGET-001', { price: 30 })]) });
		const id = String(product('WIDGET-001').id);
		expect(requests()).toEqual([`GET ${PRODUCTS}/by-code/WIDGET-001`, `PUT ${PRODUCTS}/by-id/${id}`, `GET ${PRODUCTS}/by-id/${id}`]);
		expect(out[0].json).toMatchObject({ action: 'updated', code: 'WIDGET-001', prices: { regular: 30 }, stock: expect.any(Object) });
	});

	it('a customer: codes as strings, nested address and phones compared by value, the parts not given kept', async () => {
		const columns = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: ['code'] });
		const same = {
			code: 'JACHETE',
			description: 'Jachète inc.',
			sales_rep_code: 42, // a number from a spreadsheet; the record shows {code: 42}
			'address.city': 'Montréal',
			'address.postal_code': 'H2X 1Y4',
			'phones.main': '514-555-0142',
			'emails.primary': 'comptes@jachete.example',
			credit_limit: '25000',
			is_active: true,
		};
		const unchanged = await exo.run({ resource: 'customer', operation: 'upsert', columns: columns(same) });
		expect(requests()).toEqual(['GET /api/customers/by-code/JACHETE']);
		expect(unchanged[0].json.action).toBe('unchanged');

		exo.sandbox.clearLog();
		const out = await exo.run({ resource: 'customer', operation: 'upsert', columns: columns({ ...same, 'address.city': 'Laval', 'phones.main': '450-555-0100' }) });
		expect(out[0].json.action).toBe('updated');
		const put = exo.sandbox.log[1];
		expect(`${put.method} ${put.path}`).toMatch(/^PUT \/api\/customers\/by-id\/\d+$/);
		expect(put.body).toEqual({
			address: { line1: '1234, rue Principale', city: 'Laval', province: 'QC', postal_code: 'H2X 1Y4', country_code: 'CA' },
			phones: [
				{ type: 'other_1', number: '514-555-0199', description: 'Entrepôt' },
				{ type: 'main', number: '450-555-0100' },
			],
		});
	});
});

describe('Create or Update: races and duplicates', () => {
	it('a record created between the lookup and the create (409) is updated instead', async () => {
		// the lookup answers 404, then someone else creates the product before our POST
		exo.sandbox.faults.add({ kind: 'status', status: 404, method: 'GET', path: `${PRODUCTS}/by-code/RACE-1`, detail: 'Product RACE-1 not found' });
		exo.sandbox.store.insert('products', { code: 'RACE-1', description: 'Créé ailleurs', price: 5 });
		const out = await exo.run(autoMapped('product'), { items: items([{ sku: 'RACE-1', name: 'Créé ailleurs', price: 7 }]) });
		expect(exo.sandbox.log.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404', 'POST 409', 'GET 200', 'PUT 200']);
		expect(exo.sandbox.log[3].body).toEqual({ price: 7 });
		expect(out[0].json).toMatchObject({ action: 'updated', code: 'RACE-1', price: 7 });
		expect(exo.sandbox.store.list('products').filter((p) => p.code === 'RACE-1')).toHaveLength(1);
	});

	it('the same new code twice in one batch: one create, the second item sees it', async () => {
		const out = await exo.run(autoMapped('product'), { items: items([{ sku: 'TWICE', name: 'Deux fois', price: 3 }, { sku: 'TWICE', name: 'Deux fois', price: 3 }]) });
		expect(out.map((o) => o.json.action)).toEqual(['created', 'unchanged']);
		expect(exo.sandbox.log.filter((r) => r.method === 'POST')).toHaveLength(1);
	});
});

describe('Create or Update of a sales order keyed by the shop order number (reference)', () => {
	const webOrder = {
		resource: 'salesOrder',
		operation: 'upsert',
		columns: {
			mappingMode: 'defineBelow',
			// dated: the sandbox's day (2026-03-02) is not the node's today, and the search looks back from the order's date
			value: { reference: 'SHOP-1001', customer_code: 'JACHETE', date: '2026-03-02', details: [{ sku: 'WIDGET-001', ordered_qty: 2 }, { description: 'Livrer le matin' }] },
			matchingColumns: ['reference'],
		},
	};
	const orders = () => exo.sandbox.store.list('sales_orders').filter((o) => o.reference === 'SHOP-1001');

	it('a webhook delivered twice makes one sales order', async () => {
		const first = await exo.run(webOrder);
		expect(first[0].json.action).toBe('created');
		expect(requests()).toEqual(['GET /api/invoicing/orders', 'POST /api/invoicing/orders']);
		// the contract has no reference filter: the customer's orders of the last 90 days are read and checked
		expect(exo.sandbox.log[0].query).toMatchObject({ customer_code: 'JACHETE', date_from: '2025-12-01', brief: 'false' });
		expect(exo.sandbox.log[0].query).not.toHaveProperty('reference');

		exo.sandbox.clearLog();
		const second = await exo.run(webOrder);
		expect(requests()).toEqual(['GET /api/invoicing/orders']);
		expect(second[0].json).toMatchObject({ action: 'unchanged', reference: 'SHOP-1001', code: orders()[0].code });
		expect(orders()).toHaveLength(1);
	});

	it('delivered twice in the same batch: still one order', async () => {
		const out = await exo.run(webOrder, { items: items([{}, {}]) });
		expect(out.map((o) => o.json.action)).toEqual(['created', 'unchanged']);
		expect(exo.sandbox.log.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(orders()).toHaveLength(1);
	});

	it('two orders holding one reference: the item fails, nothing is written', async () => {
		exo.sandbox.store.insert('sales_orders', { customer_code: 'JACHETE', reference: 'SHOP-1001', details: [{ sku: 'WIDGET-001', ordered_qty: 1 }] });
		exo.sandbox.store.insert('sales_orders', { customer_code: 'JACHETE', reference: 'SHOP-1001', details: [{ sku: 'WIDGET-001', ordered_qty: 1 }] });
		await expect(exo.run(webOrder)).rejects.toThrow('2 sales orders have the reference "SHOP-1001"');
		expect(exo.sandbox.log.filter((r) => r.method !== 'GET')).toEqual([]);
	});
});

describe('parallel writes', () => {
	it('a 429 with Retry-After holds every writer, not only the one told; all items are written once', async () => {
		const received: number[] = [];
		const log = exo.sandbox.log;
		const push = log.push.bind(log);
		log.push = (...entries) => {
			received.push(...entries.map(() => Date.now()));
			return push(...entries);
		};
		try {
			exo.sandbox.faults.add({ kind: 'status', status: 429, method: 'POST', path: PRODUCTS, retryAfter: 1, detail: 'Too many requests', afterMatches: 1 });
			const input = Array.from({ length: 10 }, (_, i) => ({ sku: `PAR-${i}`, name: `Produit ${i}`, price: i + 1 }));
			const out = await exo.run(autoMapped('product', { parallelWrites: 4 }), { items: items(input) });
			expect(out.map((o) => [o.json.action, o.json.code, o.pairedItem])).toEqual(input.map((p, i) => ['created', p.sku, { item: i }]));
			const limited = exo.sandbox.log.findIndex((r) => r.status === 429);
			expect(limited).toBeGreaterThan(0);
			// after the writers already on their way, nothing is sent until Retry-After has passed
			const early = received.filter((t, i) => i > limited && t - received[limited] > 100 && t - received[limited] < 950);
			expect(early).toEqual([]);
			expect(received.filter((t, i) => i > limited && t - received[limited] >= 950).length).toBeGreaterThanOrEqual(6);
			expect(exo.sandbox.log.filter((r) => r.method === 'POST')).toHaveLength(11);
			expect(exo.sandbox.store.list('products').filter((p) => String(p.code).startsWith('PAR-'))).toHaveLength(10);
		} finally {
			Reflect.deleteProperty(log, 'push');
		}
	});

	const batch = [
		{ sku: 'B-0', name: 'Zéro', price: 1 },
		{ sku: 'B-1', name: 'Un', price: 1 },
		{ sku: 'B-2', name: 'Deux', price: 'abc' },
		{ sku: 'B-3', name: 'Trois', price: 1, product_group_code: 'NOPE' },
		{ sku: 'B-4', name: 'Quatre', price: 1 },
		{ sku: 'B-5', name: 'Cinq', price: 1 },
	];

	it('Continue On Fail: the failing items mid-batch become error items, in place; the others are written', async () => {
		const out = await exo.run(autoMapped('product'), { items: items(batch), continueOnFail: true });
		expect(out.map((o) => o.pairedItem)).toEqual(batch.map((_, i) => ({ item: i })));
		expect(out.map((o) => o.json.action ?? 'error')).toEqual(['created', 'created', 'error', 'error', 'created', 'created']);
		expect(out[2].json.error).toBe('Price: must be a number');
		expect(out[3].json.error).toBe("ExoConnect refused the data: Product Group: Product Group 'NOPE' does not exist");
		expect(exo.sandbox.store.list('products').filter((p) => String(p.code).startsWith('B-')).map((p) => p.code)).toEqual(['B-0', 'B-1', 'B-4', 'B-5']);
	});

	it('Create without Continue On Fail: the first failing item stops the node, no later item starts, none is left running', async () => {
		const create = { resource: 'product', operation: 'create', fieldsInput: 'mapper', columns: { mappingMode: 'autoMapInputData', value: null }, options: { parallelWrites: 2, returnFullRecord: false } };
		const error = await stoppedWith(exo.run(create, { items: items(batch) }));
		expect(error.message).toBe('Price: must be a number');
		// items 0 and 1 run together; item 2 is refused before sending, so 3, 4 and 5 never start
		const written = exo.sandbox.store.list('products').filter((p) => String(p.code).startsWith('B-'));
		expect(written.map((p) => p.code)).toEqual(['B-0', 'B-1']);
		expect(exo.sandbox.log.filter((r) => r.method === 'POST').map((r) => (r.body as IDataObject).code).sort()).toEqual(['B-0', 'B-1']);
		// the error names what the run wrote, so that nobody runs those items again
		expect(error.description).toBe(
			[
				'Item 3 was not sent to ExoConnect, so it wrote nothing.',
				'',
				'Before the node stopped, other items wrote these 2 records in Acomba:',
				`• item 1: product (ID ${String(written[0].id)}), created`,
				`• item 2: product (ID ${String(written[1].id)}), created`,
				'Do not run those items again: each would be written a second time. Run only the items that were not written, or use Create or Update matched on a key (the Reference for documents), which finds what a run already wrote and writes nothing twice.',
				'Not run, because the node stopped: items 4, 5, 6.',
			].join('\n'),
		);
	});

	it('Create or Update without Continue On Fail: once an item failed, the items prepared ahead send no write', async () => {
		const error = await stoppedWith(exo.run(autoMapped('product', { parallelWrites: 2 }), { items: items(batch) }));
		expect(error.message).toBe('Price: must be a number');
		// item 2 fails before its first request: the others, still reading, never write
		expect(exo.sandbox.log.filter((r) => r.method !== 'GET')).toEqual([]);
		expect(exo.sandbox.store.list('products').filter((p) => String(p.code).startsWith('B-'))).toEqual([]);
		expect(error.description).toContain('No other item of this run wrote anything in Acomba.\nNot run, because the node stopped: items 1, 2, 4, 5, 6.');
	});

	describe('a refused sales order among orders written at once (Parallel Writes 4)', () => {
		const ORDERS = '/api/invoicing/orders';
		const salesOrders = (continueOnFail: boolean) =>
			exo.run(
				{
					resource: 'salesOrder',
					operation: 'create',
					customerCode: { __rl: true, mode: 'code', value: 'JACHETE' },
					linesSource: 'json',
					linesJson: '={{ $json.lines }}',
					options: { parallelWrites: 4 },
				},
				{
					// item 0 names a product Acomba does not have: ExoConnect refuses it (422), the others are good
					items: items(['NO-SUCH-SKU', 'WIDGET-001', 'WIDGET-002', 'WIDGET-001'].map((sku, i) => ({ lines: [{ sku, ordered_qty: i + 1 }] }))),
					continueOnFail,
				},
			);
		const newOrders = (before: number) => exo.sandbox.store.list('sales_orders').slice(before);
		// every answer comes late: the four orders are all on the wire when the refusal comes back
		beforeEach(() => exo.sandbox.faults.add({ kind: 'latency', latencyMs: 50, method: 'POST', path: ORDERS, times: Infinity }));

		it('without Continue On Fail, the error names the three orders written and says not to run them again', async () => {
			const before = exo.sandbox.store.list('sales_orders').length;
			const error = await stoppedWith(salesOrders(false));
			expect(error.message).toMatch(/^ExoConnect refused the data: Line 1, Product: /);
			const written = newOrders(before);
			expect(written).toHaveLength(3);
			expect(exo.sandbox.log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual(expect.arrayContaining([422, 201, 201, 201]));
			expect(error.description).not.toMatch(/nothing was written/i);
			expect(error.description).toContain('This item wrote nothing.');
			expect(error.description).toContain('Before the node stopped, other items wrote these 3 records in Acomba:');
			// in input order, each with its order number and ID, whichever came back first
			const byItem = [1, 2, 3].map((item) => {
				const order = written.find((o) => ((o.details as IDataObject[])[0].ordered_qty as number) === item + 1) as IDataObject;
				return `• item ${item + 1}: sales order ${String(order.code)} (ID ${String(order.id)}), created`;
			});
			expect(error.description).toContain(byItem.join('\n'));
			expect(error.description).toContain('Do not run those items again');
			expect(error.description).toContain('Create or Update matched on a key (the Reference for documents)');
		});

		it('with Continue On Fail, every item has its own output: the error for item 0, the three orders for the others', async () => {
			const before = exo.sandbox.store.list('sales_orders').length;
			const out = await salesOrders(true);
			expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
			expect(out[0].json.error).toMatch(/^ExoConnect refused the data: Line 1, Product: /);
			const written = newOrders(before);
			expect(out.slice(1).map((o) => [o.json.code, (o.json.details as IDataObject[])[0].sku])).toEqual([
				[written.find((o) => (o.details as IDataObject[])[0].ordered_qty === 2)?.code, 'WIDGET-001'],
				[written.find((o) => (o.details as IDataObject[])[0].ordered_qty === 3)?.code, 'WIDGET-002'],
				[written.find((o) => (o.details as IDataObject[])[0].ordered_qty === 4)?.code, 'WIDGET-001'],
			]);
		});
	});

	it('Create or Update prepares items ahead but keeps at most Parallel Writes requests on the wire', async () => {
		const input = Array.from({ length: 12 }, (_, i) => ({ sku: `W-${i}`, name: `Produit ${i}`, price: 1 }));
		const pending: number[] = [];
		const log = exo.sandbox.log;
		const push = log.push.bind(log);
		log.push = (...entries) => {
			pending.push(log.filter((r) => r.status === 0).length + entries.length);
			return push(...entries);
		};
		try {
			exo.sandbox.faults.add({ kind: 'latency', latencyMs: 30, method: 'POST', path: PRODUCTS, times: Infinity });
			await exo.run(autoMapped('product', { parallelWrites: 3 }), { items: items(input) });
		} finally {
			Reflect.deleteProperty(log, 'push');
		}
		expect(Math.max(...pending)).toBe(3);
		expect(exo.sandbox.log.filter((r) => r.method === 'POST')).toHaveLength(12);
	});

	it('Create keeps the input order at the default of 4 writes at once', async () => {
		const out = await exo.run(
			{ resource: 'product', operation: 'create', fieldsInput: 'mapper', columns: { mappingMode: 'autoMapInputData', value: null }, options: { returnFullRecord: false } },
			{ items: items(batch.filter((_, i) => i !== 2 && i !== 3)) },
		);
		const created = exo.sandbox.store.list('products').filter((p) => String(p.code).startsWith('B-'));
		expect(out.map((o) => o.json.created_id)).toEqual(['B-0', 'B-1', 'B-4', 'B-5'].map((code) => created.find((p) => p.code === code)?.id));
		expect(out.map((o) => o.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});
});

describe('the field mapper', () => {
	it('lists the catalog fields with types, required flags and the keys to match on', async () => {
		const fields = (await runResourceMapping({ node: action, method: 'getMappingColumns', parameters: { resource: 'customer', operation: 'upsert' }, credentials: exo.credentials })).fields;
		expect(Object.keys(resourceMapping)).toEqual(['getMappingColumns']);
		expect(fields.find((f) => f.id === 'code')).toMatchObject({ displayName: 'Customer Code', required: true, defaultMatch: true, canBeUsedToMatch: true, type: 'string' });
		expect(fields.find((f) => f.id === 'description')).toMatchObject({ displayName: 'Name', required: true, canBeUsedToMatch: false });
		expect(fields.find((f) => f.id === 'credit_limit')).toMatchObject({ type: 'number', required: false });
		expect(fields.find((f) => f.id === 'language_code')).toMatchObject({ type: 'options', options: [{ name: 'English', value: 'EN' }, { name: 'French', value: 'FR' }] });
		expect(fields.filter((f) => f.id.startsWith('address.')).map((f) => f.displayName)).toEqual(['Address Line 1', 'Address Line 2', 'City', 'Province', 'Postal Code', 'Country Code']);
		expect(fields.find((f) => f.id === 'phones.main')?.displayName).toBe('Phone');
		expect(fields.find((f) => f.id === 'emails.primary')?.displayName).toBe('Email');

		const update = (await runResourceMapping({ node: action, method: 'getMappingColumns', parameters: { resource: 'customer', operation: 'update' }, credentials: exo.credentials })).fields;
		expect(update.filter((f) => f.required)).toEqual([]);
		const order = (await runResourceMapping({ node: action, method: 'getMappingColumns', parameters: { resource: 'salesOrder', operation: 'upsert' }, credentials: exo.credentials })).fields;
		expect(order.filter((f) => f.canBeUsedToMatch).map((f) => [f.id, f.defaultMatch])).toEqual([
			['code', false],
			['reference', true],
		]);
		expect(order.find((f) => f.id === 'details')).toMatchObject({ type: 'array', required: true });
	});

	it('Map Each Field (in the mapper) resolves its expressions per item', async () => {
		const out = await exo.run(
			{ resource: 'product', operation: 'upsert', columns: { mappingMode: 'defineBelow', value: { code: '={{ $json.sku }}', price: '={{ $json.p }}' }, matchingColumns: ['code'] } },
			{ items: items([{ sku: 'WIDGET-001', p: 24.99 }, { sku: 'WIDGET-002', p: 50 }]) },
		);
		expect(out.map((o) => [o.json.action, o.json.code])).toEqual([
			['unchanged', 'WIDGET-001'],
			['updated', 'WIDGET-002'],
		]);
		expect(price('WIDGET-002')).toBe(50);
	});

	it('Map Automatically puts a shop customer (name, email, phone, zip) onto the customer fields', async () => {
		const shop = { customer_code: 'SHOP-42', name: 'Boutique Lavoie', email: 'info@lavoie.example', phone: '819-555-0101', address1: '12 rue du Lac', city: 'Gatineau', zip: 'J8Y 1A1', country: 'CA', note: 'ignored' };
		const out = await exo.run(autoMapped('customer'), { items: items([shop]) });
		expect(out[0].json.action).toBe('created');
		expect(exo.sandbox.log[1].body).toEqual({
			code: 'SHOP-42',
			description: 'Boutique Lavoie',
			address: { line1: '12 rue du Lac', city: 'Gatineau', postal_code: 'J8Y 1A1', country_code: 'CA' },
			phones: [{ type: 'main', number: '819-555-0101' }],
			emails: [{ type: 'primary', address: 'info@lavoie.example' }],
		});
	});

	it('Update through the mapper: PUT by code with only the mapped fields, empty ones left out', async () => {
		const out = await exo.run({
			resource: 'product',
			operation: 'update',
			fieldsInput: 'mapper',
			columns: { mappingMode: 'defineBelow', value: { code: 'WIDGET-002', price: 41, upc: '', cost: null }, matchingColumns: ['code'] },
			options: { returnFullRecord: false },
		});
		expect(requests()).toEqual([`PUT ${PRODUCTS}/by-code/WIDGET-002`]);
		expect(exo.sandbox.log[0].body).toEqual({ price: 41 });
		expect(out[0].json).toEqual({ success: true, updated_id: product('WIDGET-002').id });
	});

	it('a missing key is said before any request', async () => {
		await expect(exo.run(autoMapped('product'), { items: items([{ name: 'Sans code', price: 1 }]) })).rejects.toThrow('SKU: is required: the product is found by its SKU');
		expect(exo.sandbox.log).toEqual([]);
	});

	it('Create or Update with the form (Map Each Field Manually) matches on the code', async () => {
		const out = await exo.run({ resource: 'product', operation: 'upsert', fieldsInput: 'manual', code: 'WIDGET-001', description: 'Support mural universel', price: 24.99 });
		expect(out[0].json.action).toBe('unchanged');
		expect(requests()).toEqual([`GET ${PRODUCTS}/by-code/WIDGET-001`]);
	});
});

describe('a run of many items', () => {
	it('reads the resource, the operation and how fields are given once, not for every item', async () => {
		const input = exo.sandbox.store.list('products').slice(0, 30).map((p) => ({ json: { sku: String(p.code) } }));
		const ctx = createExecuteContext({ node: action, parameters: autoMapped('product') as INodeParameters, credentials: exo.credentials, items: input });
		const reads: string[] = [];
		const read = ctx.getNodeParameter.bind(ctx);
		Object.assign(ctx, {
			getNodeParameter: (name: string, ...rest: unknown[]) => {
				reads.push(name);
				return (read as (...args: unknown[]) => unknown)(name, ...rest);
			},
		});
		const [out] = (await action.execute!.call(ctx)) as INodeExecutionData[][];
		expect(out.map((o) => o.json.action)).toEqual(Array(30).fill('unchanged'));
		const count = (name: string) => reads.filter((r) => r === name).length;
		// once for the whole run: planning it (Parallel Writes) and every item
		expect([count('resource'), count('operation'), count('fieldsInput')]).toEqual([1, 1, 1]);
	});
});
