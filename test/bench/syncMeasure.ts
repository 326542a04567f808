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
import { apiRequest, collectionRoute, recordRoute } from '../../nodes/ExoConnect/transport';
import { createExecuteContext, runNode } from '../helpers/n8n';
import type { Page } from './floorPool';
import { inPool, pagesAtNodeConcurrency } from './floorPool';
import type { ShopProduct } from './shopCatalogue';
import { shopCatalogue } from './shopCatalogue';

const [scenario, baseUrl, apiKey, sampleArg] = process.argv.slice(2);
const credentials = { baseUrl, apiKey };
const products = resourceByKey('products') as ResourceDef;
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

/** One API request of a floor: the route, its query and its body, whatever carries them. */
type Send = (method: 'GET' | 'PUT' | 'POST', route: string, body?: IDataObject, qs?: Record<string, string | number | boolean>) => Promise<IDataObject>;

/** Raw keep-alive HTTP: the least a client can do. */
const sendRaw: Send = async (method, route, body, qs) =>
	await raw(method, qs ? `${route}?${new URLSearchParams(Object.entries(qs).map(([k, v]) => [k, String(v)]))}` : route, body);

/** The node's own transport (n8n's request helper), without the node's logic: what any n8n node pays per request. */
function sendThroughN8n(): Send {
	const ctx = createExecuteContext({ node: new ExoConnect(), parameters: { resource: 'product', operation: 'get' }, credentials });
	return async (method, route, body, qs) => await apiRequest(ctx, { method, route, body, qs, resource: products });
}

/** The floor's requests: the full list at the node's page concurrency, then only the needed writes 4 at a time. */
async function floorSync(shop: ShopProduct[], send: Send): Promise<void> {
	const route = collectionRoute(products);
	const records = await pagesAtNodeConcurrency(async (page) => (await send('GET', route, undefined, { page, page_size: 500, brief: false })) as Page<IDataObject>);
	const byCode = new Map(records.map((r) => [String(r.code), r]));
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
	const floor = async (shop: ShopProduct[]) => await floorSync(shop, scenario === 'floorN8n' ? sendThroughN8n() : sendRaw);
	await raw('POST', '/__sandbox/reset');
	const shop = shopCatalogue((await raw('GET', '/__sandbox/records/products')) as unknown as IDataObject[]);
	// n8n runs nodes in a warm process: each side first runs its own code paths (list, compare, PUT, POST)
	// three times on the shop's first 1,010 items (100 new prices, 10 new products), the sandbox reset after each
	for (let i = 0; i < 3; i++) {
		const warm = shop.slice(0, scenario === 'naive' ? 22 : 1010);
		if (scenario === 'floor' || scenario === 'floorN8n') await floor(warm);
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
	else if (scenario === 'floor' || scenario === 'floorN8n') await floor(input);
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
