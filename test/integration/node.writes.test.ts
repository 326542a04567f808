/**
 * What a write promises, against the sandbox over HTTP: once ExoConnect wrote the record the item
 * succeeds (even when the reread fails), and a code that cannot be put in a URL is refused before any
 * request.
 */
import type { IDataObject } from 'n8n-workflow';

import { locator, useSandbox } from '../helpers/exo';

const exo = useSandbox();

/** Every read of `path` fails as during a maintenance window; Retry-After is too long to wait for. */
function readsUnavailable(path: string) {
	exo.sandbox.faults.add({ kind: 'status', status: 503, method: 'GET', path, times: Infinity, retryAfter: 120, detail: 'Acomba SDK unavailable' });
}

afterEach(() => exo.sandbox.faults.clear());

const quote = {
	resource: 'quote',
	operation: 'create',
	customerCode: locator('code', 'JACHETE'),
	linesSource: 'fields',
	lines: { line: [{ lineType: 'product', sku: 'WIDGET-001', quantity: 1 }] },
};

describe('a written item never fails', () => {
	it.each([
		['without Continue On Fail', false],
		['with Continue On Fail', true],
	])('a quote created while its reread fails (503) is output as ExoConnect\'s answer with a warning, %s', async (_name, continueOnFail) => {
		const before = exo.sandbox.store.list('quotes').length;
		readsUnavailable('/api/invoicing/quotes');
		const out = await exo.run(quote, { continueOnFail });
		expect(exo.sandbox.log.map((r) => [r.method, r.status])).toEqual([
			['POST', 201],
			['GET', 503],
		]);
		expect(exo.sandbox.store.list('quotes')).toHaveLength(before + 1);
		const created = exo.sandbox.store.list('quotes').at(-1) as IDataObject;
		expect(out).toEqual([
			{
				json: {
					success: true,
					created_id: created.id,
					warnings: [expect.stringContaining(`The quote was created (ID ${String(created.id)}), but it could not be read back: Acomba is temporarily unavailable.`)],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(out[0].json).not.toHaveProperty('error');
		expect((out[0].json.warnings as string[])[0]).toContain('Do not run this item again');
	});

	it('an update whose reread fails is output with updated_id and a warning', async () => {
		readsUnavailable('/api/customers');
		const customer = exo.sandbox.store.getByCode('customers', 'JACHETE') as IDataObject;
		const out = await exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { description: 'Jachète vu' } });
		expect(exo.sandbox.log.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 200', 'GET 503']);
		expect(out[0].json).toEqual({
			success: true,
			updated_id: customer.id,
			warnings: [expect.stringContaining(`The customer was updated (ID ${String(customer.id)}), but it could not be read back`)],
		});
	});

	it('a document update with a sales rep reads the document first: when it cannot, nothing is written and the item fails', async () => {
		const created = (await exo.run({ ...quote, options: { returnFullRecord: false } }))[0].json;
		const rep = exo.sandbox.store.list('sales_reps')[0].code as string;
		exo.sandbox.clearLog();
		readsUnavailable('/api/invoicing/quotes');
		await expect(
			exo.run({
				resource: 'quote',
				operation: 'update',
				record: locator('id', Number(created.created_id)),
				updateFields: { salesRepCode: rep },
				options: { returnFullRecord: false },
			}),
		).rejects.toThrow(/temporarily unavailable/);
		expect(exo.sandbox.log.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 503']);
	});
});

describe('codes that cannot be put in a URL', () => {
	it.each(['.', '..', ' .. ', ' . '])('Get refuses the code %j before any request and suggests By ID', async (code) => {
		await expect(exo.run({ resource: 'customer', operation: 'get', record: locator('code', code) })).rejects.toMatchObject({
			message: `Customer: the Customer Code "${code.trim()}" cannot be looked up by code: web addresses read "." and ".." as folders`,
			description: expect.stringContaining('Pick the customer By ID instead'),
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('Update refuses ".." from the list too, per item, with Continue On Fail', async () => {
		const out = await exo.run(
			{ resource: 'product', operation: 'update', record: locator('list', '={{ $json.sku }}'), updateFields: { description: 'x' } },
			{ items: [{ json: { sku: 'WIDGET-001' } }, { json: { sku: '..' } }], continueOnFail: true },
		);
		expect(exo.requests()).toEqual(['PUT /api/inventory/products/by-code/WIDGET-001', 'GET /api/inventory/products/by-id/' + String(exo.sandbox.store.getByCode('products', 'WIDGET-001')?.id)]);
		expect(out[1]).toEqual({ json: expect.objectContaining({ error: expect.stringContaining('cannot be looked up by code') }), pairedItem: { item: 1 } });
	});

	it('a document for a customer whose code is ".." is not refused: that code travels in the body', async () => {
		exo.sandbox.store.create('customers', { code: '..', description: 'Point point' });
		await exo.run({ ...quote, customerCode: locator('code', '..'), options: { returnFullRecord: false } });
		expect(exo.sandbox.log[0]).toMatchObject({ method: 'POST', status: 201, body: expect.objectContaining({ customer_code: '..' }) });
	});
});

describe('document lines as the user wrote them', () => {
	const jsonQuote = (options: IDataObject = {}) => ({
		resource: 'quote',
		operation: 'create',
		customerCode: locator('code', 'JACHETE'),
		linesSource: 'json',
		linesJson: '={{ $json.lines }}',
		options,
	});

	it('keeps line numbers 10 and 20, and starts each paragraph of a long note on its own line', async () => {
		const note = `Livraison :\nporte arrière, sonner deux fois\n${'mot '.repeat(30).trim()}`;
		const lines = [
			{ line_number: 10, sku: 'WIDGET-001', ordered_qty: 1 },
			{ line_number: 20, description: 'court' },
		];
		await exo.run(jsonQuote({ returnFullRecord: false }), { items: [{ json: { lines } }] });
		expect((exo.sandbox.log[0].body as IDataObject).details).toEqual(lines);
		exo.sandbox.clearLog();
		await exo.run({ ...quote, lines: { line: [{ lineType: 'comment', description: note }] }, options: { returnFullRecord: false } });
		const sent = ((exo.sandbox.log[0].body as IDataObject).details as IDataObject[]).map((l) => l.description);
		expect(sent.slice(0, 2)).toEqual(['Livraison :', 'porte arrière, sonner deux fois']);
		expect(sent.slice(2).join(' ')).toBe('mot '.repeat(30).trim());
	});

	it('refuses a JSON line with an empty sku and a quantity, naming the item and the line, before any request', async () => {
		await expect(exo.run(jsonQuote(), { items: [{ json: { lines: [{ sku: '', ordered_qty: 2 }] } }] })).rejects.toMatchObject({
			message: 'Line 1, Product: is required on a product line (choose a product, or make it a Comment line)',
			description: expect.stringContaining('Item 1 was not sent'),
		});
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('refuses a unit price "0x10" instead of sending 16', async () => {
		await expect(
			exo.run({ ...quote, lines: { line: [{ lineType: 'product', sku: 'WIDGET-001', quantity: 1, unitPrice: '0x10' }] } }),
		).rejects.toMatchObject({ message: 'Line 1, Unit Price: must be a number, such as 12.50' });
		expect(exo.sandbox.log).toHaveLength(0);
	});
});
