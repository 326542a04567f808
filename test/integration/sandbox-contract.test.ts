/**
 * The sandbox against the contract (shared/exoconnect-api.md), route by route, over plain HTTP: if the
 * sandbox drifted from the contract, the node's tests would prove nothing.
 */
import axios from 'axios';

import { resources, routes } from '../../nodes/ExoConnect/catalog';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

let sb: Sandbox;
const api = axios.create({ validateStatus: () => true });
const call = async (method: string, path: string, data?: unknown, key = sb.apiKey) =>
	await api.request({ method, url: `${sb.url}/acme${path}`, data, headers: { 'x-api-key': key } });

beforeAll(async () => {
	sb = await startSandbox({ relayPath: 'acme', customers: 60, products: 120 });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

describe('connection', () => {
	it('GET /system/status answers with the API key, under the relay path only', async () => {
		const ok = await call('GET', routes.status);
		expect(ok.status).toBe(200);
		expect(ok.data).toEqual({ status: 'ok', api_version: expect.any(String), server_time: '2026-03-02T09:00:00-05:00', sdk: { connected: true, company: expect.any(String) } });
		expect((await call('GET', routes.status, undefined, 'wrong')).data).toEqual({ detail: 'Invalid API key' });
		expect((await call('GET', routes.status, undefined, 'wrong')).status).toBe(401);
		const noRelay = await api.get(`${sb.url}${routes.status}`, { headers: { 'x-api-key': sb.apiKey } });
		expect(noRelay.status).toBe(404);
	});

	it('unknown routes answer 404 and wrong methods 405, in the FastAPI format', async () => {
		expect(await call('GET', '/api/nothing')).toMatchObject({ status: 404, data: { detail: 'Not Found' } });
		expect((await call('DELETE', '/api/customers')).status).toBe(405);
	});
});

describe.each(resources.map((r) => [r.key, r] as const))('%s', (_, resource) => {
	it('lists by pages with totals, brief by default, full on request', async () => {
		const first = await call('GET', `${resource.path}?page_size=2`);
		expect(first.status).toBe(200);
		const total = sb.store.table(resource.key).liveRecords().length;
		expect(first.data).toMatchObject({ page: 1, page_size: 2, total, total_pages: Math.ceil(total / 2) });
		expect(first.data.items[0]).toEqual({ id: expect.any(Number), code: expect.any(String), name: expect.any(String), updated_at: expect.any(String), _links: { self: `${resource.path}/by-id/${first.data.items[0].id}` } });
		const full = await call('GET', `${resource.path}?page_size=1&brief=false`);
		expect(full.data.items[0]).toMatchObject({ id: first.data.items[0].id, status: { is_active: expect.any(Boolean), is_deleted: false }, metadata: { unique_id: expect.any(String) } });
		const past = await call('GET', `${resource.path}?page=999&page_size=2`);
		expect(past.data).toMatchObject({ items: [], total, page: 999 });
	});

	it('reads one record by code and by id, and says which one is missing', async () => {
		const [record] = sb.store.list(resource.key);
		const byCode = await call('GET', `${resource.path}/by-code/${encodeURIComponent(String(record.code))}`);
		const byId = await call('GET', `${resource.path}/by-id/${String(record.id)}`);
		expect(byCode.data).toEqual(byId.data);
		expect(byCode.data.code).toBe(record.code);
		const missing = await call('GET', `${resource.path}/by-code/NOPE`);
		expect(missing).toMatchObject({ status: 404, data: { detail: `${resource.displayName} NOPE not found` } });
	});
});

describe('lists', () => {
	it('rejects page_size above 500 with a 422 pointing at the parameter', async () => {
		expect(await call('GET', '/api/customers?page_size=501')).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', 'page_size'] }] } });
	});

	it('filters: active_only, description_prefix (case-insensitive), product group, modification time', async () => {
		const active = await call('GET', '/api/inventory/products?active_only=true&page_size=500');
		expect(active.data.items.length).toBe(sb.store.list('products').filter((p) => (p.status as { is_active: boolean }).is_active).length);
		const prefix = await call('GET', `/api/customers?description_prefix=${encodeURIComponent('JACHÈTE')}`);
		expect(prefix.data.items.map((i: { code: string }) => i.code)).toEqual(['JACHETE']);
		const group = await call('GET', '/api/inventory/products?product_group_code=PEIN&brief=false&page_size=500');
		expect(group.data.total).toBeGreaterThan(0);
		group.data.items.forEach((p: { product_group_code: string }) => expect(p.product_group_code).toBe('PEIN'));
		const future = await call('GET', '/api/customers?from_datetime=2026-03-02T09:00:01-05:00');
		expect(future.data.total).toBe(0);
		expect((await call('GET', '/api/customers?from_datetime=yesterday')).status).toBe(422);
	});

	it('filters documents by customer and by document date', async () => {
		const mine = await call('GET', '/api/invoicing/invoices?customer_code=JACHETE&brief=false');
		expect(mine.data.total).toBeGreaterThan(0);
		mine.data.items.forEach((d: { customer: { code: string } }) => expect(d.customer.code).toBe('JACHETE'));
		expect((await call('GET', '/api/invoicing/invoices?date_from=2030-01-01')).data.total).toBe(0);
	});
});

describe('create and update', () => {
	it('creates with 201, refuses a duplicate code with 409 and bad data with 422 at the field', async () => {
		const created = await call('POST', '/api/customers', { code: 'CAFÉ/É 2#', description: 'Café Éloïse' });
		expect(created).toMatchObject({ status: 201, data: { success: true, created_id: expect.any(Number) } });
		const read = await call('GET', `/api/customers/by-code/${encodeURIComponent('CAFÉ/É 2#')}`);
		expect(read.data).toMatchObject({ id: created.data.created_id, description: 'Café Éloïse' });
		expect(await call('POST', '/api/customers', { code: 'JACHETE', description: 'x' })).toMatchObject({ status: 409, data: { detail: 'Customer JACHETE already exists' } });
		expect(await call('POST', '/api/customers', { code: 'X1' })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'description'] }] } });
		expect(await call('POST', '/api/customers', { code: 'X2', description: 'x', sales_rep_code: '999' })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'sales_rep_code'] }] } });
	});

	it('updates only the fields sent; an empty update is a 422; invoices refuse updates with 405', async () => {
		const before = sb.store.getByCode('customers', 'JACHETE');
		expect(await call('PUT', '/api/customers/by-code/JACHETE', { comment: 'Bon client' })).toMatchObject({ status: 200, data: { success: true, updated_id: before?.id } });
		const after = (await call('GET', `/api/customers/by-id/${String(before?.id)}`)).data;
		expect(after).toMatchObject({ comment: 'Bon client', description: before?.description, term_code: before?.term_code });
		expect((await call('PUT', '/api/customers/by-code/JACHETE', {})).status).toBe(422);
		const invoice = sb.store.list('invoices')[0];
		expect((await call('PUT', `/api/invoicing/invoices/by-id/${String(invoice.id)}`, { reference: 'x' })).status).toBe(405);
		expect((await call('PUT', '/api/customers/by-code/NOPE', { comment: 'x' })).status).toBe(404);
	});
});

describe('documents', () => {
	it('fills omitted header fields from the customer and line fields from the product, and totals with taxes', async () => {
		const created = await call('POST', '/api/invoicing/orders', {
			customer_code: 'JACHETE',
			details: [{ sku: 'WIDGET-001', ordered_qty: 2 }, { description: 'Livrer le matin' }, { sku: 'WIDGET-002', ordered_qty: 1, unit_price: 30 }],
		});
		const order = (await call('GET', `/api/invoicing/orders/by-id/${String(created.data.created_id)}`)).data;
		expect(order).toMatchObject({
			term_code: '1',
			sales_rep_code: '42',
			territory_code: 'MTL',
			carrier_code: 'PUR',
			date: '2026-03-02',
			customer: { code: 'JACHETE', name: 'Jachète inc.' },
			code: expect.stringMatching(/^CMD-2026-\d{5}$/),
		});
		expect(order.details).toEqual([
			expect.objectContaining({ line_number: 1, sku: 'WIDGET-001', unit_price: 24.99, total: 49.98, tax_amount_1: 2.5, tax_amount_2: 4.99, product_group_code: 'QUIN' }),
			expect.objectContaining({ line_number: 2, sku: '', description: 'Livrer le matin', ordered_qty: 0, total: 0 }),
			expect.objectContaining({ line_number: 3, unit_price: 30, total: 30 }),
		]);
		expect(order).toMatchObject({ subtotal: 79.98, tax_total: 11.98, total: 91.96 });
	});

	it('points a 422 at the line: unknown sku, description over 90 characters, comment line without text', async () => {
		const unknown = await call('POST', '/api/invoicing/quotes', { customer_code: 'JACHETE', details: [{ description: 'ok' }, { sku: 'NOPE', ordered_qty: 1 }] });
		expect(unknown).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'details', 1, 'sku'], msg: "Product 'NOPE' does not exist" }] } });
		const long = await call('POST', '/api/invoicing/quotes', { customer_code: 'JACHETE', details: [{ description: 'x'.repeat(91) }] });
		expect(long).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'details', 0, 'description'] }] } });
		const empty = await call('POST', '/api/invoicing/quotes', { customer_code: 'JACHETE', details: [{ sku: '' }] });
		expect(empty.data.detail[0].loc).toEqual(['body', 'details', 0, 'description']);
		expect((await call('POST', '/api/invoicing/quotes', { customer_code: 'NOPE', details: [{ description: 'x' }] })).data.detail[0].loc).toEqual(['body', 'customer_code']);
	});

	it('accepts a new sales rep on a document update but keeps the old one (the documented limitation)', async () => {
		const quote = sb.store.list('quotes')[0];
		const answer = await call('PUT', `/api/invoicing/quotes/by-id/${String(quote.id)}`, { sales_rep_code: '7', reference: 'NEW' });
		expect(answer).toMatchObject({ status: 200, data: { success: true } });
		const after = (await call('GET', `/api/invoicing/quotes/by-id/${String(quote.id)}`)).data;
		expect(after).toMatchObject({ reference: 'NEW', sales_rep_code: quote.sales_rep_code });
	});
});

describe('helpers', () => {
	it('updates: keyset order, three changes sharing one second across a page boundary, events and records', async () => {
		sb.clock.set('2026-03-02T10:00:00-05:00');
		const a = sb.store.insert('customers', { code: 'S1', description: 'Un' });
		const b = sb.store.insert('customers', { code: 'S2', description: 'Deux' });
		const c = sb.store.insert('customers', { code: 'S3', description: 'Trois' });
		const since = '2026-03-02T09:59:59-05:00';
		const first = await call('GET', `${routes.updates}?entity=customers&since=${encodeURIComponent(since)}&limit=2&include_record=true`);
		expect(first.data).toMatchObject({ count: 2, has_more: true, next_cursor: { since: '2026-03-02T10:00:00-05:00', cursor_id: b.id } });
		expect(first.data.items.map((i: { code: string; event: string }) => [i.code, i.event])).toEqual([['S1', 'created'], ['S2', 'created']]);
		expect(first.data.items[0].record).toMatchObject({ id: a.id, description: 'Un' });
		const next = first.data.next_cursor;
		const second = await call('GET', `${routes.updates}?entity=customers&since=${encodeURIComponent(next.since)}&cursor_id=${String(next.cursor_id)}&limit=2`);
		expect(second.data).toMatchObject({ count: 1, has_more: false, items: [{ id: c.id, record: null }] });
		sb.clock.advance(5);
		sb.store.update('customers', Number(a.id), { comment: 'changé' });
		sb.store.markDeleted('customers', Number(b.id));
		const later = await call('GET', `${routes.updates}?entity=customers&since=${encodeURIComponent('2026-03-02T10:00:00-05:00')}&cursor_id=${String(c.id)}`);
		expect(later.data.items.map((i: { code: string; event: string }) => [i.code, i.event])).toEqual([['S1', 'updated'], ['S2', 'deleted']]);
		expect((await call('GET', `${routes.updates}?entity=nothing`)).data.detail[0].loc).toEqual(['query', 'entity']);
		expect((await call('GET', `${routes.updates}?entity=customers&limit=501`)).status).toBe(422);
	});

	it('entities: one per catalog resource, with counts and last change', async () => {
		const answer = await call('GET', routes.entities);
		expect(answer.data.items).toHaveLength(resources.length);
		expect(answer.data.items.find((e: { entity: string }) => e.entity === 'products')).toEqual({
			entity: 'products',
			label: 'Products',
			path: '/api/inventory/products',
			supports_updates: true,
			count: 120,
			last_modified_at: expect.any(String),
		});
	});
});

describe('test controls', () => {
	it('injects 429 with Retry-After, 503, drops and latency, after N matches, and logs requests', async () => {
		sb.faults.add({ path: '/api/customers', kind: 'status', status: 429, retryAfter: 2, afterMatches: 1 });
		expect((await call('GET', '/api/customers')).status).toBe(200);
		const limited = await call('GET', '/api/customers');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('2');
		expect((await call('GET', '/api/customers')).status).toBe(200);
		sb.faults.add({ path: routes.status, kind: 'status', status: 503 });
		expect((await call('GET', routes.status)).status).toBe(503);
		sb.faults.add({ path: routes.status, kind: 'drop' });
		await expect(call('GET', routes.status)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(sb.log.map((r) => [r.path, r.status])).toEqual([
			['/api/customers', 200],
			['/api/customers', 429],
			['/api/customers', 200],
			[routes.status, 503],
			[routes.status, 0],
		]);
	});

	it('control routes work over HTTP without the API key: clock, records, faults, log and sink', async () => {
		const control = async (method: string, path: string, data?: unknown) => await api.request({ method, url: `${sb.url}/__sandbox${path}`, data });
		await control('POST', '/clock', { set: '2026-04-01T12:00:00-04:00' });
		expect((await call('GET', routes.status)).data.server_time).toBe('2026-04-01T11:00:00-05:00');
		const created = await control('POST', '/records/customers', { code: 'HTTP1', description: 'Par HTTP' });
		expect(created.status).toBe(201);
		expect((await control('PATCH', `/records/customers/${String(created.data.id)}`, { comment: 'x' })).data.comment).toBe('x');
		await control('DELETE', `/records/customers/${String(created.data.id)}`);
		expect((await call('GET', '/api/customers/by-code/HTTP1')).status).toBe(404);
		await control('POST', '/faults', { path: routes.status, kind: 'status', status: 500 });
		expect((await call('GET', routes.status)).status).toBe(500);
		expect((await control('GET', '/log')).data.length).toBeGreaterThan(0);
		await control('DELETE', '/log');
		expect(sb.log).toHaveLength(0);
		await control('POST', '/sink', { hello: 'monde' });
		expect((await control('GET', '/sink')).data).toEqual([{ hello: 'monde' }]);
	});
});
