/**
 * Create or Update with fewer items than the list has pages: each record is looked up by its code, and the
 * first page read to learn the list's size is the only page read.
 */
import { useSandbox } from '../helpers/exo';

const exo = useSandbox({ products: 25_500, customers: 5 });
const PRODUCTS = '/api/inventory/products';

it('50 items and a list of more than 50 pages: one page, then one lookup per item', async () => {
	const codes = exo.sandbox.store.list('products').slice(0, 50).map((p) => String(p.code));
	const out = await exo.run(
		{ resource: 'product', operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [] }, options: {} },
		{ items: codes.map((sku) => ({ json: { sku } })) },
	);
	const gets = exo.sandbox.log.filter((r) => r.method === 'GET');
	expect(gets[0]).toMatchObject({ path: PRODUCTS, query: { page: '1', page_size: '500', brief: 'false' } });
	expect(gets.slice(1).map((r) => r.path).sort()).toEqual(codes.map((code) => `${PRODUCTS}/by-code/${encodeURIComponent(code)}`).sort());
	expect(exo.sandbox.log.filter((r) => r.method !== 'GET')).toEqual([]);
	expect(out.map((o) => o.json.action)).toEqual(Array(50).fill('unchanged'));
}, 60_000);
