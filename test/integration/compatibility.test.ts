/**
 * System › Check Compatibility over HTTP against the sandbox: every read route of the catalog is asked once
 * (GET only, one record per page) and reported; a sandbox with a route renamed and answers reshaped is
 * reported route by route (404, the keys that differ), and one failing route never fails the node.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { changeFeed, lookupSegments, lookupsOf, manyFeed, resources, routes } from '../../nodes/ExoConnect/catalog';
import type { Exo } from '../helpers/exo';
import { useSandbox } from '../helpers/exo';

const CHECK = { resource: 'system', operation: 'checkCompatibility' };

async function report(exo: Exo): Promise<{ summary: IDataObject; rows: IDataObject[] }> {
	const out = await exo.run(CHECK);
	const [summary, ...rows] = out.map((item) => item.json);
	// every line belongs to the one input item
	expect(out.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	return { summary, rows };
}

const row = (rows: IDataObject[], resource: string, check: string): IDataObject => {
	const found = rows.find((r) => r.resource === resource && r.check === check);
	if (!found) throw new Error(`no line for ${resource} › ${check}`);
	return found;
};

/** The list route of a resource: its page list, or the extract where it has none. */
const listRoute = (r: ResourceDef) => manyFeed(r)?.route ?? r.path;

/** Every request the check sent: GET only, one record per page of a list, one change per page of a feed. */
function expectReadsOnlyOneEach(exo: Exo): void {
	const log = exo.sandbox.log;
	expect(log.length).toBeGreaterThan(0);
	for (const request of log) {
		expect(`${request.method} ${request.path}`).toMatch(/^GET /);
		if ('page_size' in request.query || 'page' in request.query) expect(request.query).toMatchObject({ page: '1', page_size: '1' });
		if ('limit' in request.query) expect(request.query.limit).toBe('1');
	}
	const feeds = new Set(resources.flatMap((r) => [changeFeed(r)?.route, manyFeed(r)?.route]).filter(Boolean));
	for (const request of log.filter((l) => feeds.has(l.path))) expect(request.query.limit).toBe('1');
	const pageLists = new Set(resources.filter((r) => !manyFeed(r)).map((r) => r.path));
	for (const request of log.filter((l) => pageLists.has(l.path))) expect(request.query.page_size).toBe('1');
}

describe('a sandbox that answers the contract', () => {
	const exo = useSandbox({ customers: 20, products: 20 });
	afterEach(() => exo.sandbox.reset());

	it('reports every route answered as expected, with the API version, in one summary line first', async () => {
		const { summary, rows } = await report(exo);
		expect(rows.filter((r) => r.status !== 'OK')).toEqual([]);
		expect(summary).toMatchObject({ resource: 'All Routes', check: 'Summary', status: 'OK', api_version: '1.1.0' });
		expect(summary.detail).toBe(`${rows.length} of ${rows.length} routes answered as expected. API version: 1.1.0.`);
		// one request per route, and each line says which
		expect(exo.sandbox.log).toHaveLength(rows.length);
		for (const r of rows) expect(Object.keys(r)).toEqual(['resource', 'check', 'status', 'http_status', 'path', 'query', 'detail']);
	});

	it('asks every read route of the catalog: lists, extracts, lookups, lines, change feeds, helpers and system', async () => {
		const { rows } = await report(exo);
		const asked = new Set(exo.sandbox.log.map((l) => l.path));
		const askedBelow = (base: string) => [...asked].some((path) => path.startsWith(`${base}/`));
		for (const r of resources) {
			expect(asked).toContain(listRoute(r));
			expect(row(rows, r.displayName, manyFeed(r) ? 'List (extract)' : 'List')).toMatchObject({ path: listRoute(r), status: 'OK' });
			for (const by of lookupsOf(r)) expect(askedBelow(`${r.recordPath ?? r.path}/${lookupSegments[by]}`)).toBe(true);
			for (const sub of r.subLists ?? []) expect([...asked].some((path) => path.endsWith(`/${sub.key}`))).toBe(true);
			const feed = changeFeed(r);
			if (feed) expect(asked).toContain(feed.route);
		}
		for (const route of [routes.status, routes.entities, routes.sdkWindows, routes.updates]) expect(asked).toContain(route);
		// the updates helper is asked for each entity it serves
		const entities = exo.sandbox.log.filter((l) => l.path === routes.updates).map((l) => l.query.entity);
		expect(entities.sort()).toEqual(resources.filter((r) => changeFeed(r)?.kind === 'updates').map((r) => r.key).sort());
		expect(row(rows, 'Credit Note', 'Get by ID').path).toMatch(/^\/api\/invoicing\/transactions\/by-id\/\d+$/);
		expect(row(rows, 'Customer Payment', 'Lines').path).toMatch(/^\/api\/customers\/payments\/by-id\/\d+\/lines$/);
	});

	it('sends only GET requests, each list asking one record per page', async () => {
		await report(exo);
		expectReadsOnlyOneEach(exo);
		expect(exo.sandbox.log.find((l) => l.path === '/api/customers')?.query).toEqual({ page: '1', page_size: '1', brief: 'true' });
	});

	it('reports a route that fails (with the server\'s message) or drops the connection, and checks every other route', async () => {
		exo.sandbox.faults.add({ path: '/api/invoicing/quotes', kind: 'status', status: 500, detail: 'Quote index is being rebuilt', times: Infinity });
		exo.sandbox.faults.add({ path: '/api/suppliers/terms', kind: 'drop', times: Infinity });
		const { summary, rows } = await report(exo);
		expect(row(rows, 'Purchase Term', 'List')).toMatchObject({ status: 'Error', http_status: null });
		expect(row(rows, 'Purchase Term', 'List').detail).toMatch(/^The connection to ExoConnect at .* was interrupted\./);
		expect(row(rows, 'Quote', 'List')).toMatchObject({ status: 'Error', http_status: 500 });
		expect(row(rows, 'Quote', 'List').detail).toContain('Quote index is being rebuilt');
		expect(row(rows, 'Quote', 'Get by ID')).toMatchObject({ status: 'Not Checked', path: '/api/invoicing/quotes/by-id/{id}' });
		expect(row(rows, 'Sales Order', 'List').status).toBe('OK');
		const checked = rows.filter((r) => r.status !== 'Not Checked').length;
		expect(summary.status).toBe('Differs');
		expect(summary.detail).toContain(`${checked - 2} of ${checked} routes answered as expected; 4 not checked (nothing to look up).`);
		expect(summary.detail).toContain('Quote › List (Error); Purchase Term › List (Error)');
	});

	it('fails as a whole only when nothing can be checked: the key is refused', async () => {
		const key = exo.credentials.apiKey;
		exo.credentials.apiKey = 'not-the-key';
		try {
			await expect(exo.run(CHECK)).rejects.toThrow('ExoConnect rejected the API key');
		} finally {
			exo.credentials.apiKey = key;
		}
		expect(exo.requests()).toEqual([`GET ${routes.status}`]);
	});
});

describe('a sandbox with a route renamed and answers reshaped', () => {
	const exo = useSandbox({
		customers: 20,
		products: 20,
		variants: {
			renamedRoutes: { '/api/customers': '/api/clients' },
			reshapes: [
				{ path: '/api/inventory/product-groups', key: 'items', to: 'results' },
				{ path: /^\/api\/inventory\/products\/by-(id|code)\//, key: 'prices', to: 'tarifs' },
				{ path: '/api/customers/sales-reps', in: 'items', key: 'code', to: 'number' },
				{ path: /^\/api\/organisation\/taxes\/by-id\//, key: 'rate_percent', to: 'rate' },
			],
		},
	});

	it('says 404 for the renamed route, names the keys that differ, and checks every other route', async () => {
		const { summary, rows } = await report(exo);
		const customers = row(rows, 'Customer', 'List');
		expect(customers).toMatchObject({ path: '/api/customers', status: 'Not Found (404)', http_status: 404 });
		expect(customers.detail).toContain('the path differs on this server');
		expect(row(rows, 'Customer', 'Get by Code').status).toBe('Not Checked');
		// the routes below it that are other collections still answer, and so does the updates helper
		expect(row(rows, 'Sales Term', 'List').status).toBe('OK');
		expect(row(rows, 'Customer', 'Changes (updates helper)').status).toBe('OK');

		const groups = row(rows, 'Product Group', 'List');
		expect(groups.status).toBe('Shape Differs');
		expect(groups.detail).toContain('"items"');
		expect(row(rows, 'Product Group', 'Get by ID').status).toBe('Not Checked');
		// a field read in either of its forms is missing in both
		const product = row(rows, 'Product', 'Get by ID');
		expect(product.status).toBe('Shape Differs');
		expect(product.detail).toMatch(/the record has no "price" or "prices.regular" \(it has keys .*\btarifs\b/);
		const reps = row(rows, 'Sales Rep', 'List');
		expect(reps.status).toBe('Shape Differs');
		expect(reps.detail).toMatch(/a list item has no "code" \(it has keys id, name, .*number/);
		const tax = row(rows, 'Tax', 'Get by ID');
		expect(tax.status).toBe('Shape Differs');
		expect(tax.detail).toMatch(/the record has no "rate_percent" \(it has keys .*\brate\b/);
		expect(row(rows, 'Tax', 'Get by Code').status).toBe('OK');

		const differing = rows.filter((r) => r.status !== 'OK' && r.status !== 'Not Checked');
		expect(differing.map((r) => `${r.resource} › ${r.check}`).sort()).toEqual([
			'Customer › List',
			'Product Group › List',
			'Product › Get by Code',
			'Product › Get by ID',
			'Sales Rep › List',
			'Tax › Get by ID',
		]);
		const checked = rows.filter((r) => r.status !== 'Not Checked').length;
		expect(summary.status).toBe('Differs');
		expect(summary.detail).toContain(`${checked - 6} of ${checked} routes answered as expected`);
		expect(summary.detail).toContain('Customer › List (Not Found (404))');
		expectReadsOnlyOneEach(exo);
	});
});
