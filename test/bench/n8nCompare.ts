/**
 * (c) of the Get Many benchmark: n8n's own HTTP Request node with its built-in pagination against the same
 * endpoint, in the real n8n of the end-to-end suite.
 */
import type { Sandbox } from '../sandbox';

export interface N8nMeasure {
	ms: number;
	requests: number;
	items: number;
}

export async function httpRequestNodeGetAll(sandbox: Sandbox, repeat: number): Promise<N8nMeasure> {
	throw new Error(`the real n8n is not wired into the benchmark yet (${sandbox.url}, ${repeat} runs asked)`);
}
