/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: reads the example workflows from examples/ */
/**
 * The example workflows as the playground imports them. They are written for the sandbox on
 * http://127.0.0.1:5680 and n8n on http://127.0.0.1:5678 (WRITTEN_FOR); the playground puts the running
 * ones' addresses in their place. An example a user already has is left as they saved it, but for those
 * addresses: a playground started on other ports rewrites every sandbox and webhook address in it (not
 * only the credential's), so that an example kept from an earlier start does not post to a port that
 * nothing listens on any more.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nInstance } from '../e2e/n8n';

/** the id the example workflows' ExoConnect nodes refer to */
export const EXAMPLE_CREDENTIAL_ID = 'exoSandboxCred01';
/** the addresses the files in examples/ are written with */
export const WRITTEN_FOR = { sandbox: 'http://127.0.0.1:5680', n8n: 'http://127.0.0.1:5678' } as const;
const examplesDir = join(__dirname, '..', '..', 'examples');

export interface PlaygroundAddresses {
	sandbox: string;
	n8n: string;
}

/** a local address with any port, followed by the sandbox's own routes */
const SANDBOX_ADDRESS = /https?:\/\/(?:127\.0\.0\.1|localhost):\d+(?=\/__sandbox\/)/g;
/** a local address with any port, followed by one of n8n's webhook paths */
const N8N_ADDRESS = /https?:\/\/(?:127\.0\.0\.1|localhost):\d+(?=\/webhook(?:-test)?\/)/g;

/** The workflow text with every sandbox and n8n address, whatever its port, made the running one's. */
export function readdress(text: string, to: PlaygroundAddresses): string {
	return text.replace(SANDBOX_ADDRESS, to.sandbox).replace(N8N_ADDRESS, to.n8n).split(WRITTEN_FOR.sandbox).join(to.sandbox);
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	active?: boolean;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; webhookId?: string }>;
	[key: string]: unknown;
}

/** The example files' texts, by file name. */
export function exampleFiles(): Array<{ file: string; text: string }> {
	if (!existsSync(examplesDir)) return [];
	return readdirSync(examplesDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, text: readFileSync(join(examplesDir, file), 'utf8') }));
}

export function exampleWorkflows(sandboxUrl: string = WRITTEN_FOR.sandbox, n8nUrl: string = WRITTEN_FOR.n8n): ExampleWorkflow[] {
	return exampleFiles().map(({ text }) => JSON.parse(readdress(text, { sandbox: sandboxUrl, n8n: n8nUrl })) as ExampleWorkflow);
}

/**
 * Imports the examples the user folder does not have yet: an example already there is the user's, and is
 * left as they saved it (deleting it in n8n brings the original back at the next start), but for the
 * sandbox's and n8n's addresses, rewritten when they changed (`readdressed`; a published one stays published).
 */
export async function importMissingExamples(
	n8n: N8nInstance,
	sandboxUrl: string,
): Promise<{ imported: string[]; kept: string[]; readdressed: string[] }> {
	const existing = new Set(await n8n.workflowIds());
	const all = exampleWorkflows(sandboxUrl, n8n.url);
	const missing = all.filter((w) => !existing.has(w.id));
	if (missing.length > 0) await n8n.importWorkflows(missing);
	const kept = all.filter((w) => existing.has(w.id));
	const keptIds = new Set(kept.map((w) => w.id));
	const readdressed: Array<Record<string, unknown> & { id: string; name?: string; active?: boolean }> = [];
	for (const saved of kept.length > 0 ? await n8n.exportWorkflows() : []) {
		if (!keptIds.has(saved.id)) continue;
		const text = JSON.stringify(saved);
		const moved = readdress(text, { sandbox: sandboxUrl, n8n: n8n.url });
		if (moved !== text) readdressed.push(JSON.parse(moved) as (typeof readdressed)[number]);
	}
	// n8n refuses to import over a published workflow: such an example is unpublished, rewritten, published again
	const published = readdressed.filter((w) => w.active === true).map((w) => w.id);
	for (const id of published) await n8n.unpublish(id);
	if (readdressed.length > 0) await n8n.importWorkflows(readdressed);
	for (const id of published) await n8n.publish(id);
	return { imported: missing.map((w) => w.name), kept: kept.map((w) => w.name), readdressed: readdressed.map((w) => String(w.name)) };
}
