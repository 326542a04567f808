/**
 * The sandbox against the contract (shared/exoconnect-api.md), route by route, over plain HTTP: if the
 * sandbox drifted from the contract, the node's tests would prove nothing.
 */
import type { AxiosResponse } from 'axios';
import axios from 'axios';
import { sleep } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { coreResources, listLimits, resourceByKey, resources, routes, updatesLimits } from '../../nodes/ExoConnect/catalog';
import type { Json, Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read field by field as the node would
type Body = Record<string, any>;

let sb: Sandbox;
const RELAY = 'acme';
const api = axios.create({ validateStatus: () => true });
const call = async (method: string, path: string, data?: unknown, key: string | null = sb.apiKey): Promise<AxiosResponse<Body>> =>
	await api.request({ method, url: `${sb.url}/${RELAY}${path}`, data, headers: key === null ? {} : { 'x-api-key': key } });
const control = async (method: string, path: string, data?: unknown): Promise<AxiosResponse<Body>> =>
	await api.request({ method, url: `${sb.url}/__sandbox${path}`, data });
const get = async (path: string) => (await call('GET', path)).data;

const resource = (key: string) => resourceByKey(key) as ResourceDef;
const customers = resource('customers');
const products = resource('products');
const quotes = resource('quotes');
const orders = resource('sales_orders');
const invoices = resource('invoices');
const purchaseOrders = resource('purchase_orders');
const byCode = (r: ResourceDef, code: string) => `${r.path}/by-code/${encodeURIComponent(code)}`;
const byId = (r: ResourceDef, id: unknown) => `${r.path}/by-id/${String(id)}`;
const changes = (query: string) => `${routes.updates}?${query}`;
const live = (key: Parameters<Sandbox['store']['list']>[0]) =>
	sb.store.list(key).filter((r) => !(r.status as { is_deleted: boolean }).is_deleted);
const codes = (items: Body[]) => items.map((i) => i.code as string);

beforeAll(async () => {
	sb = await startSandbox({ relayPath: RELAY, customers: 60, products: 120 });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

describe('connection', () => {
	it('GET /system/status answers the status with the clock time, with the API key only', async () => {
		const ok = await call('GET', routes.status);
		expect(ok.status).toBe(200);
		expect(ok.headers['content-type']).toMatch(/^application\/json/);
		expect(ok.data).toEqual({ status: 'ok', api_version: '1.1.0', server_time: '2026-03-02T09:00:00-05:00', sdk: { connected: true, company: 'Démo Acomba inc.' } });
		for (const key of ['wrong', null]) {
			expect(await call('GET', routes.status, undefined, key)).toMatchObject({ status: 401, data: { detail: 'Invalid API key' } });
		}
		// the key is checked before anything else, even on an unknown route
		expect(await call('GET', '/api/nothing', undefined, 'wrong')).toMatchObject({ status: 401, data: { detail: 'Invalid API key' } });
	});

	it('serves the API only under the relay path when one is set', async () => {
		const noRelay = await api.get(`${sb.url}${routes.status}`, { headers: { 'x-api-key': sb.apiKey } });
		expect(noRelay).toMatchObject({ status: 404, data: { detail: 'Not Found' } });
		const otherRelay = await api.get(`${sb.url}/other${routes.status}`, { headers: { 'x-api-key': sb.apiKey } });
		expect(otherRelay.status).toBe(404);
		expect(sb.log.map((r) => r.path)).toEqual([routes.status, `/other${routes.status}`]);
	});

	it('answers the API at the root without a relay path', async () => {
		const plain = await startSandbox({ customers: 2, products: 2, apiKey: 'k' });
		try {
			expect((await api.get(`${plain.url}${routes.status}`, { headers: { 'x-api-key': 'k' } })).status).toBe(200);
			expect(plain.relayPath).toBe('');
		} finally {
			await plain.close();
		}
	});

	it('unknown routes answer 404, wrong methods 405 with Allow, in the FastAPI format', async () => {
		expect(await call('GET', '/api/nothing')).toMatchObject({ status: 404, data: { detail: 'Not Found' } });
		expect(await call('GET', `${customers.path}/by-name/X`)).toMatchObject({ status: 404, data: { detail: 'Not Found' } });
		const collection = await call('DELETE', customers.path);
		expect(collection).toMatchObject({ status: 405, data: { detail: 'Method Not Allowed' } });
		expect(collection.headers.allow).toBe('GET, POST');
		// the method is checked before the record is looked up
		expect((await call('DELETE', byCode(customers, 'NOPE'))).status).toBe(405);
		expect((await call('POST', routes.status)).status).toBe(405);
		expect((await call('PUT', routes.updates)).status).toBe(405);
	});

	it('answers 422 to a body that is not JSON', async () => {
		const answer = await api.post(`${sb.url}/${RELAY}${customers.path}`, '{"code": ', { headers: { 'x-api-key': sb.apiKey, 'content-type': 'application/json' }, transformRequest: [(data: string) => data] });
		expect(answer).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 0], type: 'json_invalid' }] } });
	});
});

describe.each(coreResources.map((r) => [r.key, r] as const))('%s', (_, r) => {
	it('lists by pages ordered by id, with totals, brief by default, full on request', async () => {
		const all = live(r.key);
		const total = all.length;
		const first = await call('GET', `${r.path}?page_size=2`);
		expect(first.status).toBe(200);
		expect(first.data).toMatchObject({ page: 1, page_size: 2, total, total_pages: Math.ceil(total / 2) });
		expect(first.data.items).toEqual(
			all.slice(0, 2).map((record) => ({
				id: record.id,
				code: record.code,
				name: expect.any(String),
				// brief products carry their price [doc: "Lister les produits"]
				...(r.key === 'products' ? { price: (record.prices as Json).regular } : {}),
				updated_at: record.updated_at,
				_links: { self: `${r.path}/by-id/${String(record.id)}` },
			})),
		);
		// a document without a description shows its customer's (supplier's) name
		const party = r.document ? sb.store.getByCode(r.document.partyResource, String(all[0][r.document.partyField])) : undefined;
		expect(first.data.items[0].name).toBe(all[0][r.nameField] ?? party?.description);
		const second = await get(`${r.path}?page=2&page_size=2`);
		expect(codes(second.items)).toEqual(codes(all.slice(2, 4)));
		const ids = (await get(`${r.path}?page_size=${listLimits.maxPageSize}`)).items.map((i: Body) => i.id as number);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		const defaults = await get(r.path);
		expect(defaults).toMatchObject({ page: 1, page_size: listLimits.defaultPageSize, total });
		const full = await get(`${r.path}?page_size=1&brief=false`);
		expect(full.items[0]).toEqual(all[0]);
		const past = await get(`${r.path}?page=999&page_size=2`);
		expect(past).toEqual({ items: [], page: 999, page_size: 2, total, total_pages: Math.ceil(total / 2) });
	});

	it('reads one record by code and by id, full, and says which one is missing', async () => {
		const [record] = live(r.key);
		const viaCode = await call('GET', byCode(r, String(record.code)));
		const viaId = await call('GET', byId(r, record.id));
		expect(viaCode.status).toBe(200);
		expect(viaCode.data).toEqual(viaId.data);
		expect(viaCode.data).toMatchObject({
			id: record.id,
			code: record.code,
			...(r.document ? {} : { [r.nameField]: expect.any(String) }),
			updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/),
			status: { is_active: expect.any(Boolean), is_deleted: false },
			metadata: { unique_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), updated_at: viaCode.data.updated_at },
		});
		// related codes come as {id, code} objects: only them where the docs show a record's shape (§9),
		// next to the code sent for the others (documents keep their header fields as sent, §4)
		const stored = sb.store.table(r.key).records.get(Number(record.id))?.data ?? {};
		const relations = r.fields.filter((f) => f.relation && f.kind === 'string' && stored[f.name]);
		if (r.document) expect(relations.length).toBeGreaterThan(0);
		for (const field of relations) {
			const shown = field.shownAs?.split('.')[0];
			const name = shown ?? (r.document?.partyField === field.name ? r.document.partyObject : field.name.replace(/_code$/, ''));
			expect(viaCode.data[name]).toMatchObject({ id: expect.any(Number), code: expect.anything() });
			expect(String(viaCode.data[name].code)).toBe(stored[field.name]);
			if (shown) expect(viaCode.data).not.toHaveProperty(field.name);
			else expect(viaCode.data[field.name]).toBe(stored[field.name]);
		}
		expect(await call('GET', byCode(r, 'NOPE'))).toMatchObject({ status: 404, data: { detail: `${r.displayName} NOPE not found` } });
		expect(await call('GET', byId(r, 987654))).toMatchObject({ status: 404, data: { detail: `${r.displayName} 987654 not found` } });
		expect(await call('GET', byId(r, 'abc'))).toMatchObject({ status: 422, data: { detail: [{ loc: ['path', 'id'] }] } });
	});
});

describe('lists', () => {
	it('checks the paging parameters with 422s pointing at them', async () => {
		for (const query of [`page_size=${listLimits.maxPageSize + 1}`, 'page_size=0', 'page_size=abc', 'page=0', 'brief=maybe', 'active_only=perhaps']) {
			const name = query.split('=')[0];
			expect(await call('GET', `${customers.path}?${query}`)).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', name], msg: expect.any(String), type: expect.any(String) }] } });
		}
		expect((await get(`${customers.path}?page_size=${listLimits.maxPageSize}`)).page_size).toBe(listLimits.maxPageSize);
	});

	it('active_only hides inactive records', async () => {
		const all = live('products');
		const active = all.filter((p) => (p.status as { is_active: boolean }).is_active);
		expect(active.length).toBeLessThan(all.length);
		const answer = await get(`${products.path}?active_only=true&page_size=500`);
		expect(codes(answer.items)).toEqual(codes(active));
		expect((await get(`${products.path}?active_only=false`)).total).toBe(all.length);
	});

	it('from_datetime / to_datetime keep records modified in between, both ends included, any offset', async () => {
		const all = live('customers');
		const [a, b, c] = [all[3], all[4], all[5]];
		const range = await get(`${customers.path}?from_datetime=${encodeURIComponent(String(b.updated_at))}&to_datetime=${encodeURIComponent(String(c.updated_at))}`);
		expect(codes(range.items)).toEqual([b.code, c.code]);
		const utc = new Date(String(a.updated_at)).toISOString();
		const sameInUtc = await get(`${customers.path}?from_datetime=${encodeURIComponent(utc)}&to_datetime=${encodeURIComponent(utc)}`);
		expect(codes(sameInUtc.items)).toEqual([a.code]);
		expect((await get(`${customers.path}?from_datetime=2026-03-02T09:00:01-05:00`)).total).toBe(0);
		expect(await call('GET', `${customers.path}?from_datetime=yesterday`)).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', 'from_datetime'] }] } });
	});

	it('description_prefix matches the start of the name, not case-sensitive', async () => {
		expect(codes((await get(`${customers.path}?description_prefix=${encodeURIComponent('jachète')}`)).items)).toEqual(['JACHETE']);
		const reps = await get(`${resource('sales_reps').path}?description_prefix=marie`);
		expect(reps.items.map((i: Body) => i.name)).toEqual(['Marie-Ève Gagnon']);
		expect((await get(`${customers.path}?description_prefix=zzzz`)).total).toBe(0);
	});

	it('filters products by group, and ignores filters of other resources', async () => {
		const group = await get(`${products.path}?product_group_code=PEIN&brief=false&page_size=500`);
		const expected = live('products').filter((p) => (p.product_group as Json).code === 'PEIN');
		expect(expected.length).toBeGreaterThan(0);
		expect(codes(group.items)).toEqual(codes(expected));
		expect((await get(`${customers.path}?date_to=2000-01-01&product_group_code=PEIN`)).total).toBe(live('customers').length);
	});

	it('filters documents by customer or supplier and by document date, both ends included', async () => {
		await call('POST', quotes.path, { customer_code: 'JACHETE', code: 'Q-JAN', date: '2026-01-15', details: [{ description: 'x' }] });
		await call('POST', quotes.path, { customer_code: 'JACHETE', code: 'Q-FEB', date: '2026-02-15', details: [{ description: 'x' }] });
		const mine = await get(`${invoices.path}?customer_code=JACHETE&brief=false`);
		expect(codes(mine.items)).toEqual(codes(live('invoices').filter((d) => d.customer_code === 'JACHETE')));
		expect(mine.total).toBeGreaterThan(0);
		const range = await get(`${quotes.path}?date_from=2026-01-15&date_to=2026-02-15`);
		expect(codes(range.items)).toEqual(['Q-JAN', 'Q-FEB']);
		expect(codes((await get(`${quotes.path}?date_to=2026-01-31`)).items)).toEqual(['Q-JAN']);
		expect(await call('GET', `${quotes.path}?date_from=15/01/2026`)).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', 'date_from'] }] } });
		const supplier = String(live('suppliers')[0].code);
		const pos = await get(`${purchaseOrders.path}?supplier_code=${encodeURIComponent(supplier)}&brief=false`);
		expect(pos.total).toBeGreaterThan(0);
		pos.items.forEach((d: Body) => expect(d.supplier).toMatchObject({ code: supplier }));
	});

	it('with the FastAPI quirk on, an [inferred] filter is ignored and a [doc] one still applies; reset turns it off', async () => {
		await call('POST', orders.path, { customer_code: 'JACHETE', reference: 'WEB-9', details: [{ description: 'x' }] });
		const all = live('sales_orders');
		expect(orders.filters.find((f) => f.name === 'reference')?.evidence).toBe('inferred');
		expect((await get(`${orders.path}?reference=WEB-9`)).total).toBe(1);
		expect(await control('POST', '/quirks', { ignoreInferredFilters: true })).toMatchObject({ status: 200, data: { ignoreInferredFilters: true } });
		expect((await get(`${orders.path}?reference=WEB-9`)).total).toBe(all.length);
		const jachete = all.filter((d) => d.customer_code === 'JACHETE').length;
		expect((await get(`${orders.path}?reference=WEB-9&customer_code=JACHETE`)).total).toBe(jachete);
		expect(sb.log.at(-1)?.query).toMatchObject({ reference: 'WEB-9' }); // the log keeps what was sent
		sb.reset();
		expect((await get(`${orders.path}?reference=WEB-9`)).total).toBe(0);
	});
});

describe('create', () => {
	it('answers 201 with the id, and the record reads back by a code holding "/", a space, "#" and accents', async () => {
		const code = 'CAFÉ/É 2#';
		const created = await call('POST', customers.path, { code, description: 'Café Éloïse', tax_group_code: 'QC', extra_note: 'kept' });
		expect(created).toMatchObject({ status: 201, data: { success: true, created_id: expect.any(Number) } });
		const read = await call('GET', byCode(customers, code));
		expect(read.data).toMatchObject({ id: created.data.created_id, code, description: 'Café Éloïse', extra_note: 'kept', tax_group: { code: 'QC' }, status: { is_active: true, is_deleted: false } });
		expect(read.data.updated_at).toBe('2026-03-02T09:00:00-05:00');
		expect(sb.log.at(-1)?.path).toBe(`${customers.path}/by-code/CAF%C3%89%2F%C3%89%202%23`);
	});

	it('refuses a duplicate code with 409 and bad data with 422 listing every problem; nothing is written', async () => {
		expect(await call('POST', customers.path, { code: 'JACHETE', description: 'x' })).toMatchObject({ status: 409, data: { detail: 'Customer JACHETE already exists' } });
		const missing = await call('POST', customers.path, { code: 'X1' });
		expect(missing).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'description'], type: 'missing' }] } });
		const wrong = await call('POST', customers.path, { code: 'X2', description: 'x', sales_rep_code: '999', territory_code: 'NOWHERE' });
		expect(wrong.status).toBe(422);
		expect(wrong.data.detail).toEqual([
			{ loc: ['body', 'sales_rep_code'], msg: "Sales Rep '999' does not exist", type: 'value_error' },
			{ loc: ['body', 'territory_code'], msg: "Territory 'NOWHERE' does not exist", type: 'value_error' },
		]);
		const typed = await call('POST', products.path, { code: 'P1', description: 'x', price: 'cher' });
		expect(typed.data.detail).toEqual([expect.objectContaining({ loc: ['body', 'price'] })]);
		const group = await call('POST', resource('tax_groups').path, { code: 'G1', description: 'x', taxes: ['TPS', 'NOPE'] });
		expect(group.data.detail).toEqual([expect.objectContaining({ loc: ['body', 'taxes', 1], msg: "Tax 'NOPE' does not exist" })]);
		expect(sb.store.getByCode('customers', 'X1')).toBeUndefined();
		expect(sb.store.getByCode('customers', 'X2')).toBeUndefined();
	});

	it('shows product stock read-only: a client cannot set it', async () => {
		const settings = { minimum: 0, maximum: 0 };
		expect((await get(byCode(products, 'WIDGET-001'))).stock).toEqual({ on_hand: 120, on_order: 0, on_quote: 0, reserved: 8, in_purchase: 0, available: 112, settings });
		await call('POST', products.path, { code: 'NEUF', description: 'Neuf', price: 1, stock: { on_hand: 999 } });
		expect((await get(byCode(products, 'NEUF'))).stock).toEqual({ on_hand: 0, on_order: 0, on_quote: 0, reserved: 0, in_purchase: 0, available: 0, settings });
	});
});

describe('documented shapes (contract §9)', () => {
	const suppliers = resource('suppliers');
	const flags = { show_on_transaction: false, print_in_transactions: false };

	it('a full customer nests its related records, codes as numbers where the docs show numbers, and has no *_code fields', async () => {
		const customer = await get(byCode(customers, 'JACHETE'));
		const id = (key: 'sales_reps' | 'territories' | 'sales_terms' | 'carriers' | 'tax_groups', code: string) => sb.store.findLive(key, code)?.id;
		expect(customer).toMatchObject({
			sales_rep: { id: id('sales_reps', '42'), code: 42 },
			territory: { id: id('territories', 'MTL'), code: 'MTL' },
			payment_term: { id: id('sales_terms', '1'), code: 1 },
			shipping: { id: id('carriers', 'PUR'), code: 'PUR' },
			tax_group: { id: id('tax_groups', 'QC'), code: 'QC' },
			language: { id: 1, code: 'FR', label: 'Français' },
			comment: { text: 'Livraison par la porte arrière', show_on_transaction: true, print_in_transactions: false },
			phones: [{ type: 'main', number: '514-555-0142' }, { type: 'other_1', number: '514-555-0199', description: 'Entrepôt' }],
			emails: [{ type: 'primary', address: 'comptes@jachete.example' }, { type: 'personal', address: 'lise.gagnon@jachete.example' }],
		});
		for (const flat of ['sales_rep_code', 'territory_code', 'term_code', 'shipping_code', 'carrier_code', 'tax_group_code', 'language_code']) {
			expect(customer).not.toHaveProperty(flat);
		}
	});

	it('a full supplier has the same shape, with its purchase term', async () => {
		const supplier = await get(byId(suppliers, live('suppliers')[0].id));
		expect(supplier).toMatchObject({ payment_term: { id: expect.any(Number), code: expect.any(Number) }, shipping: { code: expect.any(String) }, tax_group: { code: 'QC' }, language: { code: 'FR' } });
		expect(supplier).not.toHaveProperty('term_code');
	});

	it('a full product shows prices, unit, stock, comment and locale names; a brief one its name and price', async () => {
		const product = await get(byCode(products, 'WIDGET-001'));
		expect(product).toMatchObject({
			description: 'Support mural universel',
			description_locale: { fr: 'Support mural universel', en: null },
			prices: { regular: 24.99, promo: null, bulk: {}, last_cost: 11.2, average_cost: 11.2 },
			unit: { code: 'UN', label: 'Unité' },
			product_group: { id: expect.any(Number), code: 'QUIN' },
			comment: { text: 'Fragile : manipuler avec soin', show_on_invoice: false, print_in_transactions: false },
			stock: { on_hand: 120, reserved: 8, available: 112, on_order: 0, on_quote: 0, in_purchase: 0, settings: expect.any(Object) },
		});
		for (const flat of ['price', 'cost', 'product_group_code']) expect(product).not.toHaveProperty(flat);
		const [brief] = (await get(`${products.path}?page_size=1`)).items;
		expect(brief).toEqual({ id: product.id, code: 'WIDGET-001', name: 'Support mural universel', price: 24.99, updated_at: product.updated_at, _links: { self: byId(products, product.id) } });
	});

	it('takes the flattened body names, shipping_code for the carrier, a comment as text or object, the documented phone and email types', async () => {
		const created = await call('POST', customers.path, {
			code: 'DOC1',
			description: 'Client documenté',
			sales_rep_code: '7',
			term_code: '2',
			shipping_code: 'DIC',
			language_code: 'EN',
			comment: 'Appeler avant',
			phones: [{ type: 'other_1', number: '1' }, { type: 'other_2', number: '2', description: 'Cellulaire' }, { type: 'fax', number: '3' }],
			emails: [{ type: 'personal', address: 'a@b.example' }, { type: 'other', address: 'c@d.example' }],
		});
		expect(created.status).toBe(201);
		const customer = await get(byId(customers, created.data.created_id));
		expect(customer).toMatchObject({
			sales_rep: { code: 7 },
			payment_term: { code: 2 },
			shipping: { code: 'DIC' },
			language: { code: 'EN', label: 'Anglais' },
			comment: { text: 'Appeler avant', ...flags },
			phones: [{ type: 'other_1' }, { type: 'other_2', description: 'Cellulaire' }, { type: 'fax' }],
			emails: [{ type: 'personal' }, { type: 'other' }],
		});
		expect(await call('PUT', byCode(customers, 'DOC1'), { comment: { text: 'Objet', show_on_transaction: true } })).toMatchObject({ status: 200 });
		expect((await get(byCode(customers, 'DOC1'))).comment).toEqual({ text: 'Objet', show_on_transaction: true, print_in_transactions: false });
		expect((await call('PUT', byCode(customers, 'DOC1'), { shipping_code: 'NOPE' })).data.detail).toEqual([expect.objectContaining({ loc: ['body', 'shipping_code'] })]);
	});

	it('refuses the undocumented phone and email types with 422s at the entry', async () => {
		const answer = await call('POST', customers.path, { code: 'DOC2', description: 'x', phones: [{ type: 'other', number: '1' }], emails: [{ type: 'work', address: 'a@b.example' }] });
		expect(answer.status).toBe(422);
		expect(answer.data.detail.map((d: Body) => d.loc)).toEqual([
			['body', 'phones', 0, 'type'],
			['body', 'emails', 0, 'type'],
		]);
	});

	it('keeps a §3 carrier_code as an unknown extra field: it is not the carrier', async () => {
		await call('POST', customers.path, { code: 'DOC3', description: 'x', carrier_code: 'DIC' });
		const customer = await get(byCode(customers, 'DOC3'));
		expect(customer).toMatchObject({ carrier_code: 'DIC' });
		expect(customer).not.toHaveProperty('shipping');
	});

	it('a document takes its carrier from the customer\'s shipping', async () => {
		await call('POST', customers.path, { code: 'DOC4', description: 'x', shipping_code: 'CLI' });
		const created = await call('POST', quotes.path, { customer_code: 'DOC4', details: [{ description: 'x' }] });
		expect(await get(byId(quotes, created.data.created_id))).toMatchObject({ carrier_code: 'CLI', carrier: { code: 'CLI' } });
	});
});

describe('update', () => {
	it('changes only the fields sent and answers 200 with the id', async () => {
		const before = sb.store.getByCode('customers', 'JACHETE') as Json;
		sb.clock.advance(60);
		expect(await call('PUT', byCode(customers, 'JACHETE'), { credit_limit: 500 })).toMatchObject({ status: 200, data: { success: true, updated_id: before.id } });
		const after = await get(byId(customers, before.id));
		expect(after).toEqual({ ...before, credit_limit: 500, updated_at: '2026-03-02T09:01:00-05:00', metadata: { ...(before.metadata as Json), updated_at: '2026-03-02T09:01:00-05:00' } });
		expect((await call('PUT', byId(customers, before.id), { credit_limit: 1 })).data).toEqual({ success: true, updated_id: before.id });
	});

	it('takes back a full record as read, without confusing its computed parts', async () => {
		const read = await get(byCode(customers, 'JACHETE'));
		expect((await call('PUT', byCode(customers, 'JACHETE'), { ...read, id: 1234, description: 'Jachète ltée' })).status).toBe(200);
		expect(await get(byCode(customers, 'JACHETE'))).toMatchObject({ id: read.id, description: 'Jachète ltée', sales_rep: read.sales_rep });
	});

	it('answers 422 to an empty or invalid body before looking the record up, 404 to an unknown record', async () => {
		expect(await call('PUT', byCode(customers, 'JACHETE'), {})).toMatchObject({ status: 422, data: { detail: [{ loc: ['body'] }] } });
		expect((await call('PUT', byCode(customers, 'NOPE'), {})).status).toBe(422);
		expect(await call('PUT', byCode(customers, 'NOPE'), { comment: 'x' })).toMatchObject({ status: 404, data: { detail: 'Customer NOPE not found' } });
		expect(await call('PUT', byCode(customers, 'JACHETE'), { term_code: '99' })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'term_code'] }] } });
	});

	it('renames a code, refusing one that exists with 409', async () => {
		const other = String(live('customers')[1].code);
		expect(await call('PUT', byCode(customers, 'JACHETE'), { code: other })).toMatchObject({ status: 409, data: { detail: `Customer ${other} already exists` } });
		expect((await call('PUT', byCode(customers, 'JACHETE'), { code: 'JACHETE2' })).status).toBe(200);
		expect((await call('GET', byCode(customers, 'JACHETE'))).status).toBe(404);
		expect((await get(byCode(customers, 'JACHETE2'))).description).toBe('Jachète inc.');
	});

	it('refuses any invoice update with 405, known or not', async () => {
		const [invoice] = live('invoices');
		for (const path of [byId(invoices, invoice.id), byCode(invoices, String(invoice.code)), byCode(invoices, 'NOPE')]) {
			expect(await call('PUT', path, { reference: 'x' })).toMatchObject({ status: 405, data: { detail: 'Invoices cannot be modified in Acomba' } });
		}
		expect((await get(byId(invoices, invoice.id))).reference).toBe(invoice.reference);
	});
});

describe('deleted records', () => {
	it('are not listed nor found, and their code can be used again', async () => {
		const target = live('customers')[2];
		sb.store.markDeleted('customers', Number(target.id));
		expect(codes((await get(`${customers.path}?page_size=500`)).items)).not.toContain(target.code);
		expect((await call('GET', byCode(customers, String(target.code)))).status).toBe(404);
		expect((await call('GET', byId(customers, target.id))).status).toBe(404);
		expect((await call('PUT', byId(customers, target.id), { comment: 'x' })).status).toBe(404);
		const again = await call('POST', customers.path, { code: target.code, description: 'Nouveau' });
		expect(again.status).toBe(201);
		expect(again.data.created_id).not.toBe(target.id);
		expect((await get(byCode(customers, String(target.code)))).description).toBe('Nouveau');
	});
});

describe('documents', () => {
	it('fill omitted header fields from the customer and line fields from the product, and total with taxes', async () => {
		const created = await call('POST', orders.path, {
			customer_code: 'JACHETE',
			details: [{ sku: 'WIDGET-001', ordered_qty: 2 }, { description: 'Livrer le matin' }, { sku: 'WIDGET-002', ordered_qty: 1, unit_price: 30 }],
		});
		expect(created.status).toBe(201);
		const order = await get(byId(orders, created.data.created_id));
		expect(order).toMatchObject({
			term_code: '1',
			sales_rep_code: '42',
			territory_code: 'MTL',
			carrier_code: 'PUR',
			date: '2026-03-02',
			customer: { id: expect.any(Number), code: 'JACHETE', name: 'Jachète inc.' },
			sales_rep: { code: '42' },
			code: expect.stringMatching(/^CMD-2026-\d{5}$/),
			status: { is_active: true, is_deleted: false },
		});
		expect(order.details).toEqual([
			expect.objectContaining({ line_number: 1, sku: 'WIDGET-001', unit_price: 24.99, total: 49.98, tax_amount_1: 2.5, tax_amount_2: 4.99, product_group_code: 'QUIN' }),
			expect.objectContaining({ line_number: 2, sku: '', description: 'Livrer le matin', ordered_qty: 0, total: 0 }),
			expect.objectContaining({ line_number: 3, unit_price: 30, total: 30, tax_amount_1: 1.5, tax_amount_2: 2.99 }),
		]);
		expect(order.details[1]).not.toHaveProperty('unit_price');
		expect(order).toMatchObject({ subtotal: 79.98, tax_total: 11.98, total: 91.96 });
	});

	it('keep what the client sent explicitly, 0 included (an empty code is refused)', async () => {
		expect(await call('POST', quotes.path, { customer_code: 'JACHETE', territory_code: '', details: [{ description: 'x' }] })).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'territory_code'] }] } });
		const created = await call('POST', quotes.path, {
			customer_code: 'JACHETE',
			term_code: '3',
			territory_code: 'QC',
			date: '2026-02-27',
			valid_until: '2026-03-31',
			details: [{ line_number: 10, sku: 'WIDGET-001', ordered_qty: 1, unit_price: 0, tax_amount_1: 0 }],
		});
		const quote = await get(byId(quotes, created.data.created_id));
		expect(quote).toMatchObject({ term_code: '3', territory_code: 'QC', date: '2026-02-27', valid_until: '2026-03-31', sales_rep_code: '42', subtotal: 0, tax_total: 0, total: 0 });
		expect(quote.details[0]).toMatchObject({ line_number: 10, unit_price: 0, total: 0, tax_amount_1: 0, tax_amount_2: 0 });
	});

	it('number themselves per kind, skipping a number already typed in', async () => {
		const next = (r: ResourceDef, party: Json) => call('POST', r.path, { ...party, details: [{ description: 'x' }] });
		const supplier = { supplier_code: live('suppliers')[0].code };
		const jachete = { customer_code: 'JACHETE' };
		const count = (key: 'quotes' | 'invoices' | 'purchase_orders') => live(key).length;
		const expected = (prefix: string, n: number) => `${prefix}-2026-${String(n).padStart(5, '0')}`;
		const quoteCount = count('quotes');
		await call('POST', quotes.path, { ...jachete, code: expected('SOU', quoteCount + 1), details: [{ description: 'typed' }] });
		const auto = await next(quotes, jachete);
		expect((await get(byId(quotes, auto.data.created_id))).code).toBe(expected('SOU', quoteCount + 2));
		expect((await get(byId(invoices, (await next(invoices, jachete)).data.created_id))).code).toBe(expected('FAC', count('invoices')));
		const po = await get(byId(purchaseOrders, (await next(purchaseOrders, supplier)).data.created_id));
		expect(po).toMatchObject({ code: expected('BA', count('purchase_orders')), supplier: { code: supplier.supplier_code, name: expect.any(String) } });
		expect(await call('POST', quotes.path, { ...jachete, code: expected('SOU', 1), details: [{ description: 'x' }] })).toMatchObject({ status: 409, data: { detail: `Quote ${expected('SOU', 1)} already exists` } });
	});

	it('tax from the tax group: a FED customer pays TPS only', async () => {
		await call('POST', customers.path, { code: 'FEDCLI', description: 'Client fédéral', tax_group_code: 'FED' });
		const created = await call('POST', invoices.path, { customer_code: 'FEDCLI', details: [{ sku: 'WIDGET-002', ordered_qty: 2 }] });
		const invoice = await get(byId(invoices, created.data.created_id));
		expect(invoice.details[0]).toMatchObject({ total: 79, tax_amount_1: 3.95, tax_amount_2: 0 });
		expect(invoice).toMatchObject({ subtotal: 79, tax_total: 3.95, total: 82.95 });
	});

	it('point a 422 at the line: unknown sku or product group, description over 90 characters, comment line without text', async () => {
		const unknown = await call('POST', quotes.path, { customer_code: 'JACHETE', details: [{ description: 'ok' }, { sku: 'NOPE', ordered_qty: 1 }, { sku: 'WIDGET-001', product_group_code: 'NOGROUP' }] });
		expect(unknown).toMatchObject({ status: 422 });
		expect(unknown.data.detail).toEqual([
			{ loc: ['body', 'details', 1, 'sku'], msg: "Product 'NOPE' does not exist", type: 'value_error' },
			{ loc: ['body', 'details', 2, 'product_group_code'], msg: "Product Group 'NOGROUP' does not exist", type: 'value_error' },
		]);
		const long = await call('POST', quotes.path, { customer_code: 'JACHETE', details: [{ description: 'x'.repeat(91) }] });
		expect(long).toMatchObject({ status: 422, data: { detail: [{ loc: ['body', 'details', 0, 'description'] }] } });
		const empty = await call('POST', quotes.path, { customer_code: 'JACHETE', details: [{ sku: '' }] });
		expect(empty.data.detail[0].loc).toEqual(['body', 'details', 0, 'description']);
		expect((await call('POST', quotes.path, { customer_code: 'JACHETE', details: [] })).data.detail[0].loc).toEqual(['body', 'details']);
		expect((await call('POST', quotes.path, { customer_code: 'NOPE', details: [{ description: 'x' }] })).data.detail).toEqual([
			{ loc: ['body', 'customer_code'], msg: "Customer 'NOPE' does not exist", type: 'value_error' },
		]);
		expect(live('quotes').length).toBe(sb.store.list('quotes').length);
	});

	it('replace all lines on update and recompute the totals', async () => {
		const [quote] = live('quotes');
		expect(await call('PUT', byId(quotes, quote.id), { details: [{ sku: 'WIDGET-001', ordered_qty: 4 }] })).toMatchObject({ status: 200 });
		const after = await get(byId(quotes, quote.id));
		expect(after.details).toEqual([expect.objectContaining({ line_number: 1, sku: 'WIDGET-001', total: 99.96 })]);
		expect(after).toMatchObject({ subtotal: 99.96, customer: quote.customer, date: quote.date });
	});

	it('accept a new sales rep on update but keep the old one (the documented limitation)', async () => {
		const [quote] = live('quotes');
		const other = live('sales_reps').find((r) => r.code !== quote.sales_rep_code)?.code;
		const answer = await call('PUT', byId(quotes, quote.id), { sales_rep_code: other, reference: 'NEW' });
		expect(answer).toMatchObject({ status: 200, data: { success: true, updated_id: quote.id } });
		expect(await get(byId(quotes, quote.id))).toMatchObject({ reference: 'NEW', sales_rep_code: quote.sales_rep_code });
		expect((await call('PUT', byId(quotes, quote.id), { sales_rep_code: '999' })).status).toBe(422);
	});
});

describe('updates helper', () => {
	const ts = (s: string) => encodeURIComponent(s);

	it('pages by (modified_at, id): three changes in one second across a page boundary, then updated and deleted', async () => {
		sb.clock.set('2026-03-02T10:00:00-05:00');
		const a = sb.store.insert('customers', { code: 'S1', description: 'Un' });
		const b = sb.store.insert('customers', { code: 'S2', description: 'Deux' });
		const c = sb.store.insert('customers', { code: 'S3', description: 'Trois' });
		expect(new Set([a, b, c].map((r) => r.updated_at))).toEqual(new Set(['2026-03-02T10:00:00-05:00']));
		const first = await get(changes(`entity=customers&since=${ts('2026-03-02T09:59:59-05:00')}&limit=2&include_record=true`));
		expect(first).toMatchObject({ count: 2, has_more: true, next_cursor: { since: '2026-03-02T10:00:00-05:00', cursor_id: b.id } });
		expect(first.items.map((i: Body) => [i.code, i.event])).toEqual([['S1', 'created'], ['S2', 'created']]);
		expect(first.items[0]).toEqual({ entity: 'customers', id: a.id, code: 'S1', event: 'created', modified_at: '2026-03-02T10:00:00-05:00', record: sb.store.get('customers', Number(a.id)) });
		const next = first.next_cursor;
		const second = await get(changes(`entity=customers&since=${ts(next.since)}&cursor_id=${String(next.cursor_id)}&limit=2`));
		expect(second).toMatchObject({ count: 1, has_more: false, items: [{ id: c.id, record: null }], next_cursor: { since: '2026-03-02T10:00:00-05:00', cursor_id: c.id } });

		sb.clock.advance(5);
		sb.store.update('customers', Number(a.id), { comment: 'changé' });
		sb.store.update('customers', Number(a.id), { comment: 'changé deux fois' });
		sb.store.markDeleted('customers', Number(b.id));
		const later = await get(changes(`entity=customers&since=${ts('2026-03-02T10:00:00-05:00')}&cursor_id=${String(c.id)}&include_record=true`));
		expect(later.items.map((i: Body) => [i.code, i.event, i.modified_at])).toEqual([
			['S1', 'updated', '2026-03-02T10:00:05-05:00'],
			['S2', 'deleted', '2026-03-02T10:00:05-05:00'],
		]);
		expect(later.items[0].record).toMatchObject({ comment: { text: 'changé deux fois' } });
		expect(later.items[1].record).toMatchObject({ status: { is_deleted: true } });
	});

	it('a since in UTC is the same instant; an empty page echoes the cursor', async () => {
		sb.clock.set('2026-03-02T10:00:00-05:00');
		const a = sb.store.insert('customers', { code: 'U1', description: 'Un' });
		const utc = await get(changes(`entity=customers&since=${ts('2026-03-02T14:59:59Z')}`));
		expect(utc.items.map((i: Body) => i.id)).toEqual([a.id]);
		const none = await get(changes(`entity=customers&since=${ts('2026-03-02T15:00:00Z')}&cursor_id=${String(a.id)}`));
		expect(none).toEqual({ items: [], count: 0, has_more: false, next_cursor: { since: '2026-03-02T15:00:00Z', cursor_id: a.id } });
	});

	it('without since, starts from the oldest change, by (modified_at, id), with the default limit', async () => {
		const all = sb.store.list('customers').sort((x, y) => Date.parse(String(x.updated_at)) - Date.parse(String(y.updated_at)) || Number(x.id) - Number(y.id));
		const answer = await get(changes('entity=customers&limit=500'));
		expect(answer.items.map((i: Body) => i.id)).toEqual(all.map((r) => r.id));
		expect(answer.items.every((i: Body) => i.event === 'created')).toBe(true);
		const page = await get(changes('entity=products'));
		expect(page).toMatchObject({ count: updatesLimits.defaultLimit, has_more: true });
	});

	it('reports a change committed late with its older timestamp', async () => {
		sb.clock.set('2026-03-02T10:00:00-05:00');
		const target = live('customers')[3];
		sb.store.touch('customers', Number(target.id), { modifiedAt: '2026-03-02T09:59:30-05:00' });
		const answer = await get(changes(`entity=customers&since=${ts('2026-03-02T09:59:00-05:00')}`));
		expect(answer.items).toEqual([expect.objectContaining({ id: target.id, event: 'updated', modified_at: '2026-03-02T09:59:30-05:00' })]);
	});

	it('checks its parameters with 422s', async () => {
		expect((await call('GET', changes('entity=nothing'))).data.detail).toEqual([expect.objectContaining({ loc: ['query', 'entity'], type: 'enum' })]);
		expect((await call('GET', routes.updates)).data.detail).toEqual([{ loc: ['query', 'entity'], msg: 'Field required', type: 'missing' }]);
		for (const query of [`limit=${updatesLimits.maxLimit + 1}`, 'limit=0', 'since=soon', 'cursor_id=x', 'include_record=peut-être']) {
			const name = query.split('=')[0];
			expect(await call('GET', changes(`entity=customers&${query}`))).toMatchObject({ status: 422, data: { detail: [{ loc: ['query', name] }] } });
		}
	});
});

describe('entities helper', () => {
	it('lists every catalog resource with its live count and last change', async () => {
		sb.clock.advance(30);
		sb.store.markDeleted('customers', Number(live('customers')[0].id));
		const answer = await get(routes.entities);
		expect(answer.items.map((e: Body) => e.entity)).toEqual(coreResources.map((r) => r.key));
		expect(answer.items.find((e: Body) => e.entity === 'products')).toEqual({
			entity: 'products',
			label: 'Products',
			path: products.path,
			supports_updates: true,
			count: 120,
			last_modified_at: expect.stringMatching(/-05:00$/),
		});
		expect(answer.items.find((e: Body) => e.entity === 'customers')).toMatchObject({ count: 59, last_modified_at: '2026-03-02T09:00:30-05:00' });
	});
});

describe('faults', () => {
	it('answers 429 with Retry-After after N matches, then lets requests through', async () => {
		sb.faults.add({ path: customers.path, kind: 'status', status: 429, retryAfter: 2, afterMatches: 1 });
		expect((await call('GET', customers.path)).status).toBe(200);
		const limited = await call('GET', customers.path);
		expect(limited).toMatchObject({ status: 429, data: { detail: expect.any(String) } });
		expect(limited.headers['retry-after']).toBe('2');
		expect((await call('GET', customers.path)).status).toBe(200);
	});

	it('answers 503 without processing the request, for the method and times given', async () => {
		sb.faults.add({ method: 'POST', path: customers.path, kind: 'status', status: 503, times: 2, detail: 'Fenêtre de maintenance' });
		expect((await call('GET', customers.path)).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			expect(await call('POST', customers.path, { code: 'F1', description: 'x' })).toMatchObject({ status: 503, data: { detail: 'Fenêtre de maintenance' } });
		}
		expect(sb.store.getByCode('customers', 'F1')).toBeUndefined();
		expect((await call('POST', customers.path, { code: 'F1', description: 'x' })).status).toBe(201);
	});

	it('matches a path prefix or a RegExp, for ever with times: Infinity', async () => {
		sb.faults.add({ path: /\/by-id\/\d+$/, kind: 'status', status: 500, times: Infinity });
		for (let i = 0; i < 3; i++) expect((await call('GET', byId(products, 1))).status).toBe(500);
		expect((await call('GET', byCode(products, 'WIDGET-001'))).status).toBe(200);
		sb.faults.clear();
		sb.faults.add({ path: products.path, kind: 'status', status: 502 });
		expect((await call('GET', byCode(products, 'WIDGET-001'))).status).toBe(502);
	});

	it('drops the connection without an answer, logged with status 0', async () => {
		sb.faults.add({ path: routes.status, kind: 'drop' });
		await expect(call('GET', routes.status)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await call('GET', routes.status)).status).toBe(200);
		expect(sb.log.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', routes.status, 0],
			['GET', routes.status, 200],
		]);
	});

	it('holds a request for the latency given before answering it normally', async () => {
		sb.faults.add({ path: routes.status, kind: 'latency', latencyMs: 150 });
		const pending = call('GET', routes.status);
		await waitFor(() => sb.log.length === 1);
		// the request arrived and is being held: no answer yet
		expect(sb.log[0].status).toBe(0);
		expect((await pending).status).toBe(200);
		expect(sb.log[0].status).toBe(200);
	});
});

describe('options', () => {
	it('latencyMs holds every API request; the API key option replaces the default', async () => {
		const slow = await startSandbox({ customers: 2, products: 2, latencyMs: 150, apiKey: 'secret' });
		try {
			expect(slow.apiKey).toBe('secret');
			const pending = api.get(`${slow.url}${routes.status}`, { headers: { 'x-api-key': 'secret' } });
			await waitFor(() => slow.log.length === 1);
			expect(slow.log[0].status).toBe(0);
			expect((await pending).status).toBe(200);
		} finally {
			await slow.close();
		}
	});

	it('builds the same demo company every time, scaled by the options', async () => {
		const twin = await startSandbox({ relayPath: RELAY, customers: 60, products: 120 });
		try {
			for (const key of ['customers', 'products', 'quotes', 'invoices'] as const) expect(twin.store.list(key)).toEqual(sb.store.list(key));
			expect(live('customers')).toHaveLength(60);
			expect(live('products')).toHaveLength(120);
		} finally {
			await twin.close();
		}
	});
});

describe('demo company', () => {
	it('has the records the other tests and the docs rely on', () => {
		expect(sb.store.getByCode('customers', 'JACHETE')).toMatchObject({ description: 'Jachète inc.', sales_rep: { code: 42 }, territory: { code: 'MTL' }, payment_term: { code: 1 }, tax_group: { code: 'QC' }, shipping: { code: 'PUR' } });
		expect(sb.store.getByCode('products', 'WIDGET-001')).toMatchObject({ prices: { regular: 24.99 }, status: { is_active: true } });
		expect(sb.store.getByCode('products', 'WIDGET-002')).toMatchObject({ prices: { regular: 39.5 } });
		expect(sb.store.getByCode('taxes', 'TPS')).toMatchObject({ rate_percent: 5 });
		expect(sb.store.getByCode('taxes', 'TVQ')).toMatchObject({ rate_percent: 9.975 });
		expect(sb.store.getByCode('tax_groups', 'QC')).toMatchObject({ taxes: ['TPS', 'TVQ'] });
		expect(sb.store.getByCode('sales_terms', '1')).toMatchObject({ description: 'Net 30 jours', due_days: 30 });
		for (const r of resources) expect(live(r.key).length).toBeGreaterThan(0);
		for (const key of ['customers', 'products', 'suppliers', 'sales_reps'] as const) {
			expect(live(key).some((x) => !(x.status as { is_active: boolean }).is_active)).toBe(true);
		}
		// every demo change happened before the clock's start
		const start = Date.parse('2026-03-02T09:00:00-05:00');
		for (const r of resources) for (const x of live(r.key)) expect(Date.parse(String(x.updated_at))).toBeLessThan(start);
	});

	it('builds 100,000 products', async () => {
		const big = await startSandbox({ customers: 10, products: 100_000 });
		try {
			const answer = await api.get(`${big.url}${products.path}?page=200&page_size=500`, { headers: { 'x-api-key': big.apiKey } });
			expect(answer.data).toMatchObject({ total: 100_000, total_pages: 200 });
			expect(new Set(big.store.list('products').map((p) => p.code)).size).toBe(100_000);
		} finally {
			await big.close();
		}
	});
});

describe('store helpers for tests', () => {
	it('stamp every change with the clock second; records changed in one second share it', () => {
		sb.clock.set('2026-03-03T08:00:00.700-05:00');
		const a = sb.store.insert('customers', { code: 'T1', description: 'Un' });
		const b = sb.store.insert('customers', { code: 'T2', description: 'Deux' });
		expect([a.updated_at, b.updated_at]).toEqual(['2026-03-03T08:00:00-05:00', '2026-03-03T08:00:00-05:00']);
		sb.clock.advance(1);
		expect(sb.store.update('customers', Number(a.id), { comment: 'x' }).updated_at).toBe('2026-03-03T08:00:01-05:00');
		sb.store.touch('customers', Number(b.id), { modifiedAt: '2026-03-03T07:59:30-05:00' });
		expect(sb.store.get('customers', Number(b.id))?.updated_at).toBe('2026-03-03T07:59:30-05:00');
		sb.store.markDeleted('customers', Number(b.id));
		expect(sb.store.get('customers', Number(b.id))).toMatchObject({ updated_at: '2026-03-03T08:00:01-05:00', status: { is_deleted: true } });
		expect(() => sb.store.insert('customers', { code: 'T1', description: 'x' })).toThrow('Customer T1 already exists');
	});

	it('reset brings the demo company back and a frozen clock to its start', async () => {
		const store = sb.store;
		sb.clock.advance(3600);
		sb.store.insert('customers', { code: 'GONE', description: 'x' });
		sb.faults.add({ path: routes.status, kind: 'status', status: 500 });
		await call('GET', routes.status);
		sb.sink.push({ x: 1 });
		sb.reset();
		expect(sb.store).toBe(store);
		expect(sb.store.getByCode('customers', 'GONE')).toBeUndefined();
		expect([sb.log.length, sb.sink.length]).toEqual([0, 0]);
		expect((await get(routes.status)).server_time).toBe('2026-03-02T09:00:00-05:00');
	});
});

describe('control routes over HTTP (no API key, not logged)', () => {
	it('clock: set, advance, real time and back', async () => {
		expect((await control('POST', '/clock', { set: '2026-04-01T12:00:00-04:00' })).data).toEqual({ ok: true, now: '2026-04-01T11:00:00-05:00', realTime: false });
		expect((await get(routes.status)).server_time).toBe('2026-04-01T11:00:00-05:00');
		await control('POST', '/clock', { advance: 90 });
		expect((await control('GET', '/clock')).data.now).toBe('2026-04-01T11:01:30-05:00');
		expect((await control('POST', '/clock', { realTime: true })).data.realTime).toBe(true);
		expect(sb.clock.isRealTime()).toBe(true);
		await control('POST', '/clock', { realTime: false });
		expect(sb.clock.isRealTime()).toBe(false);
		expect((await control('POST', '/clock', { set: 'demain' })).status).toBe(400);
	});

	it('records: insert, read, update, touch, mark deleted', async () => {
		const created = await control('POST', '/records/customers', { code: 'HTTP1', description: 'Par HTTP' });
		expect(created).toMatchObject({ status: 201, data: { code: 'HTTP1', id: expect.any(Number) } });
		const id = String(created.data.id);
		expect((await control('GET', `/records/customers/${id}`)).data.description).toBe('Par HTTP');
		expect((await control('PATCH', `/records/customers/${id}`, { comment: 'x' })).data.comment).toMatchObject({ text: 'x' });
		expect((await control('POST', `/records/customers/${id}/touch`, { modifiedAt: '2026-03-02T08:00:00-05:00' })).data.updated_at).toBe('2026-03-02T08:00:00-05:00');
		expect((await control('GET', '/records/customers')).data.length).toBe(61);
		expect((await control('DELETE', `/records/customers/${id}`)).data).toEqual({ ok: true });
		expect((await call('GET', byCode(customers, 'HTTP1'))).status).toBe(404);
		expect((await control('POST', '/records/customers', { code: 'JACHETE', description: 'x' })).status).toBe(409);
		expect((await control('POST', '/records/nothing', {})).status).toBe(404);
		expect((await control('PATCH', '/records/customers/999999', { comment: 'x' })).status).toBe(404);
	});

	it('faults: add (with a pattern and for ever), list, clear', async () => {
		await control('POST', '/faults', { path: routes.status, kind: 'status', status: 500 });
		await control('POST', '/faults', { pathPattern: '^/api/helpers/', kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT', times: 'Infinity' });
		expect((await control('GET', '/faults')).data).toHaveLength(2);
		expect((await call('GET', routes.status)).status).toBe(500);
		expect((await call('GET', routes.status)).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			const answer = await call('GET', routes.entities);
			expect(answer.status).toBe(503);
			expect(answer.headers['retry-after']).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
		}
		await control('DELETE', '/faults');
		expect((await call('GET', routes.entities)).status).toBe(200);
		expect((await control('POST', '/faults', { path: '/x', kind: 'explode' })).status).toBe(400);
	});

	it('log: read and clear; control calls are not in it', async () => {
		await call('POST', customers.path, { code: 'LOG1', description: 'x' });
		await control('GET', '/clock');
		const log = (await control('GET', '/log')).data;
		expect(log).toEqual([
			expect.objectContaining({ method: 'POST', path: customers.path, query: {}, body: { code: 'LOG1', description: 'x' }, status: 201, headers: expect.objectContaining({ 'x-api-key': sb.apiKey }) }),
		]);
		await call('GET', `${customers.path}?page=2&brief=false`);
		expect(sb.log.at(-1)).toMatchObject({ path: customers.path, query: { page: '2', brief: 'false' }, body: undefined, status: 200 });
		await control('DELETE', '/log');
		expect(sb.log).toHaveLength(0);
	});

	it('sink: stores posted bodies, lists and clears them', async () => {
		expect((await control('POST', '/sink', { hello: 'monde' })).data).toEqual({ ok: true });
		await control('POST', '/sink', [1, 2]);
		expect((await control('GET', '/sink')).data).toEqual([{ hello: 'monde' }, [1, 2]]);
		expect(sb.sink).toEqual([{ hello: 'monde' }, [1, 2]]);
		await control('DELETE', '/sink');
		expect(sb.sink).toEqual([]);
	});

	it('reset, and controls are never served under the relay path', async () => {
		await control('POST', '/records/customers', { code: 'TEMP', description: 'x' });
		await control('POST', '/clock', { advance: 600 });
		expect((await control('POST', '/reset')).data).toEqual({ ok: true });
		expect(sb.store.getByCode('customers', 'TEMP')).toBeUndefined();
		expect(sb.clock.iso()).toBe('2026-03-02T09:00:00-05:00');
		expect((await api.post(`${sb.url}/${RELAY}/__sandbox/reset`)).status).toBe(401);
		expect((await control('GET', '/nothing')).status).toBe(404);
	});
});

/** Waits until the condition holds (the first checks a timer turn apart); fails after about 2 s. */
async function waitFor(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) await sleep(i < 20 ? 0 : 10);
	if (!condition()) throw new Error('condition not reached');
}
