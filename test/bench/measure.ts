/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark child process: raw node:http for the floor, argv, its own peak memory */
/**
 * One measurement in a fresh process, so its peak memory is its own: `measure.ts <scenario> <baseUrl>
 * <apiKey> [code]`. Prints one JSON line: {ms, items, calls, maxRssMb}.
 */
import http from 'node:http';

import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import { apiRequest, collectionRoute } from '../../nodes/ExoConnect/transport';
import { createExecuteContext, runNode } from '../helpers/n8n';
import type { Page } from './floorPool';
import { pagesAtNodeConcurrency } from './floorPool';

const [scenario, baseUrl, apiKey, given] = process.argv.slice(2);
const code = given || 'WIDGET-001';
const credentials = { baseUrl, apiKey };
const PRODUCTS = '/api/inventory/products';
const products = resourceByKey('products') as ResourceDef;
/** list calls measured in one process */
const LIST_CALLS = 11;

/** The floor: the least a client can do, raw keep-alive HTTP at the largest page size. */
async function rawGet(agent: http.Agent, path: string): Promise<Page<unknown>> {
	return await new Promise((resolve, reject) => {
		http
			.get(`${baseUrl}${path}`, { agent, headers: { 'x-api-key': apiKey } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
			})
			.on('error', reject);
	});
}

/** The node's Get Many of products: all of them, or the first `limit`. */
async function nodeGetMany(limit?: number): Promise<number> {
	const parameters = limit === undefined ? { returnAll: true } : { returnAll: false, limit };
	const out = await runNode({ node: new ExoConnect(), parameters: { resource: 'product', operation: 'getAll', ...parameters }, credentials });
	return out[0].length;
}

/** Those pages over raw keep-alive HTTP. */
async function floorPages(maxPages = Infinity): Promise<number> {
	const agent = new http.Agent({ keepAlive: true });
	try {
		return (await pagesAtNodeConcurrency(async (page) => await rawGet(agent, `${PRODUCTS}?page=${page}&page_size=500`), maxPages)).length;
	} finally {
		agent.destroy();
	}
}

/** The same pages sent through the node's transport: n8n's request helper, without the node. */
async function floorPagesThroughN8n(maxPages = Infinity): Promise<number> {
	const ctx = createExecuteContext({ node: new ExoConnect(), parameters: { resource: 'product', operation: 'getAll' }, credentials });
	const route = collectionRoute(products);
	return (await pagesAtNodeConcurrency(async (page) => await apiRequest<Page<unknown>>(ctx, { method: 'GET', route, qs: { page, page_size: 500 }, resource: products }), maxPages)).length;
}

const scenarios: Record<string, () => Promise<number>> = {
	async nodeGetAll() {
		return await nodeGetMany();
	},
	async floorGetAll() {
		const agent = new http.Agent({ keepAlive: true });
		const items: unknown[] = [];
		for (let page = 1; ; page++) {
			const answer = await rawGet(agent, `${PRODUCTS}?page=${page}&page_size=500`);
			items.push(...(answer.items ?? []));
			if (!answer.items?.length || answer.items.length < 500 || items.length >= (answer.total ?? Infinity)) break;
		}
		agent.destroy();
		return items.length;
	},
	/** the floor at the node's own page concurrency: page 1 tells the total, then four pages on the wire */
	async floorGetAllParallel() {
		return await floorPages();
	},
	async floorN8nGetAllParallel() {
		return await floorPagesThroughN8n();
	},
	async nodeGetByCode() {
		const out = await runNode({
			node: new ExoConnect(),
			parameters: { resource: 'product', operation: 'get', record: { __rl: true, mode: 'code', value: code } },
			credentials,
		});
		return out[0].length;
	},
	async floorGetByCode() {
		const agent = new http.Agent({ keepAlive: true });
		await rawGet(agent, `${PRODUCTS}/by-code/${encodeURIComponent(code)}`);
		agent.destroy();
		return 1;
	},
};

async function main() {
	const run = scenarios[scenario];
	if (!run) throw new Error(`unknown scenario ${scenario}`);
	// n8n runs nodes in a warm process: warm the code paths (module loading, JIT) before measuring, the
	// lists' with ten two-page lists on every side
	const single = scenario.endsWith('GetByCode');
	const node = scenario.startsWith('node');
	const throughN8n = scenario.startsWith('floorN8n');
	for (let i = 0; i < 5; i++) await (node || throughN8n ? scenarios.nodeGetByCode() : scenarios.floorGetByCode());
	if (!single) for (let i = 0; i < 10; i++) await (node ? nodeGetMany(600) : throughN8n ? floorPagesThroughN8n(2) : floorPages(2));
	// the parent counts the measured calls' requests only
	await new Promise<void>((done, fail) => http.request(`${baseUrl}/__sandbox/log`, { method: 'DELETE' }, (res) => res.resume().on('end', done)).on('error', fail).end());
	// a Get by code: the mean of 20 calls; a list: the median of LIST_CALLS, a 50 ms call being at the mercy of
	// one slow tick, but a single call from a second on; the peak memory is the first call's
	const times: number[] = [];
	let items = 0;
	let maxRssMb = 0;
	for (let calls = single ? 20 : LIST_CALLS; times.length < calls; ) {
		const started = process.hrtime.bigint();
		items = await run();
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
		if (times.length === 1) {
			maxRssMb = process.resourceUsage().maxRSS / 1024;
			if (!single && times[0] > 1000) calls = 1;
		}
	}
	const calls = times.length;
	const ms = single ? times.reduce((a, b) => a + b, 0) / calls : times.sort((a, b) => a - b)[Math.floor(calls / 2)];
	console.log(JSON.stringify({ ms, items, calls, maxRssMb }));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
