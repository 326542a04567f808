/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark child process: raw node:http for the floor, argv, timing */
/**
 * One sync measurement in a fresh process, the sandbox in the parent's (as in section 1, so the client's
 * work does not share a CPU with the server's): `syncMeasure.ts <scenario> <baseUrl> <apiKey> [naiveSample]`.
 * The child resets the sandbox, reads the catalogue through the unlogged controls, warms its own code paths
 * up on the catalogue's first items (resetting the sandbox after each pass), empties the request log and runs
 * the scenario; it prints one JSON line {ms, cpuMs, items, updated, created}: cpuMs is
 * the process's own CPU time, which the machine's load does not inflate as it does the wall time.
 * Scenarios: node (Create or Update, Map Automatically, Parallel Writes 4), again (the same once synced:
 * nothing to write), floor (raw keep-alive HTTP: the full list at the node's page concurrency, then exactly
 * the needed writes 4 at a time), floorN8n (the floor's requests through the node's transport, so n8n's request
 * helper), naive (per item GET by code, then PUT or POST, one item after the other,
 * through the node's own transport).
 */
import http from 'node:http';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { apiRequest, collectionRoute, PARALLEL_PAGES, recordRoute } from '../../nodes/ExoConnect/transport';
import { createExecuteContext, runNode } from '../helpers/n8n';
import type { ShopProduct } from './shopCatalogue';
import { shopCatalogue } from './shopCatalogue';

const [scenario, baseUrl, apiKey, sampleArg] = process.argv.slice(2);
const credentials = { baseUrl, apiKey };
const products = resourceByKey('products') as ResourceDef;
const PATH = products.path;
const CONCURRENCY = 4;

const agent = new http.Agent({ keepAlive: true });

function raw(method: string, path: string, body?: unknown): Promise<IDataObject> {
	const data = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const request = http.request(`${baseUrl}${path}`, { method, agent, headers: { 'x-api-key': apiKey, 'content-type': 'application/json' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as IDataObject));
		});
		request.on('error', reject);
		request.end(data);
	});
}

async function nodeSync(shop: IDataObject[], resource = 'product'): Promise<INodeExecutionData[]> {
	const out = await runNode({
		node: new ExoConnect(),
		parameters: {
			resource,
			operation: 'upsert',
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['code'] },
			options: { parallelWrites: CONCURRENCY },
		},
		credentials,
		items: shop.map((json) => ({ json })),
	});
	return out[0];
}

/** Runs `run` on every entry with `size` of them under way at once, each starting the next as it ends. */
async function inPool<T>(list: T[], size: number, run: (entry: T) => Promise<unknown>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: size }, async () => {
			while (next < list.length) await run(list[next++]);
		}),
	);
}

/** The least a client can do: the full list at the node's page concurrency, then only the needed writes. */
async function floorSync(shop: ShopProduct[]): Promise<void> {
	const page = async (n: number) => (await raw('GET', `${PATH}?page=${n}&page_size=500&brief=false`)) as { items: IDataObject[]; total: number };
	const first = await page(1);
	const pages = Math.ceil(first.total / 500);
	const answers: IDataObject[][] = [first.items];
	// PARALLEL_PAGES requests on the wire, each asking the next page once its answer is in, as the node does
	await inPool(Array.from({ length: pages - 1 }, (_, i) => i + 2), PARALLEL_PAGES, async (n) => (answers[n - 1] = (await page(n)).items));
	const records = answers.flat();
	const byCode = new Map(records.map((r) => [String(r.code), r]));
	const writes = shop.filter((p) => {
		const current = byCode.get(p.sku);
		return !current || (current.prices as IDataObject).regular !== p.price || current.description !== p.name;
	});
	await inPool(writes, CONCURRENCY, async (p) => {
		const current = byCode.get(p.sku);
		if (current) await raw('PUT', `${PATH}/by-id/${String(current.id)}`, { price: p.price });
		else await raw('POST', PATH, { code: p.sku, description: p.name, price: p.price });
	});
}

/**
 * The floor's requests sent through the node's own transport (n8n's request helper): what any n8n node pays
 * per request on top of a raw keep-alive socket, without the node's logic.
 */
async function floorThroughN8n(shop: ShopProduct[]): Promise<void> {
	const ctx = createExecuteContext({ node: new ExoConnect(), parameters: { resource: 'product', operation: 'get' }, credentials });
	const send = async (method: 'GET' | 'PUT' | 'POST', route: string, body?: IDataObject, qs?: IDataObject) =>
		await apiRequest(ctx, { method, route, body, qs, resource: products });
	const page = async (n: number) => (await send('GET', collectionRoute(products), undefined, { page: n, page_size: 500, brief: false })) as { items: IDataObject[]; total: number };
	const first = await page(1);
	const answers: IDataObject[][] = [first.items];
	await inPool(Array.from({ length: Math.ceil(first.total / 500) - 1 }, (_, i) => i + 2), PARALLEL_PAGES, async (n) => (answers[n - 1] = (await page(n)).items));
	const byCode = new Map(answers.flat().map((r) => [String(r.code), r]));
	const writes = shop.filter((p) => {
		const current = byCode.get(p.sku);
		return !current || (current.prices as IDataObject).regular !== p.price || current.description !== p.name;
	});
	await inPool(writes, CONCURRENCY, async (p) => {
		const current = byCode.get(p.sku);
		if (current) await send('PUT', recordRoute(products, 'id', current.id as number), { price: p.price });
		else await send('POST', collectionRoute(products), { code: p.sku, description: p.name, price: p.price });
	});
}

/** What users build today, item after item: GET by code, then PUT (always) or POST on a 404. */
async function naiveSync(shop: ShopProduct[]): Promise<void> {
	const ctx = createExecuteContext({ node: new ExoConnect(), parameters: { resource: 'product', operation: 'get' }, credentials });
	for (const p of shop) {
		const found = await apiRequest(ctx, { method: 'GET', route: recordRoute(products, 'code', p.sku), resource: products }).catch(() => undefined);
		if (found) await apiRequest(ctx, { method: 'PUT', route: recordRoute(products, 'id', found.id as number), body: { description: p.name, price: p.price } });
		else await apiRequest(ctx, { method: 'POST', route: collectionRoute(products), body: { code: p.sku, description: p.name, price: p.price } });
	}
}

async function main() {
	await raw('POST', '/__sandbox/reset');
	const shop = shopCatalogue((await raw('GET', '/__sandbox/records/products')) as unknown as IDataObject[]);
	// n8n runs nodes in a warm process: each side first runs its own code paths (list, compare, PUT, POST)
	// three times on the shop's first 1,010 items (100 new prices, 10 new products), the sandbox reset after each
	for (let i = 0; i < 3; i++) {
		const warm = shop.slice(0, scenario === 'naive' ? 22 : 1010);
		if (scenario === 'floor') await floorSync(warm);
		else if (scenario === 'floorN8n') await floorThroughN8n(warm);
		else if (scenario === 'naive') await naiveSync(warm);
		else await nodeSync(warm);
		await raw('POST', '/__sandbox/reset');
	}
	let input = shop;
	if (scenario === 'again') await nodeSync(shop);
	if (scenario === 'naive') input = shop.slice(0, Number(sampleArg) || 500);
	await raw('DELETE', '/__sandbox/log');
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	let out: INodeExecutionData[] = [];
	if (scenario === 'node' || scenario === 'again') out = await nodeSync(input);
	else if (scenario === 'floor') await floorSync(input);
	else if (scenario === 'floorN8n') await floorThroughN8n(input);
	else if (scenario === 'naive') await naiveSync(input);
	else throw new Error(`unknown scenario ${scenario}`);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	const cpuMs = (used.user + used.system) / 1000;
	const count = (action: string) => out.filter((o) => o.json.action === action).length;
	agent.destroy();
	console.log(JSON.stringify({ ms, cpuMs, items: input.length, updated: count('updated'), created: count('created') }));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
