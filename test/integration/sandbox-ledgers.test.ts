/**
 * The sandbox against contract §8, route by route over plain HTTP: the ledgers, payments, credit notes,
 * tax exceptions, inventory movements, their extracts (§8.1) and the SDK windows, and a story that holds
 * together (payment lines point at invoices, paid in full follows the payments, movements add up to stock).
 */
import type { AxiosResponse } from 'axios';
import axios from 'axios';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey, routes } from '../../nodes/ExoConnect/catalog';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read field by field as the node would
type Body = Record<string, any>;

let sb: Sandbox;
const api = axios.create({ validateStatus: () => true });
const call = async (method: string, path: string, data?: unknown): Promise<AxiosResponse<Body>> =>
	await api.request({ method, url: `${sb.url}${path}`, data, headers: { 'x-api-key': sb.apiKey } });
const control = async (method: string, path: string, data?: unknown): Promise<AxiosResponse<Body>> =>
	await api.request({ method, url: `${sb.url}/__sandbox${path}`, data });
const get = async (path: string) => (await call('GET', path)).data;

const resource = (key: string) => resourceByKey(key) as ResourceDef;
const arLedger = resource('customer_transactions');
const payments = resource('customer_payments');
const credits = resource('credits');
const apLedger = resource('supplier_invoices');
const cheques = resource('supplier_payments');
const exceptions = resource('tax_exceptions');
const movements = resource('inventory_movements');
const codes = (items: Body[]) => items.map((i) => i.code as string);
const all = async (path: string) => (await get(`${path}${path.includes('?') ? '&' : '?'}brief=false&page_size=500`)).items as Body[];

/** Every item of an extract, following next_cursor page by page. */
async function drain(feed: string, limit: number, filters = ''): Promise<{ items: Body[]; requests: number }> {
	const items: Body[] = [];
	let cursor = '';
	for (let requests = 1; ; requests++) {
		const page = await get(`${feed}?limit=${limit}${filters}${cursor}`);
		items.push(...page.items);
		expect(page.count).toBe(page.items.length);
		if (!page.has_more) return { items, requests };
		cursor = `&cursor_modified_at=${encodeURIComponent(page.next_cursor.modified_at)}&cursor_card_pos=${page.next_cursor.card_pos}`;
	}
}

beforeAll(async () => {
	sb = await startSandbox({ customers: 40, products: 60 });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

describe('customer transactions (the receivables ledger)', () => {
	it('lists by pages, brief by default with the documented keys, full records on request', async () => {
		const first = await get(`${arLedger.path}?page_size=3`);
		expect(first).toMatchObject({ page: 1, page_size: 3, total: expect.any(Number) });
		expect(first.total).toBeGreaterThan(10);
		expect(Object.keys(first.items[0]).sort()).toEqual(['_links', 'code', 'customer', 'date', 'id', 'transaction_type', 'updated_at']);
		expect(first.items[0]._links.self).toBe(`${arLedger.path}/by-id/${String(first.items[0].id)}`);
		const [full] = (await get(`${arLedger.path}?page_size=1&brief=false`)).items;
		expect(full).toMatchObject({
			id: first.items[0].id,
			code: expect.stringMatching(/^FAC-\d{4}-\d{5}$/),
			customer: { id: expect.any(Number), code: expect.any(String), name: expect.any(String) },
			date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			due_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			invoice_type: { id: 1, code: 'invoice', label: 'Facture' },
			transaction_type: { id: 3, code: 'invoice', label: 'Facture' },
			amounts: { transaction_subtotal: expect.any(Number), transaction_total: expect.any(Number) },
			allocations: expect.arrayContaining([expect.objectContaining({ line_index: 0, charter_code: '4000', charter_id: expect.any(Number), amount: expect.any(Number) })]),
			related: { invoice_to_code: expect.any(String), sales_rep_code: expect.anything() },
			status: { is_active: true, is_deleted: false, is_paid_in_full: expect.any(Boolean) },
			terms: { due_days: expect.any(Number) },
			metadata: { unique_id: expect.any(String), updated_at: full.updated_at },
		});
	});

	it('tells the story: some invoices paid in full, one partly, some not, credits applied', async () => {
		const ledger = await all(arLedger.path);
		const byCode = new Map(ledger.map((t) => [t.code as string, t]));
		const invoices = ledger.filter((t) => t.transaction_type.id === 3);
		const paid = invoices.filter((t) => t.status.is_paid_in_full);
		const unpaid = invoices.filter((t) => !t.status.is_paid_in_full);
		expect(paid.length).toBeGreaterThanOrEqual(3);
		expect(unpaid.length).toBeGreaterThanOrEqual(3);
		const lines = await get(`${payments.path}/by-id/3/lines`);
		expect(lines.items).toEqual([expect.objectContaining({ invoice_code: expect.stringMatching(/-00402$/), amounts: expect.objectContaining({ amount: 1500 }) })]);
		const partly = byCode.get(lines.items[0].invoice_code) as Body;
		expect(partly.status.is_paid_in_full).toBe(false);
		expect(partly.amounts.transaction_total).toBeGreaterThan(1500);
		// three unpaid invoices are more than 30 days old, one of them partly paid
		const cutoff = new Date(Date.parse('2026-03-02T09:00:00-05:00') - 30 * 86_400_000).toISOString().slice(0, 10);
		expect(unpaid.filter((t) => t.date < cutoff).map((t) => t.code)).toEqual([partly.code, expect.stringMatching(/-00405$/), expect.stringMatching(/-00409$/)]);
		const creditTransactions = ledger.filter((t) => t.transaction_type.id === 2);
		expect(creditTransactions).toHaveLength(2);
		// the invoicing module's invoices are in the ledger, with the same totals
		for (const invoice of sb.store.list('invoices')) {
			expect(byCode.get(String(invoice.code))?.amounts.transaction_total).toBeCloseTo(Number(invoice.total), 2);
		}
	});

	it('filters by customer (code or id), transaction type, active and modification time; checks integers', async () => {
		const ledger = await all(arLedger.path);
		const jachete = await all(`${arLedger.path}?customer_code=JACHETE`);
		expect(codes(jachete)).toEqual(codes(ledger.filter((t) => t.customer.code === 'JACHETE')));
		const id = jachete[0].customer.id as number;
		expect(codes(await all(`${arLedger.path}?customer_id=${id}`))).toEqual(codes(jachete));
		expect(codes(await all(`${arLedger.path}?transaction_type=2`))).toEqual(codes(ledger.filter((t) => t.transaction_type.id === 2)));
		expect((await all(`${arLedger.path}?active_only=true`)).length).toBe(ledger.length);
		// the last payment changed two invoices in the same second
		const last = ledger.reduce((a, b) => (a.updated_at > b.updated_at ? a : b));
		const lastChanged = ledger.filter((t) => t.updated_at === last.updated_at);
		expect(lastChanged).toHaveLength(2);
		expect(codes(await all(`${arLedger.path}?from_datetime=${encodeURIComponent(last.updated_at)}`))).toEqual(codes(lastChanged));
		expect(codes(await all(`${arLedger.path}?to_datetime=${encodeURIComponent(ledger[0].updated_at)}`))).toEqual([ledger[0].code]);
		for (const name of ['transaction_type', 'customer_id']) {
			expect(await call('GET', `${arLedger.path}?${name}=abc`)).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', name] }] } });
		}
	});

	it('reads one by id and by code; no update', async () => {
		const [first] = await all(arLedger.path);
		const viaId = await call('GET', `${arLedger.path}/by-id/${String(first.id)}`);
		const viaCode = await call('GET', `${arLedger.path}/by-code/${encodeURIComponent(first.code)}`);
		expect(viaId).toMatchObject({ status: 200, data: first });
		expect(viaCode.data).toEqual(first);
		expect(await call('GET', `${arLedger.path}/by-id/98765`)).toMatchObject({ status: 404, data: { detail: 'Customer Transaction 98765 not found' } });
		expect((await call('PUT', `${arLedger.path}/by-id/${String(first.id)}`, { description: 'x' })).status).toBe(405);
	});

	it('creates a transaction that shows in the ledger, invoice-ar and payment status, and gets paid', async () => {
		sb.clock.advance(60);
		const body = {
			customer_code: 'JACHETE',
			invoice_number: 'FAC-TEST-0001',
			transaction_type: 3,
			date: '2026-03-02',
			reference: 'PO-TEST',
			allocations: [
				{ charter_code: '4000', description: 'Ventes', amount: 100 },
				{ charter_code: '2300', description: 'TPS', amount: 5 },
				{ charter_code: '2310', description: 'TVQ', amount: 9.98 },
			],
		};
		const created = await call('POST', arLedger.path, body);
		expect(created).toMatchObject({ status: 201, data: { success: true, created_id: expect.any(Number) } });
		const record = await get(`${arLedger.path}/by-id/${String(created.data.created_id)}`);
		expect(record).toMatchObject({
			code: 'FAC-TEST-0001',
			customer: { code: 'JACHETE', name: 'Jachète inc.' },
			amounts: { transaction_subtotal: 100, transaction_total: 114.98 },
			due_date: '2026-04-01',
			status: { is_paid_in_full: false },
			updated_at: '2026-03-02T09:01:00-05:00',
		});
		expect(codes(await all(routes.arInvoices))).toContain('FAC-TEST-0001');
		expect(codes((await get(`${arLedger.path}?from_datetime=${encodeURIComponent('2026-03-02T09:01:00-05:00')}`)).items)).toEqual(['FAC-TEST-0001']);
		expect(await call('POST', arLedger.path, body)).toMatchObject({ status: 409 });

		sb.clock.advance(60);
		await control('POST', '/records/customer_payments', { customer_code: 'JACHETE', lines: [{ invoice_code: 'FAC-TEST-0001', amount: 50 }] });
		expect((await get(`${arLedger.path}/by-id/${String(created.data.created_id)}`)).status.is_paid_in_full).toBe(false);
		sb.clock.advance(60);
		await control('POST', '/records/customer_payments', { customer_code: 'JACHETE', lines: [{ invoice_code: 'FAC-TEST-0001', amount: 64.98 }] });
		const paid = await get(`${arLedger.path}/by-id/${String(created.data.created_id)}`);
		expect(paid).toMatchObject({ status: { is_paid_in_full: true }, updated_at: '2026-03-02T09:03:00-05:00' });
	});

	it('takes the customer by id, and answers 422 naming the field otherwise', async () => {
		const customer = (await get('/api/customers/by-code/JACHETE')) as Body;
		const byId = await call('POST', arLedger.path, { customer_id: customer.id, invoice_number: 'FAC-ID-1', transaction_type: 2, date: '2026-03-01' });
		expect(byId.status).toBe(201);
		expect(await get(`${arLedger.path}/by-id/${String(byId.data.created_id)}`)).toMatchObject({ customer: { code: 'JACHETE' }, transaction_type: { id: 2, label: 'Crédit' }, invoice_type: null });
		const missing = await call('POST', arLedger.path, { customer_code: 'JACHETE', transaction_type: 3, date: '2026-03-01' });
		expect(missing).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'invoice_number'], type: 'missing' }] } });
		expect(await call('POST', arLedger.path, { customer_code: 'NOPE', invoice_number: 'X', transaction_type: 3, date: '2026-03-01' })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'customer_code'] }] } });
		expect(await call('POST', arLedger.path, { customer_code: 'JACHETE', invoice_number: 'X', transaction_type: 7, date: '2026-03-01' })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'transaction_type'] }] } });
		expect(await call('POST', arLedger.path, { customer_code: 'JACHETE', invoice_number: 'X', transaction_type: 3, date: '2026-03-01', allocations: [{ charter_code: '9999', amount: 1 }] })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'allocations', 0, 'charter_code'] }] } });
	});
});

describe('customer payments', () => {
	it('the extract gives full payments oldest first, page by page through next_cursor, each once', async () => {
		const whole = await get(`${payments.extract as string}?limit=500`);
		expect(whole).toMatchObject({ count: 5, has_more: false });
		const { items, requests } = await drain(payments.extract as string, 2);
		expect(requests).toBe(3);
		expect(codes(items)).toEqual(codes(whole.items));
		const keys = items.map((p) => [Date.parse(p.sync.cursor.modified_at), p.sync.cursor.card_pos as number]);
		expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
		expect(items[0]).toMatchObject({
			code: 'PAI-000131',
			customer: { id: expect.any(Number), code: 'JACHETE' },
			payment_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			payment_type: { id: 1, code: 'payment', label: 'Paiement' },
			modes: [{ index: 0, amount: expect.any(Number), mode: { id: 1, code: 'cheque', label: 'Chèque' } }],
			receivable: '1200',
			status: { is_active: true, is_archived: false, is_current_day: false, is_deleted: false, is_from_invoicing: false },
			totals: { credit: 0, deposit: 0, discount: 0, overpayment: 0, penalty: 0 },
			metadata: { unique_id: expect.any(String) },
			sync: { cursor: { card_pos: items[0].id, modified_at: expect.any(String) }, extracted_at: '2026-03-02T09:00:00-05:00', organisation_id: 'demo-acomba' },
		});
		expect(whole.next_cursor).toEqual({ modified_at: items[4].sync.cursor.modified_at, card_pos: items[4].id });
	});

	it('is strictly after (modified_at, card_pos): same-second payments are neither skipped nor repeated; deleted ones stay', async () => {
		sb.clock.advance(10);
		const a = await control('POST', '/records/customer_payments', { customer_code: 'JACHETE', lines: [{ invoice_code: 'FAC-2026-00413', amount: 1 }] });
		const b = await control('POST', '/records/customer_payments', { customer_code: 'JACHETE', lines: [{ invoice_code: 'FAC-2026-00413', amount: 2 }] });
		expect(a.data.sync.cursor.modified_at).toBe(b.data.sync.cursor.modified_at);
		const after = await get(`${payments.extract as string}?cursor_modified_at=${encodeURIComponent(a.data.sync.cursor.modified_at)}&cursor_card_pos=${String(a.data.id)}`);
		expect(codes(after.items)).toEqual([b.data.code]);
		const fromSecond = await get(`${payments.extract as string}?cursor_modified_at=${encodeURIComponent(a.data.sync.cursor.modified_at)}&cursor_card_pos=0`);
		expect(codes(fromSecond.items)).toEqual([a.data.code, b.data.code]);
		const end = await get(`${payments.extract as string}?cursor_modified_at=${encodeURIComponent(b.data.sync.cursor.modified_at)}&cursor_card_pos=${String(b.data.id)}`);
		expect(end).toEqual({ items: [], count: 0, has_more: false, next_cursor: { modified_at: b.data.sync.cursor.modified_at, card_pos: b.data.id } });

		sb.clock.advance(5);
		await control('DELETE', `/records/customer_payments/${String(a.data.id)}`);
		const deleted = await get(`${payments.extract as string}?cursor_modified_at=${encodeURIComponent(b.data.sync.cursor.modified_at)}&cursor_card_pos=${String(b.data.id)}`);
		expect(deleted.items).toEqual([expect.objectContaining({ id: a.data.id, status: expect.objectContaining({ is_deleted: true }) })]);
		expect((await call('GET', `${payments.path}/by-id/${String(a.data.id)}`)).status).toBe(404);
	});

	it('filters the extract by customer, payment type and payments on hold', async () => {
		const jachete = await get(`${payments.extract as string}?customer_code=JACHETE`);
		expect(codes(jachete.items)).toEqual(['PAI-000131', 'PAI-000137', 'PAI-000140']);
		expect(codes((await get(`${payments.extract as string}?customer_id=${String(jachete.items[0].customer.id)}`)).items)).toEqual(codes(jachete.items));
		expect((await get(`${payments.extract as string}?payment_type=1`)).count).toBe(5);
		expect(codes((await get(`${payments.extract as string}?on_hold_only=true`)).items)).toEqual(['PAI-000139']);
		expect(await call('GET', `${payments.extract as string}?limit=501`)).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', 'limit'] }] } });
	});

	it('reads one payment by id, and its lines with the invoices they paid', async () => {
		const last = (await get(`${payments.extract as string}?customer_code=JACHETE`)).items[2];
		expect(await get(`${payments.path}/by-id/${String(last.id)}`)).toEqual({ ...last });
		const lines = await get(`${payments.path}/by-id/${String(last.id)}/lines`);
		expect(lines.count).toBe(2);
		expect(lines.items[0]).toEqual({
			id: expect.any(Number),
			code: `${String(last.code)}-1`,
			invoice_code: 'FAC-2026-00413',
			payment_date: last.payment_date,
			amounts: { amount: expect.any(Number), discount: 0, receivable: expect.any(Number) },
			flags: { is_active: true, is_current_day: false, is_deleted: false, is_on_hold: false, is_refund: false },
			related: { invoice_ar_id: expect.any(Number), invoice_ar_unique_id: expect.any(String), payment_id: last.id, payment_unique_id: last.metadata.unique_id },
			transaction_type: { id: 3, code: 'invoice', label: 'Facture' },
		});
		const invoice = await get(`${arLedger.path}/by-id/${String(lines.items[0].related.invoice_ar_id)}`);
		expect(invoice).toMatchObject({ code: 'FAC-2026-00413', status: { is_paid_in_full: true }, metadata: { unique_id: lines.items[0].related.invoice_ar_unique_id } });
		expect((await call('GET', `${payments.path}/by-code/PAI-000140`)).status).toBe(404);
		expect((await call('GET', payments.path)).status).toBe(404);
	});
});

describe('credit notes', () => {
	it('come from their extract and are read under the invoicing transactions', async () => {
		const feed = await get(credits.extract as string);
		expect(feed).toMatchObject({ count: 2, has_more: false });
		const [note] = feed.items;
		expect(note).toMatchObject({
			code: 'CR-2026-00011',
			customer: { code: 'JACHETE', name: 'Jachète inc.' },
			header: { date: expect.any(String), description: expect.any(String), reference: expect.any(String) },
			lines: [{ line_id: 1, line_index: 0, sku: 'WIDGET-001', quantity: 4, unit_price: 24.99, selling_price: 24.99, total: 99.96 }],
			taxes: { breakdown: [{ tax_code: 'TPS', rate_percent: 5, base_taxable_amount: 99.96, amount: 5 }, { tax_code: 'TVQ', rate_percent: 9.975, base_taxable_amount: 99.96, amount: 9.97 }], total: 14.97 },
			totals: { subtotal: 99.96, shipping_total: 0, tax_total: 14.97, grand_total: 114.93 },
			status: { is_active: true },
			_links: { self: `/api/invoicing/transactions/by-id/${String(note.id)}` },
		});
		expect(await get(`${credits.recordPath as string}/by-id/${String(note.id)}`)).toEqual(note);
		// its AR credit carries the same total
		const [arCredit] = await all(`${arLedger.path}?transaction_type=2&customer_code=JACHETE`);
		expect(arCredit).toMatchObject({ code: note.code, amounts: { transaction_total: 114.93 }, status: { is_paid_in_full: true } });
	});
});

describe('supplier invoices (the payables ledger) and supplier payments', () => {
	it('lists bills by pages, with filters, and reads one by id', async () => {
		const bills = await all(apLedger.path);
		expect(codes(bills)).toEqual(['AP-2026-00083', 'AP-2026-00084', 'AP-2026-00085', 'AP-2026-00086', 'AP-2026-00087']);
		expect(bills.map((b) => b.status.is_paid_in_full)).toEqual([true, true, false, false, false]);
		expect(bills[0]).toMatchObject({
			supplier: { id: expect.any(Number), code: expect.any(String) },
			supplier_paid_to: { code: bills[0].supplier.code },
			invoice_type: { id: 2, code: 'invoice', label: 'Facture' },
			amounts: { subtotal: 1200, total: 1379.7 },
			payable: '2100',
			terms: { term_due_days: expect.any(Number) },
		});
		expect(codes(await all(`${apLedger.path}?invoice_type=1`))).toEqual([bills[3].code]);
		expect(codes(await all(`${apLedger.path}?supplier_code=${encodeURIComponent(bills[0].supplier.code)}`))).toEqual([bills[0].code, bills[2].code]);
		expect(codes(await all(`${apLedger.path}?supplier_id=${String(bills[1].supplier.id)}`))).toEqual([bills[1].code, bills[3].code]);
		expect(await get(`${apLedger.path}/by-id/${String(bills[0].id)}`)).toEqual(bills[0]);
		expect((await call('GET', `${apLedger.path}/by-code/${encodeURIComponent(bills[0].code)}`)).status).toBe(404);
	});

	it('a new bill shows in the list and the extract, and a cheque that settles it moves it again', async () => {
		const supplier = String(sb.store.list('suppliers')[0].code);
		sb.clock.advance(30);
		const created = await call('POST', apLedger.createPath as string, { supplier_code: supplier, invoice_number: 'OCR-5521', invoice_type: 2, date: '2026-03-02', subtotal: 200, allocations: [{ charter_code: '5000', amount: 200 }, { charter_code: '2330', amount: 29.95 }] });
		expect(created).toMatchObject({ status: 201, data: { success: true, created_id: expect.any(Number) } });
		const bill = await get(`${apLedger.path}/by-id/${String(created.data.created_id)}`);
		expect(bill).toMatchObject({ code: 'OCR-5521', amounts: { subtotal: 200, total: 229.95 }, status: { is_paid_in_full: false } });
		const feed = await drain(apLedger.extract as string, 2);
		expect(feed.items.at(-1)).toEqual(bill);
		expect(feed.requests).toBe(3);

		sb.clock.advance(30);
		const cheque = await control('POST', '/records/supplier_payments', { supplier_code: supplier, amount: 229.95, settles: ['OCR-5521'] });
		const after = await get(`${apLedger.extract as string}?cursor_modified_at=${encodeURIComponent(bill.sync.cursor.modified_at)}&cursor_card_pos=${String(bill.id)}`);
		expect(after.items).toEqual([expect.objectContaining({ code: 'OCR-5521', status: expect.objectContaining({ is_paid_in_full: true }) })]);
		const payments = await get(cheques.extract as string);
		expect(payments.items.at(-1)).toMatchObject({ code: cheque.data.code, amount: 229.95, payment_type: { id: 1, code: 'check', label: 'Chèque' }, bank_number: '1', status: { is_current_day: true } });
		expect(await call('POST', apLedger.createPath as string, { supplier_code: supplier, invoice_type: 2, date: '2026-03-02' })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'invoice_number'] }] } });
		expect((await call('PUT', `${apLedger.path}/by-id/${String(bill.id)}`, {})).status).toBe(405);
	});

	it('supplier payments: extract only, with supplier, type and bank filters', async () => {
		const feed = await get(cheques.extract as string);
		expect(codes(feed.items)).toEqual(['PA00010', 'PA00011', 'PA00012']);
		expect(feed.items[0]).toMatchObject({ amount: 1379.7, credit: 0, discount: 0, payable: '2100', supplier: { code: expect.any(String) }, status: { is_active: true, is_archived: false, is_deleted: false }, sync: { cursor: { card_pos: feed.items[0].id } } });
		const supplier = feed.items[0].supplier.code as string;
		expect(codes((await get(`${cheques.extract as string}?supplier_code=${encodeURIComponent(supplier)}`)).items)).toEqual(['PA00010', 'PA00012']);
		expect((await get(`${cheques.extract as string}?bank_number=2`)).count).toBe(0);
		expect((await get(`${cheques.extract as string}?payment_type=1&bank_number=1`)).count).toBe(3);
		expect((await call('GET', `${cheques.path}/by-id/${String(feed.items[0].id)}`)).status).toBe(404);
	});
});

describe('tax exceptions and inventory movements', () => {
	it('tax exceptions: brief list, name prefix, full record by id, extract', async () => {
		const list = await get(exceptions.path);
		expect(list.items[0]).toEqual({ id: expect.any(Number), code: 'EX-EXPORT', name: "Ventes à l'exportation", updated_at: expect.any(String), _links: { self: `${exceptions.path}/by-id/${String(list.items[0].id)}` } });
		expect(codes((await get(`${exceptions.path}?description_prefix=organisme`)).items)).toEqual(['EX-OBNL']);
		const full = await get(`${exceptions.path}/by-id/${String(list.items[0].id)}`);
		expect(full).toMatchObject({ lines: [{ line_index: 0, rate_index: 0, tax_id: expect.any(Number), tax_code: 'TPS', tax_amount: 0, tax_type: { id: 1, code: 'zero_rated', label: 'Détaxée' } }, expect.objectContaining({ tax_code: 'TVQ' })], status: { is_active: true, is_deleted: false, is_used: true }, sync: expect.any(Object) });
		expect(codes((await get(exceptions.extract as string)).items)).toEqual(['EX-EXPORT', 'EX-AUTOCH', 'EX-OBNL']);
	});

	it('inventory movements add up to each product stock, and filter by product', async () => {
		const list = await all(movements.path);
		expect(list[0]).toEqual({ id: expect.any(Number), product: { id: expect.any(Number), code: expect.any(String) }, date: expect.any(String), quantity: expect.any(Number), cost: expect.any(Number), trail_type: expect.any(Number), updated_at: expect.any(String), status: expect.any(Object), metadata: expect.any(Object), _links: { self: `${movements.path}/by-id/${String(list[0].id)}` } });
		const sums = new Map<string, number>();
		for (const m of list) sums.set(m.product.code, (sums.get(m.product.code) ?? 0) + Number(m.quantity));
		expect(sums.size).toBeGreaterThan(5);
		for (const [sku, quantity] of sums) expect(quantity).toBe((sb.store.getByCode('products', sku)?.stock as Body).on_hand);
		const widget = await all(`${movements.path}?product_code=WIDGET-001`);
		expect(widget.map((m) => m.quantity)).toHaveLength(3);
		expect(codes(await all(`${movements.path}?product_id=${String(widget[0].product.id)}`))).toEqual(codes(widget));
		expect(await get(`${movements.path}/by-id/${String(widget[0].id)}`)).toEqual(widget[0]);
	});
});

describe('SDK maintenance windows', () => {
	it('lists one window, disabled by default, for the organisation', async () => {
		const answer = await get(routes.sdkWindows);
		expect(answer).toEqual({
			organisation_id: 'demo-acomba',
			items: [{ window_name: 'Sauvegarde nocturne', enabled: false, days_of_week: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start_time: '02:00', end_time: '03:00', reason: expect.any(String), updated_at: expect.any(String) }],
		});
		expect(await get(`${routes.sdkWindows}?organisation_id=other`)).toEqual({ organisation_id: 'other', items: [] });
	});

	it('an open window makes the API answer 503 with Retry-After, except the windows route; closed again, all is normal', async () => {
		await control('POST', '/sdk-windows', { enabled: true });
		// enabled, but 09:00 is outside 02:00–03:00
		expect((await call('GET', routes.status)).status).toBe(200);
		await control('POST', '/sdk-windows', { open_now: true });
		const blocked = await call('GET', payments.extract as string);
		expect(blocked).toMatchObject({ status: 503, data: { detail: expect.stringContaining('maintenance') } });
		expect(blocked.headers['retry-after']).toBe('3600');
		expect((await call('GET', routes.status)).status).toBe(503);
		expect((await call('GET', routes.sdkWindows)).data.items[0]).toMatchObject({ enabled: true, start_time: '09:00', end_time: '10:00', days_of_week: ['mon'] });
		sb.clock.advance(3600);
		expect((await call('GET', routes.status)).status).toBe(200);
	});
});

describe('the updates helper stays with §3', () => {
	it('refuses the entities that have an extract or no feed', async () => {
		for (const entity of ['customer_payments', 'customer_transactions']) {
			expect(await call('GET', `${routes.updates}?entity=${entity}`)).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', 'entity'] }] } });
		}
	});
});

describe('sandbox controls of the ledgers', () => {
	it('list, read and write them in the documented shapes under /__sandbox/records', async () => {
		const listed = (await control('GET', '/records/customer_payments')).data as Body[];
		expect(codes(listed)).toEqual(['PAI-000131', 'PAI-000134', 'PAI-000137', 'PAI-000139', 'PAI-000140']);
		expect(listed[0]).toMatchObject({ payment_type: { id: 1 }, sync: expect.any(Object) });
		expect((await control('GET', `/records/customer_payments/${String(listed[0].id)}`)).data).toEqual(listed[0]);
		const ar = await control('POST', '/records/customer_transactions', { customer_code: 'JACHETE', invoice_number: 'FAC-CTRL-1', transaction_type: 3, date: '2026-03-02', allocations: [{ charter_code: '4000', amount: 10 }] });
		expect(ar).toMatchObject({ status: 201, data: { code: 'FAC-CTRL-1', status: { is_paid_in_full: false } } });
		expect(await call('GET', `${arLedger.path}/by-code/FAC-CTRL-1`)).toMatchObject({ status: 200, data: { id: ar.data.id } });
		expect((await control('POST', '/records/credits', {})).status).toBe(400);
		expect((await control('POST', '/records/customer_transactions', { customer_code: 'JACHETE' })).status).toBe(400);
	});
});
