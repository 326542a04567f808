/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: reads the example workflows from examples/ */
/**
 * The example workflows as the playground imports them: the sandbox address they were written with
 * (http://127.0.0.1:5680) is replaced by the running sandbox's, so an example works on any port.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstance } from '../e2e/n8n';

/** the id the example workflows' ExoConnect nodes refer to */
export const EXAMPLE_CREDENTIAL_ID = 'exoSandboxCred01';
const WRITTEN_FOR = 'http://127.0.0.1:5680';
const examplesDir = join(__dirname, '..', '..', 'examples');

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; webhookId?: string }>;
	[key: string]: unknown;
}

export function exampleWorkflows(sandboxUrl: string = WRITTEN_FOR): ExampleWorkflow[] {
	if (!existsSync(examplesDir)) return [];
	return readdirSync(examplesDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => readFileSync(join(examplesDir, f), 'utf8').split(WRITTEN_FOR).join(sandboxUrl))
		.map((text) => JSON.parse(text) as ExampleWorkflow);
}

/**
 * Imports the examples the user folder does not have yet: an example already there is the user's, and is
 * left as they saved it (deleting it in n8n brings the original back at the next start).
 */
export async function importMissingExamples(n8n: N8nInstance, sandboxUrl: string): Promise<{ imported: string[]; kept: string[] }> {
	const existing = new Set(await n8n.workflowIds());
	const all = exampleWorkflows(sandboxUrl);
	const missing = all.filter((w) => !existing.has(w.id));
	if (missing.length > 0) await n8n.importWorkflows(missing);
	return { imported: missing.map((w) => w.name), kept: all.filter((w) => existing.has(w.id)).map((w) => w.name) };
}
