/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- a benchmark child process: raw node:http for the floor, argv, its own peak memory */
/**
 * One measurement in a fresh process, so its peak memory is its own: `measure.ts <scenario> <baseUrl>
 * <apiKey> [code]`. Prints one JSON line: {ms, items, maxRssMb}.
 */
import http from 'node:http';

import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { PARALLEL_PAGES } from '../../nodes/ExoConnect/transport';
import { runNode } from '../helpers/n8n';

const [scenario, baseUrl, apiKey, given] = process.argv.slice(2);
const code = given || 'WIDGET-001';
const credentials = { baseUrl, apiKey };
const PRODUCTS = '/api/inventory/products';

/** The floor: the least a client can do, raw keep-alive HTTP at the largest page size. */
async function rawGet(agent: http.Agent, path: string): Promise<{ items?: unknown[]; total?: number }> {
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

/**
 * Raw keep-alive HTTP reading page 1, then the pages it announces (up to `maxPages`) with PARALLEL_PAGES
 * requests on the wire, each asking the next page once its answer is in, records kept in page order.
 */
async function floorPages(maxPages = Infinity): Promise<number> {
	const agent = new http.Agent({ keepAlive: true });
	const first = await rawGet(agent, `${PRODUCTS}?page=1&page_size=500`);
	const pages = Math.min(maxPages, Math.ceil((first.total ?? 0) / 500));
	const answers: unknown[][] = [first.items ?? []];
	let next = 2;
	const asker = async () => {
		for (let page = next++; page <= pages; page = next++) answers[page - 1] = (await rawGet(agent, `${PRODUCTS}?page=${page}&page_size=500`)).items ?? [];
	};
	await Promise.all(Array.from({ length: PARALLEL_PAGES }, asker));
	agent.destroy();
	return answers.flat().length;
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
	// lists' with a two-page list on both sides
	const single = scenario.endsWith('GetByCode');
	const node = scenario.startsWith('node');
	for (let i = 0; i < 5; i++) await (node ? scenarios.nodeGetByCode() : scenarios.floorGetByCode());
	if (!single) for (let i = 0; i < 2; i++) await (node ? nodeGetMany(600) : floorPages(2));
	// the parent counts the measured calls' requests only
	await new Promise<void>((done, fail) => http.request(`${baseUrl}/__sandbox/log`, { method: 'DELETE' }, (res) => res.resume().on('end', done)).on('error', fail).end());
	const calls = single ? 20 : 1;
	const started = process.hrtime.bigint();
	let items = 0;
	for (let i = 0; i < calls; i++) items = await run();
	const ms = Number(process.hrtime.bigint() - started) / 1e6 / calls;
	console.log(JSON.stringify({ ms, items, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
