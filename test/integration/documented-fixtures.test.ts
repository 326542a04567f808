/**
 * The documentation's example responses (test/fixtures/, written from contract §9) served by a scripted
 * server, through the node's Get, Get Many with Simplify, dropdown labels and the sales-rep check: the
 * shapes a live ExoConnect answers must lose and misread nothing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import briefProducts from '../fixtures/brief-products.json';
import fullCustomer from '../fixtures/full-customer.json';
import fullProduct from '../fixtures/full-product.json';
import fullSupplier from '../fixtures/full-supplier.json';
import { action, locator } from '../helpers/exo';
import type { TestCredentials } from '../helpers/n8n';
import { runLoadOptions, runNode } from '../helpers/n8n';
import type { RecordedRequest, ScriptedAnswer, ScriptedServer } from '../helpers/scriptedServer';
import { startScriptedServer } from '../helpers/scriptedServer';

const resource = (key: string) => resourceByKey(key) as ResourceDef;
const customers = resource('customers');
const suppliers = resource('suppliers');
const products = resource('products');
const quotes = resource('quotes');

let server: ScriptedServer;
let credentials: TestCredentials;

/** One page of full records, as `brief=false` answers. */
const page = (items: IDataObject[]) => ({ items, page: 1, page_size: 50, total: items.length, total_pages: 1 });

/** Answers by path: `routes` maps "GET /api/…" to a body. */
function serve(routes: Record<string, unknown>): void {
	server.setFallback((request: RecordedRequest): ScriptedAnswer => {
		const body = routes[`${request.method} ${request.path}`];
		return body === undefined ? { status: 404, body: { detail: 'Not Found' } } : { body };
	});
}

const run = async (parameters: INodeParameters) => (await runNode({ node: action, parameters, credentials }))[0].map((item) => item.json);

beforeAll(async () => {
	server = await startScriptedServer();
	credentials = { baseUrl: server.url, apiKey: 'k' };
});
afterAll(async () => await server.close());
beforeEach(() => server.reset());

describe('a full customer as documented', () => {
	const simplified = {
		id: 1042,
		code: 'JACHETE',
		description: 'Jachète inc.',
		sales_rep_code: '42',
		term_code: '1',
		shipping_code: 'PUR',
		comment: 'Livraison par la porte arrière',
		updated_at: '2026-03-05T11:20:00-05:00',
		is_active: true,
	};

	it('Get returns it whole, exactly as received', async () => {
		serve({ [`GET ${customers.path}/by-code/JACHETE`]: fullCustomer });
		expect(await run({ resource: 'customer', operation: 'get', record: locator('code', 'JACHETE') })).toEqual([fullCustomer]);
	});

	it('Get with Simplify shows its sales rep, term, carrier and comment, codes as text', async () => {
		serve({ [`GET ${customers.path}/by-code/JACHETE`]: fullCustomer });
		const out = await run({ resource: 'customer', operation: 'get', record: locator('code', 'JACHETE'), options: { simplify: true } });
		expect(out).toEqual([simplified]);
	});

	it('Get Many with Full Records and Simplify reads the same', async () => {
		serve({ [`GET ${customers.path}`]: page([fullCustomer, { ...fullCustomer, id: 1043, code: 'AUTRE', sales_rep: null, comment: null }]) });
		const out = await run({ resource: 'customer', operation: 'getAll', limit: 2, options: { fullRecords: true } });
		expect(server.requests[0].query).toMatchObject({ brief: 'false' });
		expect(out[0]).toEqual(simplified);
		// a record without a sales rep or comment simply has none
		expect(out[1]).not.toHaveProperty('sales_rep_code');
		expect(out[1]).not.toHaveProperty('comment');
		expect(out[1]).toMatchObject({ code: 'AUTRE', term_code: '1' });
	});
});

describe('a full supplier as documented', () => {
	it('Get with Simplify shows its term, carrier and comment', async () => {
		serve({ [`GET ${suppliers.path}/by-id/77`]: fullSupplier });
		const out = await run({ resource: 'supplier', operation: 'get', record: locator('id', 77), options: { simplify: true } });
		expect(out).toEqual([
			{ id: 77, code: 'F-LAVOIE1', description: 'Grossiste Lavoie ltée', term_code: '2', shipping_code: 'DIC', comment: 'Commande minimale 500 $', updated_at: '2026-03-04T15:02:11-05:00', is_active: true },
		]);
	});
});

describe('products as documented', () => {
	it('a full product simplified: its price from prices.regular, its group and unit codes', async () => {
		serve({ [`GET ${products.path}`]: page([fullProduct]) });
		const out = await run({ resource: 'product', operation: 'getAll', limit: 1, options: { fullRecords: true } });
		expect(out).toEqual([
			{ id: 311, code: 'WIDGET-001', description: 'Support mural universel', price: 24.99, product_group_code: 'QUIN', unit: 'UN', updated_at: '2026-03-05T08:14:03-05:00', is_active: true },
		]);
	});

	it('Get Many without Full Records returns the brief items whole, name and price included', async () => {
		serve({ [`GET ${products.path}`]: briefProducts });
		const out = await run({ resource: 'product', operation: 'getAll', limit: 5, options: { fullRecords: false } });
		expect(out).toEqual(briefProducts.items);
	});

	it('dropdowns label brief items by their name, and full records by their description', async () => {
		serve({ [`GET ${products.path}`]: briefProducts });
		const options = await runLoadOptions({ node: action, method: 'getProducts', parameters: {}, credentials });
		expect(options).toEqual([
			{ name: 'Support mural universel (WIDGET-001)', value: 'WIDGET-001' },
			{ name: 'Tablette en érable 24 po (WIDGET-002)', value: 'WIDGET-002' },
		]);
		serve({ [`GET ${customers.path}`]: page([fullCustomer]) });
		expect(await runLoadOptions({ node: action, method: 'getCustomers', parameters: {}, credentials })).toEqual([{ name: 'Jachète inc. (JACHETE)', value: 'JACHETE' }]);
	});
});

describe('the sales-rep check on a document shaped as documented', () => {
	/** A quote read back with its sales rep nested and numeric (`sales_rep {id, code: 42}`), no sales_rep_code. */
	const quote = { id: 5, code: 'SOU-2026-00005', customer: { id: 1042, code: 'JACHETE', name: 'Jachète inc.' }, sales_rep: fullCustomer.sales_rep, reference: 'PO-1', status: { is_active: true, is_deleted: false } };
	const routes = { [`PUT ${quotes.path}/by-id/5`]: { success: true, updated_id: 5 }, [`GET ${quotes.path}/by-id/5`]: quote };
	const update = (salesRepCode: string) => run({ resource: 'quote', operation: 'update', record: locator('id', 5), updateFields: { salesRepCode } });

	it('reads the rep 42 as "42": asked for the one it has, nothing to write and no warning', async () => {
		serve(routes);
		const [out] = await update('42');
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${quotes.path}/by-id/5`]);
		expect(out).toEqual(quote);
	});

	it('warns, naming the rep kept, when another was asked for, and does not send a change that cannot stick (§4)', async () => {
		serve(routes);
		const [out] = await update('7');
		expect(server.requests.map((r) => r.method)).toEqual(['GET']);
		expect(out.warnings).toEqual([expect.stringContaining('"7" was not sent and the quote still has "42"')]);
	});
});
