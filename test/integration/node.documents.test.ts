/**
 * Documents, validation, errors and batches: what an accountant relies on. Everything runs through the
 * real ExecuteContext against the sandbox; "no request" is read from the sandbox's own log.
 */
import type { IDataObject } from 'n8n-workflow';

import { price, relatedCode } from '../../nodes/ExoConnect/recordShape';
import { locator, useSandbox } from '../helpers/exo';

const exo = useSandbox();

const quote = (lines: IDataObject[], extra: IDataObject = {}) => ({
	resource: 'quote',
	operation: 'create',
	customerCode: locator('list', 'JACHETE'),
	linesSource: 'fields',
	lines: { line: lines },
	...extra,
});

const note250 = Array.from({ length: 60 }, (_, i) => `mot${i}`).join(' ').slice(0, 250);

describe('document lines', () => {
	it('splits a 250-character note into 3 comment lines of at most 90 characters, words intact, in order', async () => {
		const out = await exo.run(quote([{ lineType: 'product', sku: 'WIDGET-001', quantity: 1 }, { lineType: 'comment', description: note250 }]));
		const sent = exo.sandbox.log[0].body as { details: IDataObject[] };
		expect(sent.details).toHaveLength(4);
		const notes = sent.details.slice(1).map((l) => String(l.description));
		notes.forEach((text) => expect(text.length).toBeLessThanOrEqual(90));
		expect(notes.join(' ')).toBe(note250);
		sent.details.slice(1).forEach((l) => expect(l).not.toHaveProperty('sku'));
		const stored = out[0].json.details as IDataObject[];
		expect(stored.map((l) => l.description).slice(1)).toEqual(notes);
		expect(stored.map((l) => l.line_number)).toEqual([1, 2, 3, 4]);
	});

	it('sends no blank field, so the sandbox applies the customer\'s term, sales rep and territory and the product\'s price', async () => {
		const customer = exo.sandbox.store.getByCode('customers', 'JACHETE') as IDataObject;
		const product = exo.sandbox.store.getByCode('products', 'WIDGET-001') as IDataObject;
		const out = await exo.run(
			quote([{ lineType: 'product', sku: 'WIDGET-001', quantity: 3, description: '', unitPrice: '', productGroupCode: '' }], {
				additionalFields: { reference: '', description: '', salesRepCode: '', date: '' },
			}),
		);
		expect(exo.sandbox.log[0].body).toEqual({ customer_code: 'JACHETE', details: [{ sku: 'WIDGET-001', ordered_qty: 3 }] });
		const doc = out[0].json;
		// the customer shows them nested (payment_term, sales_rep, territory, shipping); the quote as sent
		expect(doc).toMatchObject({
			term_code: relatedCode(customer, 'payment_term'),
			sales_rep_code: relatedCode(customer, 'sales_rep'),
			territory_code: relatedCode(customer, 'territory'),
			carrier_code: relatedCode(customer, 'shipping'),
		});
		expect(doc.term_code).toBe('1');
		expect((doc.details as IDataObject[])[0]).toMatchObject({ unit_price: price(product), total: Math.round(3 * Number(price(product)) * 100) / 100 });
	});

	it('reads record pickers as the editor saves them now ({mode, value}) and as older workflows did (plain codes)', async () => {
		const group = String(relatedCode(exo.sandbox.store.getByCode('products', 'WIDGET-002') as IDataObject, 'product_group'));
		const rep = exo.sandbox.store.list('sales_reps').find((r) => r.code !== '42') as IDataObject;
		await exo.run(
			quote(
				[
					{ lineType: 'product', sku: locator('list', 'WIDGET-001'), quantity: 1, productGroupCode: locator('list', '') },
					{ lineType: 'product', sku: locator('code', ' WIDGET-002 '), quantity: 2, productGroupCode: locator('code', group) },
					{ lineType: 'product', sku: 'WIDGET-001', quantity: 3, productGroupCode: group },
				],
				{ additionalFields: { salesRepCode: locator('list', String(rep.code)), carrierCode: locator('list', ''), invoiceToCode: 'JACHETE' } },
			),
		);
		expect(exo.sandbox.log[0].body).toEqual({
			customer_code: 'JACHETE',
			sales_rep_code: rep.code,
			invoice_to_code: 'JACHETE',
			details: [
				{ sku: 'WIDGET-001', ordered_qty: 1 },
				{ sku: 'WIDGET-002', ordered_qty: 2, product_group_code: group },
				{ sku: 'WIDGET-001', ordered_qty: 3, product_group_code: group },
			],
		});
	});

	it('an empty product picker on a product line stops the item before any request', async () => {
		await expect(exo.run(quote([{ lineType: 'product', sku: locator('list', ''), quantity: 1 }]))).rejects.toThrow(/Line 1, Product: is required on a product line/);
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('takes the customer by ID: its code is looked up only once the input is valid', async () => {
		const customer = exo.sandbox.store.getByCode('customers', 'JACHETE') as IDataObject;
		const byId = { customerCode: locator('id', Number(customer.id)) };
		await expect(exo.run(quote([{ lineType: 'comment', description: 'x'.repeat(91) }], { ...byId, options: { splitLongDescriptions: false } }))).rejects.toThrow(
			/Line 1, Description/,
		);
		expect(exo.sandbox.log).toHaveLength(0);
		await exo.run(quote([{ lineType: 'product', sku: 'WIDGET-001', quantity: 1 }], { ...byId, options: { returnFullRecord: false } }));
		expect(exo.sandbox.log.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/customers/by-id/${String(customer.id)}`, 'POST /api/invoicing/quotes']);
		expect(exo.sandbox.log[1].body).toMatchObject({ customer_code: 'JACHETE' });
	});

	it('takes lines as JSON mapped from the input item', async () => {
		const out = await exo.run(
			{
				resource: 'salesOrder',
				operation: 'create',
				customerCode: locator('code', 'JACHETE'),
				linesSource: 'json',
				linesJson: '={{ $json.lines }}',
			},
			{ items: [{ json: { lines: [{ sku: 'WIDGET-002', ordered_qty: '4' }, { description: 'Livrer le matin' }] } }] },
		);
		expect(exo.sandbox.log[0].body).toEqual({
			customer_code: 'JACHETE',
			details: [{ sku: 'WIDGET-002', ordered_qty: 4 }, { description: 'Livrer le matin' }],
		});
		expect(out[0].json.code).toEqual(expect.any(String));
	});

	it('passes Custom Fields (JSON) as they are', async () => {
		await exo.run({
			resource: 'customer',
			operation: 'create',
			code: 'CUSTOM-1',
			description: 'Client personnalisé',
			options: { customFieldsJson: '{"user_field_1": "VIP"}', returnFullRecord: false },
		});
		expect(exo.sandbox.log[0].body).toEqual({ code: 'CUSTOM-1', description: 'Client personnalisé', user_field_1: 'VIP' });
	});

	it('warns when a document update sets a sales rep that ExoConnect would not keep, and does not send it (contract §4)', async () => {
		const created = await exo.run(quote([{ lineType: 'product', sku: 'WIDGET-001', quantity: 1 }]));
		const before = created[0].json.sales_rep_code;
		const other = exo.sandbox.store.list('sales_reps').find((r) => r.code !== before) as IDataObject;
		exo.sandbox.clearLog();
		const out = await exo.run({
			resource: 'quote',
			operation: 'update',
			record: locator('id', Number(created[0].json.id)),
			updateFields: { salesRepCode: other.code, reference: 'PO-778' },
		});
		expect(exo.sandbox.log.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
		expect(exo.sandbox.log[1].body).toEqual({ reference: 'PO-778' });
		expect(out[0].json.reference).toBe('PO-778');
		expect(out[0].json.sales_rep_code).toBe(before);
		expect(out[0].json.warnings).toEqual([expect.stringContaining('sales rep was not changed')]);
	});
});

describe('bad input is refused before any request', () => {
	it('a 91-character line with splitting off names the item and the line', async () => {
		await expect(
			exo.run(quote([{ lineType: 'comment', description: 'x'.repeat(91) }], { options: { splitLongDescriptions: false } })),
		).rejects.toMatchObject({ message: 'Line 1, Description: must be at most 90 characters', description: expect.stringContaining('Item 1 was not sent') });
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('a missing customer', async () => {
		await expect(exo.run(quote([{ lineType: 'comment', description: 'x' }], { customerCode: locator('list', '') }))).rejects.toMatchObject({
			message: expect.stringMatching(/^Customer: is required/),
		});
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('an empty update', async () => {
		await expect(exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: {} })).rejects.toMatchObject({
			message: expect.stringContaining('add at least one field'),
		});
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('an unknown resource locator mode', async () => {
		await expect(exo.run({ resource: 'customer', operation: 'get', record: { __rl: true, mode: 'url', value: 'x' } })).rejects.toMatchObject({
			message: expect.stringContaining('unknown way to pick the record "url"'),
		});
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('a product line without a product and a bad price, both named', async () => {
		await expect(
			exo.run(quote([{ lineType: 'comment', description: 'ok' }, { lineType: 'product', sku: '' }, { lineType: 'product', sku: 'A', unitPrice: 'douze' }])),
		).rejects.toMatchObject({ message: expect.stringMatching(/^Line 2, Product: is required on a product line.*\(and 1 more problem\)$/) });
		expect(exo.sandbox.log).toHaveLength(0);
	});
});

describe('API errors in plain words', () => {
	it('an unknown code names the record', async () => {
		await expect(exo.run({ resource: 'customer', operation: 'get', record: locator('code', 'NOPE') })).rejects.toMatchObject({
			message: 'Customer with Customer Code "NOPE" was not found',
			httpCode: '404',
		});
	});

	it('an unknown product on a line points at the line', async () => {
		await expect(exo.run(quote([{ lineType: 'product', sku: 'NO-SUCH-SKU', quantity: 1 }]))).rejects.toMatchObject({
			message: expect.stringMatching(/^ExoConnect refused the data: Line 1, Product: /),
		});
	});

	it('a duplicate code says the item wrote nothing', async () => {
		await expect(exo.run({ resource: 'customer', operation: 'create', code: 'JACHETE', description: 'Doublon' })).rejects.toMatchObject({
			httpCode: '409',
			description: expect.stringContaining('This item wrote nothing'),
		});
	});
});

describe('batches', () => {
	it('with Continue On Fail, 3 items whose second fails give 3 outputs, the second holding the error', async () => {
		const out = await exo.run(
			{ resource: 'customer', operation: 'get', record: locator('code', '={{ $json.code }}') },
			{ items: [{ json: { code: 'JACHETE' } }, { json: { code: 'NOPE' } }, { json: { code: 'JACHETE' } }], continueOnFail: true },
		);
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.code).toBe('JACHETE');
		expect(out[1].json).toMatchObject({ error: 'Customer with Customer Code "NOPE" was not found' });
		expect(out[2].json.code).toBe('JACHETE');
	});

	it('without it, the failing item stops the node with its item index', async () => {
		await expect(
			exo.run(
				{ resource: 'customer', operation: 'get', record: locator('code', '={{ $json.code }}') },
				{ items: [{ json: { code: 'JACHETE' } }, { json: { code: 'NOPE' } }] },
			),
		).rejects.toMatchObject({ context: expect.objectContaining({ itemIndex: 1 }) });
	});
});

describe('Get Many over the demo products', () => {
	it('Return All uses the largest page size and stops at the first short (or empty) page', async () => {
		const total = exo.sandbox.store.list('products').filter((p) => !(p.status as IDataObject).is_deleted).length;
		const out = await exo.run({ resource: 'product', operation: 'getAll', returnAll: true });
		expect(out).toHaveLength(total);
		// a full last page is followed by one more request: a total that is too small must not lose records
		expect(exo.sandbox.log.map((r) => r.query.page_size)).toEqual(Array(Math.floor(total / 500) + 1).fill('500'));
		expect(new Set(out.map((o) => o.json.id)).size).toBe(total);
	});

	it('Limit 7 returns 7 in one request', async () => {
		const out = await exo.run({ resource: 'product', operation: 'getAll', limit: 7 });
		expect(out).toHaveLength(7);
		expect(exo.sandbox.log).toHaveLength(1);
	});

	it('sends the filters with the API names', async () => {
		const group = exo.sandbox.store.list('product_groups')[0].code as string;
		await exo.run({
			resource: 'product',
			operation: 'getAll',
			limit: 5,
			filters: { activeOnly: true, descriptionPrefix: 'wid', productGroupCode: group, fromDatetime: '2026-01-01T00:00:00', toDatetime: '' },
		});
		expect(exo.sandbox.log[0].query).toEqual({
			active_only: 'true',
			description_prefix: 'wid',
			product_group_code: group,
			from_datetime: '2026-01-01T00:00:00',
			brief: 'true',
			page: '1',
			page_size: '5',
		});
	});

	it('filters documents by customer and document date', async () => {
		const out = await exo.run({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { customerCode: locator('list', 'JACHETE'), dateFrom: '2020-01-01T00:00:00', dateTo: '2030-12-31T00:00:00' },
			options: { fullRecords: true, simplify: false },
		});
		expect(exo.sandbox.log[0].query).toMatchObject({ customer_code: 'JACHETE', date_from: '2020-01-01', date_to: '2030-12-31' });
		out.forEach((o) => expect((o.json.customer as IDataObject).code).toBe('JACHETE'));
	});
});

describe('editor methods', () => {
	it('lists sales reps as "Name (code)" with codes as values', async () => {
		const options = await exo.loadOptions('getSalesReps');
		const reps = exo.sandbox.store.list('sales_reps').filter((r) => (r.status as IDataObject).is_active);
		expect(options).toHaveLength(reps.length);
		expect(options.map((o) => o.value).sort()).toEqual(reps.map((r) => r.code).sort());
		expect(options[0].name).toMatch(/\(.+\)$/);
	});
});

describe('Helper and System', () => {
	it('Get Changes returns the changes after a time, with records', async () => {
		await exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { comment: 'vu' } });
		const since = new Date(exo.sandbox.clock.now().getTime() - 3_600_000).toISOString();
		const out = await exo.run({ resource: 'helper', operation: 'getChanges', entity: 'customers', since, returnAll: true, includeRecord: true });
		expect(Date.parse(String(exo.sandbox.log.at(-1)?.query.since))).toBe(Date.parse(since));
		// "at or after" the time, whichever way a server reads a time without an id
		expect(exo.sandbox.log.at(-1)?.query.cursor_id).toBe('0');
		const change = out.find((o) => o.json.code === 'JACHETE');
		expect(change?.json).toMatchObject({ entity: 'customers', event: 'updated', record: expect.objectContaining({ comment: expect.objectContaining({ text: 'vu' }) }) });
		expect(exo.sandbox.log.at(-1)).toMatchObject({ path: '/api/helpers/updates', query: expect.objectContaining({ entity: 'customers', include_record: 'true' }) });
	});

	it('Get Changes reads a Changed After typed without an offset in the workflow time zone', async () => {
		const params = { resource: 'helper', operation: 'getChanges', entity: 'customers', since: '2026-03-01T06:00:00', limit: 1 };
		await exo.run(params, { timezone: 'America/Vancouver' });
		expect(exo.sandbox.log.at(-1)?.query).toMatchObject({ since: '2026-03-01T06:00:00-08:00', cursor_id: '0' });
		await expect(exo.run({ ...params, since: 'hier' })).rejects.toMatchObject({ message: 'Changed After: "hier" is not a date' });
	});

	it('Get Changes with a limit asks for no more', async () => {
		const out = await exo.run({ resource: 'helper', operation: 'getChanges', entity: 'products', limit: 3, includeRecord: false });
		expect(out).toHaveLength(3);
		expect(exo.sandbox.log).toHaveLength(1);
		expect(exo.sandbox.log[0].query).toMatchObject({ limit: '3', include_record: 'false' });
		out.forEach((o) => expect(o.json.record).toBeNull());
	});

	it('Get Entities lists every entity', async () => {
		const out = await exo.run({ resource: 'helper', operation: 'getEntities' });
		expect(out.map((o) => o.json.entity)).toEqual(expect.arrayContaining(['customers', 'products', 'quotes', 'charters']));
		expect(out).toHaveLength(16);
	});

	it('Get Status', async () => {
		const out = await exo.run({ resource: 'system', operation: 'getStatus' });
		expect(out).toEqual([{ json: expect.objectContaining({ status: 'ok', server_time: expect.any(String) }), pairedItem: { item: 0 } }]);
		expect(exo.requests()).toEqual(['GET /system/status']);
	});
});
