/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the benchmark runner: child processes */
/**
 * Section 5 of the benchmark: a nightly shop → Acomba product sync. N products are in Acomba; the shop sends
 * all N (10 % with a new price) plus 1 % new ones. Each scenario runs in a fresh process (syncMeasure.ts)
 * against a sandbox of the parent's; requests and writes are read from the sandbox's log.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startSandbox } from '../sandbox';

const run = promisify(execFile);

export interface Run {
	ms: number;
	/** the client process's own CPU time */
	cpuMs: number;
	requests: number;
	writes: number;
	items: number;
	updated: number;
	created: number;
}

export interface SyncFigures {
	node: Run;
	/** the node again on the same input once synced: nothing changed */
	again: Run;
	floor: Run;
	/** the floor's requests through n8n's request helper (the node's transport), without the node's logic */
	floorN8n: Run;
	/** timed on a sample, scaled to all the items */
	naive: Run & { sample: number };
}

export async function syncFigures(n: number, latencyMs: number, naiveSample: number, repeat = 3): Promise<SyncFigures> {
	const sb = await startSandbox({ products: n, customers: 20, latencyMs });
	const measure = async (scenario: string): Promise<Run> => {
		const { stdout } = await run(
			process.execPath,
			[require.resolve('ts-node/dist/bin'), '--transpile-only', '--prefer-ts-exts', join(__dirname, 'syncMeasure.ts'), scenario, sb.url, sb.apiKey, String(naiveSample)],
			{ maxBuffer: 1 << 22 },
		);
		const measured = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Omit<Run, 'requests' | 'writes'>;
		return { ...measured, requests: sb.log.length, writes: sb.log.filter((r) => r.method !== 'GET').length };
	};
	/**
	 * The run of median time of each scenario among `repeat` fresh processes: one run is at the mercy of the
	 * machine's load, and the scenarios take turns so that a slow moment falls on all of them alike.
	 */
	const medians = async (scenarios: string[]): Promise<Run[]> => {
		const runs: Run[][] = scenarios.map(() => []);
		for (let i = 0; i < repeat; i++) for (const [k, scenario] of scenarios.entries()) runs[k].push(await measure(scenario));
		return runs.map((list) => list.sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)]);
	};
	try {
		const [node, floor, floorN8n] = await medians(['node', 'floor', 'floorN8n']);
		const again = await measure('again');
		const sample = await measure('naive');
		const items = node.items;
		const scale = items / sample.items;
		const naive = { ...sample, ms: sample.ms * scale, cpuMs: sample.cpuMs * scale, requests: Math.round(sample.requests * scale), writes: Math.round(sample.writes * scale), items, sample: sample.items };
		return { node, again, floor, floorN8n, naive };
	} finally {
		await sb.close();
	}
}
