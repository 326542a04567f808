/**
 * (c) of the Get Many benchmark: n8n's own HTTP Request node with its built-in pagination against the same
 * endpoint, in the real n8n of the end-to-end suite — and, for a like-for-like ratio, the ExoConnect node in
 * that same n8n. Times are n8n's own per-node execution times from the run data.
 */
import { ensureN8n, installCommunityPackage, packPackage } from '../e2e/install';
import { N8nInstance } from '../e2e/n8n';
import type { ExecutionRun } from '../e2e/n8n';
import { chain } from '../e2e/workflows';
import type { Sandbox } from '../sandbox';

export interface InN8nMeasure {
	ms: number;
	requests: number;
	items: number;
}

const CREDENTIAL_ID = 'exoBenchSandbox1';
const HTTP_WORKFLOW = 'exoBenchHttpNode';
const EXO_WORKFLOW = 'exoBenchExoNode1';

/** The ExoConnect node with the bench's sandbox credential. */
export function exoConnect(name: string, parameters: Record<string, unknown>) {
	return { name, type: 'n8n-nodes-exoconnect.exoConnect', typeVersion: 1, parameters, credentialId: CREDENTIAL_ID };
}
/** each `n8n execute` is a fresh process: a first small request warms the code path being measured */
export const exoWarmUp = exoConnect('Warm Up', { resource: 'system', operation: 'getStatus' });

export const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

/** n8n's HTTP Request node sending the sandbox's API key in the `x-api-key` header, as a user sets it up. */
export function httpRequest(sb: Sandbox, name: string, parameters: Record<string, unknown>) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { sendHeaders: true, headerParameters: { parameters: [{ name: 'x-api-key', value: sb.apiKey }] }, options: {}, ...parameters },
	};
}

function workflows(sb: Sandbox): object[] {
	const http = httpRequest(sb, 'HTTP Request', {
		url: `${sb.url}/api/inventory/products`,
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'page_size', value: '500' }] },
		options: {
			pagination: {
				pagination: {
					parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
					paginationCompleteWhen: 'other',
					completeExpression: '={{ $response.body.items.length < 500 }}',
				},
			},
		},
	});
	const exo = exoConnect('ExoConnect', { resource: 'product', operation: 'getAll', returnAll: true });
	const warmHttp = httpRequest(sb, 'Warm Up', { url: `${sb.url}/system/status` });
	return [
		chain(HTTP_WORKFLOW, 'Bench HTTP Request', [manualTrigger, warmHttp, http]),
		chain(EXO_WORKFLOW, 'Bench ExoConnect', [manualTrigger, exoWarmUp, exo]),
	];
}

function nodeRun(run: ExecutionRun | undefined, name: string): { ms: number; items: number } {
	const [first] = (run?.data.resultData.runData[name] ?? []) as Array<{ executionTime?: number; data?: { main: Array<Array<{ json: { items?: unknown[] } }>> } }>;
	if (!first) throw new Error(`no run data for ${name}`);
	const out = first.data?.main[0] ?? [];
	// the HTTP Request node outputs one item per page body; the ExoConnect node one item per record
	const items = name === 'HTTP Request' ? out.reduce((sum, page) => sum + (page.json.items?.length ?? 0), 0) : out.length;
	return { ms: first.executionTime ?? NaN, items };
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export class N8nBench {
	private constructor(private readonly n8n: N8nInstance) {}

	static async start(): Promise<N8nBench> {
		ensureN8n();
		const n8n = await N8nInstance.create();
		installCommunityPackage(n8n.userFolder, packPackage());
		return new N8nBench(n8n);
	}

	/** The sandbox's credential and these workflows, imported (an existing id is overwritten). */
	async load(sb: Sandbox, workflows: object[]): Promise<void> {
		await this.n8n.importCredentials([
			{ id: CREDENTIAL_ID, name: 'bench', type: 'exoConnectApi', data: { baseUrl: sb.url, relayPath: '', apiKey: sb.apiKey } },
		]);
		await this.n8n.importWorkflows(workflows);
	}

	/** One `n8n execute`: its run data and the API requests it made (the sandbox's log grew by). */
	async execute(sb: Sandbox, workflowId: string): Promise<{ run: ExecutionRun; requests: number }> {
		const before = sb.log.length;
		const result = await this.n8n.execute(workflowId);
		if (!result.ok || !result.run) throw new Error(`n8n execute ${workflowId} failed: ${result.output.slice(-500)}`);
		return { run: result.run, requests: sb.log.length - before };
	}

	async measure(sb: Sandbox, repeat: number): Promise<{ httpNode: InN8nMeasure; exoNode: InN8nMeasure }> {
		await this.load(sb, workflows(sb));
		const measureOne = async (workflowId: string, nodeName: string): Promise<InN8nMeasure> => {
			const runs: InN8nMeasure[] = [];
			for (let i = 0; i < repeat; i++) {
				const { run, requests } = await this.execute(sb, workflowId);
				// the warm-up request is not the measured node's
				runs.push({ ...nodeRun(run, nodeName), requests: requests - 1 });
			}
			return { ms: median(runs.map((r) => r.ms)), requests: runs[0].requests, items: runs[0].items };
		};
		return { httpNode: await measureOne(HTTP_WORKFLOW, 'HTTP Request'), exoNode: await measureOne(EXO_WORKFLOW, 'ExoConnect') };
	}

	async stop(): Promise<void> {
		await this.n8n.stop();
	}
}
