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

const scenarios: Record<string, () => Promise<number>> = {
	async nodeGetAll() {
		const out = await runNode({ node: new ExoConnect(), parameters: { resource: 'product', operation: 'getAll', returnAll: true }, credentials });
		return out[0].length;
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
	/** the floor at the node's own page concurrency: page 1 tells the total, then four pages at a time */
	async floorGetAllParallel() {
		const agent = new http.Agent({ keepAlive: true });
		const first = await rawGet(agent, `${PRODUCTS}?page=1&page_size=500`);
		const items: unknown[] = [...(first.items ?? [])];
		const pages = Math.ceil((first.total ?? 0) / 500);
		for (let page = 2; page <= pages; page += PARALLEL_PAGES) {
			const batch = Array.from({ length: Math.min(PARALLEL_PAGES, pages - page + 1) }, (_, i) => rawGet(agent, `${PRODUCTS}?page=${page + i}&page_size=500`));
			for (const answer of await Promise.all(batch)) items.push(...(answer.items ?? []));
		}
		agent.destroy();
		return items.length;
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
	// n8n runs nodes in a warm process: warm the code paths (module loading, JIT) before measuring
	const single = scenario.endsWith('GetByCode');
	const warm = single ? scenarios[scenario] : scenario.startsWith('node') ? scenarios.nodeGetByCode : scenarios.floorGetByCode;
	for (let i = 0; i < 5; i++) await warm();
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
