/**
 * The node on the resources of contract §8, through n8n-core's real ExecuteContext against the sandbox
 * over HTTP: the operations each route supports, Get Many over extracts and page lists, the answers the
 * node computes itself (unpaid only, payment dates), a payment's lines, and System › Get SDK Windows.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey, routes } from '../../nodes/ExoConnect/catalog';
import { locator, useSandbox } from '../helpers/exo';

const exo = useSandbox({ customers: 40, products: 60 });
const resource = (key: string) => resourceByKey(key) as ResourceDef;
const arLedger = resource('customer_transactions');
const payments = resource('customer_payments');
const apLedger = resource('supplier_invoices');
const json = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json);
const codes = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json.code);
const status = (record: IDataObject) => record.status as IDataObject;

beforeEach(() => {
	exo.sandbox.reset();
});

describe('Customer Transaction', () => {
	it('Create sends the documented body (transaction type as its number, allocations as JSON) and reads the transaction back', async () => {
		const out = await exo.run({
			resource: 'customerTransaction',
			operation: 'create',
			customerCode: 'JACHETE',
			invoiceNumber: 'FAC-N8N-1',
			transactionType: 3,
			date: '2026-03-02T00:00:00',
			additionalFields: { reference: 'PO-77', allocations: '[{"charter_code": "4000", "amount": 80}]', description: '' },
		});
		const [post, read] = exo.sandbox.log;
		expect(post).toMatchObject({
			method: 'POST',
			path: arLedger.path,
			body: { customer_code: 'JACHETE', invoice_number: 'FAC-N8N-1', transaction_type: 3, date: '2026-03-02', reference: 'PO-77', allocations: [{ charter_code: '4000', amount: 80 }] },
			status: 201,
		});
		expect(Object.keys(post.body as IDataObject)).not.toContain('description');
		expect(read).toMatchObject({ method: 'GET', path: expect.stringMatching(new RegExp(`^${arLedger.path}/by-id/\\d+$`)), status: 200 });
		expect(out).toEqual([{ json: expect.objectContaining({ code: 'FAC-N8N-1', amounts: { transaction_subtotal: 80, transaction_total: 80 } }), pairedItem: { item: 0 } }]);
	});

	it('Create refuses a transaction type that is not a number before sending anything', async () => {
		await expect(
			exo.run({ resource: 'customerTransaction', operation: 'create', customerCode: 'JACHETE', invoiceNumber: 'X', transactionType: 'invoice', date: '2026-03-02' }),
		).rejects.toThrow(/Transaction Type/);
		expect(exo.sandbox.log).toHaveLength(0);
	});

	it('Get by code and by ID read the same transaction', async () => {
		const byCode = await exo.run({ resource: 'customerTransaction', operation: 'get', record: locator('code', 'FAC-2026-00413') });
		const byId = await exo.run({ resource: 'customerTransaction', operation: 'get', record: locator('id', Number(byCode[0].json.id)) });
		expect(exo.requests()).toEqual([`GET ${arLedger.path}/by-code/FAC-2026-00413`, `GET ${arLedger.path}/by-id/${String(byCode[0].json.id)}`]);
		expect(byId[0].json).toEqual(byCode[0].json);
	});

	it('Get Many sends the documented filters; Unpaid Only reads full records and keeps the unpaid ones', async () => {
		const out = await exo.run({ resource: 'customerTransaction', operation: 'getAll', returnAll: true, filters: { transactionType: 3, customerCode: 'JACHETE', unpaidOnly: true } });
		expect(exo.sandbox.log).toHaveLength(1);
		expect(exo.sandbox.log[0].query).toEqual({ transaction_type: '3', customer_code: 'JACHETE', brief: 'false', page: '1', page_size: '500' });
		const ledger = exo.sandbox.ledgers.store.table('customer_transactions').liveRecords().map((r) => exo.sandbox.ledgers.render('customer_transactions', r));
		const expected = ledger.filter((t) => (t.customer as IDataObject).code === 'JACHETE' && (t.transaction_type as IDataObject).id === 3 && !status(t).is_paid_in_full);
		expect(expected.length).toBeGreaterThan(0);
		expect(codes(out)).toEqual(expected.map((t) => t.code));
		// full records, not simplified: the customer, amounts and status are what a reminder needs
		expect(out[0].json).toMatchObject({ customer: { code: 'JACHETE' }, amounts: expect.any(Object), status: { is_paid_in_full: false } });
	});

	it('Get Many with a Limit and Unpaid Only still returns that many unpaid transactions', async () => {
		const out = await exo.run({ resource: 'customerTransaction', operation: 'getAll', limit: 2, filters: { unpaidOnly: true } });
		expect(out).toHaveLength(2);
		json(out).forEach((t) => expect(status(t).is_paid_in_full).toBe(false));
		const all = await exo.run({ resource: 'customerTransaction', operation: 'getAll', limit: 2, filters: { unpaidOnly: false } });
		expect(exo.sandbox.log.at(-1)?.query).toMatchObject({ brief: 'true', page_size: '2' });
		expect(all).toHaveLength(2);
	});

	it('has no Update: the node says so without a request', async () => {
		await expect(exo.run({ resource: 'customerTransaction', operation: 'update', record: locator('code', 'X'), updateFields: { reference: 'y' } })).rejects.toThrow(
			'Customer Transactions cannot be updated in Acomba',
		);
		expect(exo.sandbox.log).toHaveLength(0);
	});
});

describe('Customer Payment', () => {
	it('Get Many walks the extract with the Limit as page size, following next_cursor', async () => {
		const out = await exo.run({ resource: 'customerPayment', operation: 'getAll', limit: 3 });
		expect(exo.sandbox.log.map((r) => [r.path, r.query])).toEqual([[payments.extract, { limit: '3' }]]);
		expect(codes(out)).toEqual(['PAI-000131', 'PAI-000134', 'PAI-000137']);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		exo.sandbox.clearLog();
		const all = await exo.run({ resource: 'customerPayment', operation: 'getAll', returnAll: true, filters: { customerCode: 'JACHETE' } });
		expect(codes(all)).toEqual(['PAI-000131', 'PAI-000137', 'PAI-000140']);
		expect(exo.sandbox.log[0].query).toEqual({ customer_code: 'JACHETE', limit: '500' });
	});

	it('Return All follows has_more page after page, each payment once, and leaves deleted payments out', async () => {
		for (let i = 0; i < 6; i++) {
			exo.sandbox.clock.advance(1);
			exo.sandbox.ledgers.addCustomerPayment({ customer_code: 'JACHETE', lines: [{ invoice_code: 'FAC-2026-00413', amount: 1 }] });
		}
		// deleted in place: the extract keeps it where it was, flagged
		const deleted = exo.sandbox.store.table('customer_payments').liveRecords()[1];
		const at = new Date(deleted.modifiedAt).toISOString();
		exo.sandbox.store.markDeleted('customer_payments', deleted.id);
		exo.sandbox.store.touch('customer_payments', deleted.id, { modifiedAt: at });
		const out = await exo.run({ resource: 'customerPayment', operation: 'getAll', limit: 7 });
		expect(exo.sandbox.log.map((r) => r.query.limit)).toEqual(['7', '1']);
		expect(exo.sandbox.log[1].query).toMatchObject({ cursor_card_pos: expect.any(String), cursor_modified_at: expect.any(String) });
		expect(out).toHaveLength(7);
		expect(codes(out)).not.toContain(deleted.data.code);
		expect(new Set(codes(out)).size).toBe(7);
	});

	it('Return All: a payment changed during the walk is one row, in its latest version (not 606 rows for 605 payments)', async () => {
		for (let i = 0; i < 600; i++) exo.sandbox.ledgers.addCustomerPayment({ customer_code: 'JACHETE', lines: [{ invoice_code: 'FAC-2026-00413', amount: 1 }] });
		const table = exo.sandbox.store.table('customer_payments');
		const count = table.liveRecords().length;
		const changed = table.liveRecords()[2];
		// the second page is asked after the first was read: the payment, on the first page, changes then
		const log = exo.sandbox.log;
		const push = log.push.bind(log);
		log.push = (...entries) => {
			if (log.length === 1) {
				exo.sandbox.clock.advance(1);
				changed.data.reference = 'Changé en cours de lecture';
				exo.sandbox.store.touch('customer_payments', changed.id);
			}
			return push(...entries);
		};
		try {
			const out = await exo.run({ resource: 'customerPayment', operation: 'getAll', returnAll: true });
			expect(exo.sandbox.log.map((r) => r.query.limit)).toEqual(['500', '500']);
			expect(out).toHaveLength(count);
			expect(new Set(codes(out)).size).toBe(count);
			const rows = json(out).filter((p) => p.id === changed.id);
			expect(rows).toEqual([expect.objectContaining({ reference: 'Changé en cours de lecture' })]);
			expect(out.map((o) => o.pairedItem)).toEqual(out.map(() => ({ item: 0 })));
		} finally {
			Reflect.deleteProperty(log, 'push');
		}
	});

	it('Payment Date From/To keep payments of those days (checked by the node)', async () => {
		const all = json(await exo.run({ resource: 'customerPayment', operation: 'getAll', returnAll: true }));
		const dates = all.map((p) => String(p.payment_date));
		const out = await exo.run({ resource: 'customerPayment', operation: 'getAll', returnAll: true, filters: { paymentDateFrom: `${dates[1]}T00:00:00`, paymentDateTo: dates[3] } });
		expect(codes(out)).toEqual(all.slice(1, 4).map((p) => p.code));
		expect(exo.sandbox.log.at(-1)?.query).toEqual({ limit: '500' });
		await expect(exo.run({ resource: 'customerPayment', operation: 'getAll', filters: { paymentDateFrom: 'soon' } })).rejects.toThrow(/Payment Date From/);
	});

	it('Get by ID adds the lines on request (which invoices it paid)', async () => {
		const [last] = json(await exo.run({ resource: 'customerPayment', operation: 'getAll', returnAll: true, filters: { customerCode: 'JACHETE' } })).slice(-1);
		exo.sandbox.clearLog();
		const plain = await exo.run({ resource: 'customerPayment', operation: 'get', record: locator('id', Number(last.id)) });
		expect(plain[0].json).not.toHaveProperty('lines');
		const withLines = await exo.run({ resource: 'customerPayment', operation: 'get', record: locator('id', Number(last.id)), options: { includeLines: true } });
		expect(exo.requests()).toEqual([`GET ${payments.path}/by-id/${String(last.id)}`, `GET ${payments.path}/by-id/${String(last.id)}`, `GET ${payments.path}/by-id/${String(last.id)}/lines`]);
		expect((withLines[0].json.lines as IDataObject[]).map((l) => l.invoice_code)).toEqual(['FAC-2026-00413', expect.stringMatching(/^FAC-2026-\d{5}$/)]);
	});

	it('a 503 on an extract page is retried as for page lists', async () => {
		exo.sandbox.faults.add({ path: payments.extract as string, kind: 'status', status: 503, retryAfter: 0 });
		const out = await exo.run({ resource: 'customerPayment', operation: 'getAll', limit: 2 });
		expect(exo.sandbox.log.map((r) => r.status)).toEqual([503, 200]);
		expect(out).toHaveLength(2);
	});
});

describe('Credit Note, Supplier Invoice, Supplier Payment, Tax Exception, Inventory Movement', () => {
	it('Credit Note: Get Many from the extract, Get by ID under the invoicing transactions', async () => {
		const notes = await exo.run({ resource: 'creditNote', operation: 'getAll', returnAll: true });
		expect(codes(notes)).toEqual(['CR-2026-00011', 'CR-2026-00012']);
		exo.sandbox.clearLog();
		const one = await exo.run({ resource: 'creditNote', operation: 'get', record: locator('id', Number(notes[1].json.id)) });
		expect(exo.requests()).toEqual([`GET /api/invoicing/transactions/by-id/${String(notes[1].json.id)}`]);
		expect(one[0].json).toMatchObject({ code: 'CR-2026-00012', totals: expect.any(Object) });
	});

	it('Supplier Invoice: Create posts to the transactions route and reads the bill back from the AP list', async () => {
		const supplier = String(exo.sandbox.store.list('suppliers')[0].code);
		const out = await exo.run({ resource: 'supplierInvoice', operation: 'create', supplierCode: supplier, invoiceNumber: 'OCR-1', invoiceType: 2, date: '2026-03-01', additionalFields: { subtotal: 100 } });
		const [post, read] = exo.sandbox.log;
		expect(post).toMatchObject({ method: 'POST', path: '/api/suppliers/transactions', body: { supplier_code: supplier, invoice_number: 'OCR-1', invoice_type: 2, date: '2026-03-01', subtotal: 100 }, status: 201 });
		expect(read.path).toBe(`${apLedger.path}/by-id/${String(out[0].json.id)}`);
		expect(out[0].json).toMatchObject({ code: 'OCR-1', status: { is_paid_in_full: false } });
		exo.sandbox.clearLog();
		const unpaid = await exo.run({ resource: 'supplierInvoice', operation: 'getAll', returnAll: true, filters: { unpaidOnly: true, invoiceType: 2 } });
		expect(exo.sandbox.log[0]).toMatchObject({ path: apLedger.path, query: { invoice_type: '2', brief: 'false' } });
		expect(codes(unpaid)).toEqual(['AP-2026-00085', 'AP-2026-00087', 'OCR-1']);
	});

	it('Supplier Payment: Get Many only, with the bank filter; Payment Date To checked by the node', async () => {
		const out = await exo.run({ resource: 'supplierPayment', operation: 'getAll', returnAll: true, filters: { bankNumber: '1', paymentDateTo: '2026-02-25' } });
		expect(exo.sandbox.log[0]).toMatchObject({ path: '/api/suppliers/payments/extract', query: { bank_number: '1', limit: '500' } });
		expect(codes(out)).toEqual(['PA00010', 'PA00011']);
		await expect(exo.run({ resource: 'supplierPayment', operation: 'get', record: locator('id', 1) })).rejects.toThrow(/not available for supplier payments/);
	});

	it('Tax Exception: Get Many by name, Get by ID', async () => {
		const out = await exo.run({ resource: 'taxException', operation: 'getAll', returnAll: true, filters: { descriptionPrefix: 'ventes' } });
		expect(exo.sandbox.log[0].query).toMatchObject({ description_prefix: 'ventes', brief: 'true' });
		expect(json(out)).toEqual([expect.objectContaining({ code: 'EX-EXPORT', name: "Ventes à l'exportation" })]);
		const one = await exo.run({ resource: 'taxException', operation: 'get', record: locator('id', Number(out[0].json.id)) });
		expect(one[0].json).toMatchObject({ code: 'EX-EXPORT', lines: expect.any(Array) });
	});

	it('Inventory Movement: Get Many of one product', async () => {
		const out = await exo.run({ resource: 'inventoryMovement', operation: 'getAll', returnAll: true, filters: { productCode: 'WIDGET-002' } });
		expect(exo.sandbox.log[0]).toMatchObject({ path: '/api/inventory/trails', query: { product_code: 'WIDGET-002' } });
		expect(json(out).reduce((sum, m) => sum + Number(m.quantity), 0)).toBe(45);
	});
});

describe('System › Get SDK Windows', () => {
	it('returns one item per window, with the organisation', async () => {
		const out = await exo.run({ resource: 'system', operation: 'getSdkWindows' });
		expect(exo.sandbox.log[0]).toMatchObject({ path: routes.sdkWindows, query: {} });
		expect(out).toEqual([{ json: expect.objectContaining({ organisation_id: 'demo-acomba', window_name: 'Sauvegarde nocturne', enabled: false }), pairedItem: { item: 0 } }]);
		const other = await exo.run({ resource: 'system', operation: 'getSdkWindows', organisationId: ' other ' });
		expect(exo.sandbox.log[1].query).toEqual({ organisation_id: 'other' });
		expect(other).toEqual([]);
	});

	it('an open window: reads answer 503 and the node says the SDK is unavailable', async () => {
		exo.sandbox.sdkWindows.change({ open_now: true });
		await expect(exo.run({ resource: 'customerPayment', operation: 'getAll', limit: 1 })).rejects.toThrow();
		expect(exo.sandbox.log.map((r) => r.status)).toEqual([503]);
		const windows = await exo.run({ resource: 'system', operation: 'getSdkWindows' });
		expect(windows[0].json).toMatchObject({ enabled: true });
	});
});

describe('Helper › Get Changes on an extract entity', () => {
	it('reads customer payments through their extract as "changed"', async () => {
		const out = await exo.run({ resource: 'helper', operation: 'getChanges', entity: 'customer_payments', limit: 2 });
		expect(exo.sandbox.log[0].path).toBe(payments.extract);
		expect(json(out).map((c) => [c.code, c.event])).toEqual([
			['PAI-000131', 'changed'],
			['PAI-000134', 'changed'],
		]);
	});
});
