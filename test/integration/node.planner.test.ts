/**
 * The write planner against the sandbox over HTTP (issue 19): a write changes only what the item gives —
 * structured fields sent whole, merged with the current record, since a PUT replaces them (contract §2) —,
 * a document's sales rep that ExoConnect would not keep is warned about and never written again (§4), and
 * Preview writes nothing and shows the very body a run sends.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { locator, useSandbox } from '../helpers/exo';

const exo = useSandbox({ products: 12, customers: 10 });

afterEach(() => {
	exo.sandbox.faults.clear();
	exo.sandbox.reset();
});

const customer = (code: string) => exo.sandbox.store.getByCode('customers', code) as IDataObject;
const writes = () => exo.sandbox.log.filter((r) => r.method !== 'GET');
const items = (list: IDataObject[]): INodeExecutionData[] => list.map((json) => ({ json }));
const mapped = (operation: string, value: IDataObject, extra: IDataObject = {}) => ({
	fieldsInput: 'mapper',
	operation,
	columns: { mappingMode: 'defineBelow', value, matchingColumns: ['code'] },
	...extra,
});

describe('the sandbox keeps contract §2: a nested object or list in a PUT replaces the stored one', () => {
	it('an address given in part becomes that part alone, a phone list the phones given', () => {
		const { id } = customer('JACHETE');
		exo.sandbox.store.update('customers', id as number, { address: { city: 'Laval' }, phones: [{ type: 'fax', number: '1' }] }, { viaApi: true });
		expect(customer('JACHETE').address).toEqual({ city: 'Laval' });
		expect(customer('JACHETE').phones).toEqual([{ type: 'fax', number: '1' }]);
	});
});

describe('defect 1: Update with part of an address or of the phones keeps the rest', () => {
	it('Update with only City keeps the street, the province, the postal code and the country', async () => {
		const before = customer('JACHETE').address as IDataObject;
		await exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { address: { value: { city: 'Laval' } } } });
		expect(writes().map((r) => r.body)).toEqual([{ address: { ...before, city: 'Laval' } }]);
		expect(customer('JACHETE').address).toEqual({ ...before, city: 'Laval' });
	});

	it('a mapper Update with only the fax keeps the main and the other phones', async () => {
		const before = customer('JACHETE').phones as IDataObject[];
		await exo.run({ resource: 'customer', ...mapped('update', { code: 'JACHETE', 'phones.fax': '514-555-0300' }) });
		expect(writes()).toHaveLength(1);
		expect(customer('JACHETE').phones).toEqual([...before, { type: 'fax', number: '514-555-0300' }]);
	});

	it('Update with a field that is not structured reads nothing before its PUT', async () => {
		await exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { description: 'Jachète ltée' }, options: { returnFullRecord: false } });
		expect(exo.requests()).toEqual(['PUT /api/customers/by-code/JACHETE']);
	});
});

describe('defect 2: Create or Update that changes the main phone keeps its extension and description', () => {
	it('the number changes, the extension and the description stay', async () => {
		exo.sandbox.store.insert('customers', {
			code: 'POSTE',
			description: 'Client à poste',
			phones: [{ type: 'main', number: '514-555-0001', extension: '12', description: 'Réception' }, { type: 'fax', number: '514-555-0002' }],
		});
		const out = await exo.run({ resource: 'customer', ...mapped('upsert', { code: 'POSTE', 'phones.main': '514-555-0009' }) });
		expect(out[0].json.action).toBe('updated');
		expect(writes().map((r) => r.body)).toEqual([
			{
				phones: [
					{ type: 'fax', number: '514-555-0002' },
					{ type: 'main', number: '514-555-0009', extension: '12', description: 'Réception' },
				],
			},
		]);
		expect(customer('POSTE').phones).toEqual(
			expect.arrayContaining([{ type: 'main', number: '514-555-0009', extension: '12', description: 'Réception' }, { type: 'fax', number: '514-555-0002' }]),
		);
	});
});

describe('defect 3: Create or Update on a document with another sales rep', () => {
	const quoteWithOtherRep = () => {
		const quote = exo.sandbox.store.list('quotes')[0];
		const other = exo.sandbox.store.list('sales_reps').find((r) => String(r.code) !== String(quote.sales_rep_code)) as IDataObject;
		return { code: String(quote.code), rep: String(other.code), before: String(quote.sales_rep_code) };
	};

	it('warns as Update does, writes only what can stick, and a rerun does not PUT again', async () => {
		const { code, rep, before } = quoteWithOtherRep();
		const run = async () => await exo.run({ resource: 'quote', ...mapped('upsert', { code, sales_rep_code: rep, reference: 'PO-REP' }) });
		const first = await run();
		expect(writes().map((r) => r.body)).toEqual([{ reference: 'PO-REP' }]);
		expect(first[0].json).toMatchObject({ action: 'updated', reference: 'PO-REP' });
		expect(first[0].json.warnings).toEqual([expect.stringMatching(/^The sales rep was not changed: .*known ExoConnect limitation.*Change the sales rep in Acomba\.$/)]);
		expect(exo.sandbox.store.getByCode('quotes', code)?.sales_rep_code).toBe(before);

		exo.sandbox.clearLog();
		const again = await run();
		expect(writes()).toEqual([]);
		expect(again[0].json).toMatchObject({ action: 'unchanged', warnings: [expect.stringContaining('The sales rep was not changed')] });
	});

	it('the same sales rep as the document has is no change and no warning', async () => {
		const quote = exo.sandbox.store.list('quotes')[0];
		const out = await exo.run({ resource: 'quote', ...mapped('upsert', { code: String(quote.code), sales_rep_code: String(quote.sales_rep_code) }) });
		expect(writes()).toEqual([]);
		expect(out[0].json.action).toBe('unchanged');
		expect(out[0].json).not.toHaveProperty('warnings');
	});
});

describe('Preview (dry run): writes nothing, shows what a run would send', () => {
	const PRODUCTS = '/api/inventory/products';
	const shop = () => {
		const [a, b] = exo.sandbox.store.list('products');
		return [
			{ code: a.code, description: a.description, price: (a.prices as IDataObject).regular },
			{ code: b.code, price: 3.33 },
			{ code: 'NEW-PREVIEW', description: 'Nouveau', price: 9.5 },
		];
	};
	const autoMapped = (options: IDataObject) => ({ resource: 'product', operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [] }, options });

	it('Create or Update: the same reads as a run, no write, and per item the action, the changes and the body a run then sends', async () => {
		const input = items(shop());
		const previewed = await exo.run(autoMapped({ preview: true }), { items: input });
		const previewReads = exo.requests();
		expect(writes()).toEqual([]);
		expect(previewed.map((o) => [o.json.action, o.pairedItem])).toEqual([
			['unchanged', { item: 0 }],
			['updated', { item: 1 }],
			['created', { item: 2 }],
		]);
		const b = exo.sandbox.store.getByCode('products', String(input[1].json.code)) as IDataObject;
		expect(previewed[1].json).toEqual({
			preview: true,
			action: 'updated',
			code: input[1].json.code,
			id: b.id,
			changes: [{ field: 'price', current: (b.prices as IDataObject).regular, new: 3.33 }],
			body: { price: 3.33 },
		});
		expect(previewed[2].json).toMatchObject({ id: null, changes: [{ field: 'code', current: null, new: 'NEW-PREVIEW' }, expect.anything(), expect.anything()] });
		expect(exo.sandbox.store.getByCode('products', 'NEW-PREVIEW')).toBeUndefined();

		exo.sandbox.clearLog();
		await exo.run(autoMapped({}), { items: input });
		expect(exo.requests().filter((r) => r.startsWith('GET'))).toEqual(previewReads);
		expect(writes().map((r) => [r.method, r.body])).toEqual([
			['PUT', previewed[1].json.body],
			['POST', previewed[2].json.body],
		]);
		expect(writes()[0].path).toBe(`${PRODUCTS}/by-id/${String(b.id)}`);
	});

	it('Update: the current and new address, and the whole address a run sends', async () => {
		const before = customer('JACHETE').address as IDataObject;
		const update = { resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { address: { value: { city: 'Laval' } } } };
		const previewed = await exo.run({ ...update, options: { preview: true } });
		expect(exo.requests()).toEqual(['GET /api/customers/by-code/JACHETE']);
		expect(previewed[0].json).toEqual({
			preview: true,
			action: 'updated',
			id: customer('JACHETE').id,
			changes: [{ field: 'address', current: before, new: { ...before, city: 'Laval' } }],
			body: { address: { ...before, city: 'Laval' } },
		});
		await exo.run(update);
		expect(writes().map((r) => r.body)).toEqual([previewed[0].json.body]);
	});

	it('Create: the body a run posts, with the customer picked by ID resolved to its code, and no POST', async () => {
		const { id } = customer('JACHETE');
		const create = {
			resource: 'quote',
			operation: 'create',
			customerCode: locator('id', id as number),
			linesSource: 'fields',
			lines: { line: [{ lineType: 'product', sku: 'WIDGET-001', quantity: 2 }] },
		};
		const count = exo.sandbox.store.list('quotes').length;
		const previewed = await exo.run({ ...create, options: { preview: true } });
		expect(writes()).toEqual([]);
		expect(exo.sandbox.store.list('quotes')).toHaveLength(count);
		expect(previewed[0].json).toMatchObject({ preview: true, action: 'created', id: null, body: { customer_code: 'JACHETE' } });
		await exo.run(create);
		expect(writes().map((r) => r.body)).toEqual([previewed[0].json.body]);
	});
});
