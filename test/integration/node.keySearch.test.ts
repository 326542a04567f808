/**
 * Create or Update of a sales order matched on its Reference, against a sandbox that answers as FastAPI
 * does: a query parameter the route does not declare (the catalog's [inferred] `reference` filter) is
 * ignored. The node must find the order by what the contract documents (the customer, a date window,
 * full records), check the reference on every order it reads, and never create the order twice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { documentSearch, listLimits } from '../../nodes/ExoConnect/catalog';
import { useSandbox } from '../helpers/exo';

// the sandbox's today is the node's today: a document without a date is dated today on both sides
const exo = useSandbox({ products: 40, customers: 20, ignoreInferredFilters: true, startTime: new Date().toISOString() });

afterEach(() => exo.sandbox.reset());

const ORDERS = '/api/invoicing/orders';
const DAY_MS = 86_400_000;
const dayBefore = (days: number, from = Date.now()) => new Date(from - days * DAY_MS).toISOString().slice(0, 10);

const webOrder = (value: IDataObject = {}, options: IDataObject = {}) => ({
	resource: 'salesOrder',
	operation: 'upsert',
	columns: {
		mappingMode: 'defineBelow',
		value: { reference: 'SHOP-1001', customer_code: 'JACHETE', details: [{ sku: 'WIDGET-001', ordered_qty: 2 }], ...value },
		matchingColumns: ['reference'],
	},
	options,
});
const withReference = (reference: string) => exo.sandbox.store.list('sales_orders').filter((o) => o.reference === reference);
const requests = () => exo.sandbox.log.map((r) => `${r.method} ${r.path}`);

describe('a web order delivered twice to a server that ignores unknown filters', () => {
	it('the second delivery finds the order among the customer\'s recent orders and writes nothing', async () => {
		// the customer already has other orders, and other customers too: a server ignoring ?reference= answers them
		expect(exo.sandbox.store.list('sales_orders').filter((o) => o.customer_code === 'JACHETE').length).toBeGreaterThan(1);
		const first = await exo.run(webOrder());
		expect(first[0].json.action).toBe('created');
		expect(withReference('SHOP-1001')).toHaveLength(1);

		exo.sandbox.clearLog();
		const second = await exo.run(webOrder());
		expect(requests()).toEqual([`GET ${ORDERS}`]);
		// only documented filters: the customer, the date window (Look Back, 90 days by default, plus one), full records
		expect(exo.sandbox.log[0].query).toEqual({
			customer_code: 'JACHETE',
			date_from: dayBefore(documentSearch.defaultLookBackDays + 1),
			brief: 'false',
			page: '1',
			page_size: String(listLimits.maxPageSize),
		});
		expect(second[0].json).toMatchObject({ action: 'unchanged', reference: 'SHOP-1001', code: withReference('SHOP-1001')[0].code });
		expect(withReference('SHOP-1001')).toHaveLength(1);
	});

	it('a changed second delivery updates the one order', async () => {
		await exo.run(webOrder());
		exo.sandbox.clearLog();
		const second = await exo.run(webOrder({ description: 'Livrer le matin' }));
		expect(second[0].json).toMatchObject({ action: 'updated', description: 'Livrer le matin' });
		expect(exo.sandbox.log.filter((r) => r.method !== 'GET').map((r) => [r.method, r.body])).toEqual([['PUT', { description: 'Livrer le matin' }]]);
		expect(withReference('SHOP-1001')).toHaveLength(1);
	});

	it('reads every page of the window: the order is found past the first 500 of the customer\'s orders', async () => {
		await exo.run(webOrder());
		for (let i = 0; i < 600; i++) exo.sandbox.store.insert('sales_orders', { customer_code: 'JACHETE', reference: `OTHER-${i}`, details: [{ description: 'x' }] });
		exo.sandbox.clearLog();
		// the order holding SHOP-1001 is older than the 600 others: on the first page; move it to the end
		const order = withReference('SHOP-1001')[0];
		exo.sandbox.store.update('sales_orders', order.id as number, { reference: 'MOVED' });
		exo.sandbox.store.insert('sales_orders', { customer_code: 'JACHETE', reference: 'SHOP-1001', details: [{ sku: 'WIDGET-001', ordered_qty: 2 }] });
		const out = await exo.run(webOrder());
		expect(out[0].json.action).toBe('unchanged');
		expect(requests()).toEqual([`GET ${ORDERS}`, `GET ${ORDERS}`]);
		expect(withReference('SHOP-1001')).toHaveLength(1);
	});

	it('an order dated before the window is not found: Look Back (Days) is how far the node looks', async () => {
		await exo.run(webOrder({ date: dayBefore(40) }));
		exo.sandbox.clearLog();
		const near = await exo.run(webOrder({ date: dayBefore(40) }, { lookBackDays: 30 }));
		expect(near[0].json.action).toBe('unchanged'); // 30 days before the order's own date
		const today = await exo.run(webOrder({ date: undefined }, { lookBackDays: 30 }));
		expect(exo.sandbox.log.at(-2)?.query.date_from).toBe(dayBefore(31));
		expect(today[0].json.action).toBe('created');
		expect(withReference('SHOP-1001')).toHaveLength(2);
	});

	it('Update through the mapper without a customer searches every customer\'s orders of the window', async () => {
		await exo.run(webOrder());
		exo.sandbox.clearLog();
		const out = await exo.run({
			resource: 'salesOrder',
			operation: 'update',
			fieldsInput: 'mapper',
			columns: { mappingMode: 'defineBelow', value: { reference: 'SHOP-1001', description: 'Payée' }, matchingColumns: ['reference'] },
		});
		expect(exo.sandbox.log[0].query).toEqual({ date_from: dayBefore(documentSearch.defaultLookBackDays + 1), brief: 'false', page: '1', page_size: '500' });
		expect(out[0].json).toMatchObject({ reference: 'SHOP-1001', description: 'Payée' });
		expect(withReference('SHOP-1001')[0].description).toBe('Payée');
	});

	it('a window holding more orders than the node reads is an error that says what to do, and nothing is written', async () => {
		for (let i = 0; i <= documentSearch.maxRecords; i++) exo.sandbox.store.insert('sales_orders', { customer_code: 'JACHETE', reference: `BULK-${i}`, details: [{ description: 'x' }] });
		exo.sandbox.clearLog();
		await expect(exo.run(webOrder())).rejects.toMatchObject({
			message: 'Cannot tell whether a sales order with the reference "SHOP-1001" already exists',
			description: expect.stringMatching(/reads the sales orders of customer JACHETE dated from \d{4}-\d\d-\d\d on and checks each one: there are [\d,]+, more than the 5,000 .* This item wrote nothing\. Lower Look Back \(Days\) in the options, or match on Order Number instead\./),
		});
		expect(requests()).toEqual([`GET ${ORDERS}`]);
		expect(withReference('SHOP-1001')).toHaveLength(0);
	});

	it('Get Many with the Reference filter (a guess of ours) checks it on full records: only that order comes back', async () => {
		await exo.run(webOrder());
		exo.sandbox.clearLog();
		const out = await exo.run({ resource: 'salesOrder', operation: 'getAll', returnAll: true, filters: { reference: 'SHOP-1001' } });
		expect(exo.sandbox.log[0].query).toMatchObject({ reference: 'SHOP-1001', brief: 'false' });
		expect(out.map((o) => o.json.code)).toEqual([withReference('SHOP-1001')[0].code]);
	});

	it('a batch with the same web order twice, many orders around: one create', async () => {
		const items: INodeExecutionData[] = [{ json: {} }, { json: {} }, { json: {} }];
		const out = await exo.run(webOrder(), { items });
		expect(out.map((o) => o.json.action)).toEqual(['created', 'unchanged', 'unchanged']);
		expect(withReference('SHOP-1001')).toHaveLength(1);
	});
});
