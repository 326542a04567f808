/**
 * Section 7 of the benchmark: the shop → Acomba product sync of section 5, inside the real n8n of section 1.
 * The node's Create or Update against the workflow users click together today with n8n's own nodes: HTTP Request
 * GET by code (Never Error, full response, so a 404 goes on), IF found, HTTP Request PUT or POST. Times are
 * n8n's own execution times of the measured nodes from the run data; the nodes that prepare the shop's items
 * are not counted. The sandbox is reset before every run, so each starts from the same records.
 */
import type { IDataObject } from 'n8n-workflow';

import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import type { ExecutionRun } from '../e2e/n8n';
import { chain, SHOP_ITEMS, shopProductNodes } from '../e2e/workflows';
import type { Sandbox } from '../sandbox';
import type { N8nBench } from './n8nCompare';
import { exoConnect, exoWarmUp, httpRequest, manualTrigger } from './n8nCompare';
import { shopCatalogue } from './shopCatalogue';

const PATH = (resourceByKey('products') as ResourceDef).path;
const NODE_WORKFLOW = 'exoBenchSyncNode';
const NODE_16_WORKFLOW = 'exoBenchSync16W';
const ALL_AT_ONCE_WORKFLOW = 'exoBenchSyncAll1';
const ONE_BY_ONE_WORKFLOW = 'exoBenchSyncOne1';
const SYNC_NODE = 'Sync Products';
const LOOP = 'Loop Over Items';
const NAIVE_NODES = ['Find by SKU', 'Found?', 'Update', 'Create'];

export interface InN8nRun {
	ms: number;
	requests: number;
	writes: number;
	items: number;
}

export interface SyncInN8nFigures {
	node: InN8nRun & { updated: number; created: number };
	/** the node with Parallel Writes at its highest, 16 */
	node16: InN8nRun;
	/** the naive workflow as n8n runs it by default: each HTTP Request node sends all its items' requests at once */
	allAtOnce: InN8nRun;
	/** the naive workflow in a Loop Over Items of one item: one item after the other; above `sample` products timed on the first `sample` items, scaled to all */
	oneByOne: InN8nRun & { sample: number };
}

type Connection = { node: string; type: 'main'; index: 0 };
type Workflow = { connections: Record<string, { main: Connection[][] }> };

/** chain()'s workflow with some outputs sent elsewhere: [node, output, the nodes it feeds]. */
function rewire(workflow: object, routes: Array<[string, number, string[]]>): object {
	const { connections } = workflow as Workflow;
	for (const [from, output, to] of routes) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output] = to.map((node) => ({ node, type: 'main', index: 0 }));
	}
	return workflow;
}

/** The user's GET → IF → PUT / POST, with the shop item's fields read back from the shop's node. */
function naiveNodes(sb: Sandbox) {
	const shop = (field: string) => `$('${SHOP_ITEMS}').item.json.${field}`;
	const send = (name: string, method: string, url: string, body: string) =>
		httpRequest(sb, name, { method, url, sendBody: true, specifyBody: 'json', jsonBody: `={{ JSON.stringify({ ${body} }) }}` });
	return [
		httpRequest(sb, 'Find by SKU', {
			url: `=${sb.url}${PATH}/by-code/{{ $json.sku }}`,
			options: { response: { response: { fullResponse: true, neverError: true } } },
		}),
		{
			name: 'Found?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [{ id: 'found', leftValue: '={{ $json.statusCode }}', rightValue: 200, operator: { type: 'number', operation: 'equals' } }],
					combinator: 'and',
				},
				options: {},
			},
		},
		send('Update', 'PUT', `=${sb.url}${PATH}/by-id/{{ $json.body.id }}`, `description: ${shop('name')}, price: ${shop('price')}`),
		send('Create', 'POST', `${sb.url}${PATH}`, `code: ${shop('sku')}, description: ${shop('name')}, price: ${shop('price')}`),
	];
}

function workflows(sb: Sandbox, shop: object[], sample: number): object[] {
	const sync = (parallelWrites: number) =>
		exoConnect(SYNC_NODE, {
			resource: 'product',
			operation: 'upsert',
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['code'], schema: [] },
			options: { parallelWrites },
		});
	const loop = { name: LOOP, type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1, options: {} } };
	const all = chain(ALL_AT_ONCE_WORKFLOW, 'Bench naive sync', [manualTrigger, ...shopProductNodes(shop), ...naiveNodes(sb)]);
	const one = chain(ONE_BY_ONE_WORKFLOW, 'Bench naive sync, one item at a time', [manualTrigger, ...shopProductNodes(shop.slice(0, sample)), loop, ...naiveNodes(sb)]);
	return [
		chain(NODE_WORKFLOW, 'Bench sync', [manualTrigger, exoWarmUp, ...shopProductNodes(shop), sync(4)]),
		chain(NODE_16_WORKFLOW, 'Bench sync, 16 writes at once', [manualTrigger, exoWarmUp, ...shopProductNodes(shop), sync(16)]),
		// IF: found → Update, not found → Create
		rewire(all, [['Found?', 1, ['Create']], ['Update', 0, []]]),
		// Loop Over Items: output 0 is "done", output 1 the next item; each write goes back to the loop
		rewire(one, [[LOOP, 0, []], [LOOP, 1, ['Find by SKU']], ['Found?', 1, ['Create']], ['Update', 0, [LOOP]], ['Create', 0, [LOOP]]]),
	];
}

type TaskData = { executionTime?: number; data?: { main: Array<Array<{ json: IDataObject }>> } };

/** The summed execution time of every run of these nodes (a node in a loop runs once per item). */
function nodesMs(run: ExecutionRun, names: string[]): number {
	const runData = run.data.resultData.runData as Record<string, TaskData[]>;
	return names.reduce((sum, name) => sum + (runData[name] ?? []).reduce((total, task) => total + (task.executionTime ?? 0), 0), 0);
}

export async function syncInN8nFigures(bench: N8nBench, sb: Sandbox, sample: number): Promise<SyncInN8nFigures> {
	const stored = sb.store.list('products') as IDataObject[];
	const shop = shopCatalogue(stored);
	const taken = stored.length <= sample ? shop.length : sample;
	await bench.load(sb, workflows(sb, shop, taken));
	const measure = async (workflowId: string, nodes: string[], items: number, warmUps = 0) => {
		sb.reset();
		const { run, requests } = await bench.execute(sb, workflowId);
		const failed = sb.log.filter((r) => r.status === 0 || (r.status >= 400 && !(r.method === 'GET' && r.status === 404))).length;
		if (failed > 0) throw new Error(`${workflowId}: ${failed} requests failed`);
		return { run, figures: { ms: nodesMs(run, nodes), requests: requests - warmUps, writes: sb.log.filter((r) => r.method !== 'GET').length, items } };
	};
	// the naive workflow writes every item (the IF only knows whether it exists): fewer writes, items were lost
	const naive = async (workflowId: string, nodes: string[], items: number) => {
		const { figures } = await measure(workflowId, nodes, items);
		if (figures.writes !== items) throw new Error(`${workflowId}: ${figures.writes} writes for ${items} items`);
		return figures;
	};
	const node = await measure(NODE_WORKFLOW, [SYNC_NODE], shop.length, 1);
	const actions = ((node.run.data.resultData.runData as Record<string, TaskData[]>)[SYNC_NODE]?.[0]?.data?.main[0] ?? []).map((item) => item.json.action);
	const count = (action: string) => actions.filter((a) => a === action).length;
	const node16 = await measure(NODE_16_WORKFLOW, [SYNC_NODE], shop.length, 1);
	const allAtOnce = await naive(ALL_AT_ONCE_WORKFLOW, NAIVE_NODES, shop.length);
	const sampled = await naive(ONE_BY_ONE_WORKFLOW, [LOOP, ...NAIVE_NODES], taken);
	const scale = shop.length / taken;
	return {
		node: { ...node.figures, updated: count('updated'), created: count('created') },
		node16: node16.figures,
		allAtOnce,
		oneByOne: { ms: sampled.ms * scale, requests: Math.round(sampled.requests * scale), writes: Math.round(sampled.writes * scale), items: shop.length, sample: taken },
	};
}
