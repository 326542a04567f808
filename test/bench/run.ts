/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- the benchmark runner: child processes, timing, and RESULTS.md */
/**
 * `npm run bench`: the ExoConnect node against the floor (raw HTTP) and n8n's HTTP Request node, on the
 * sandbox with an injected network latency. Prints a table and writes test/bench/RESULTS.md.
 * Options: --sizes 1000,10000,100000  --latency 20  --repeat 3  --no-n8n  --only <section>
 *   sync sections: --sync-sizes 1000,10000  --sync-latencies 20,50  --sync-repeat 5  --naive-sample 1000 (section 7's one-at-a-time run)
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { runNode } from '../helpers/n8n';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { InN8nMeasure } from './n8nCompare';
import { median, N8nBench } from './n8nCompare';
import { syncFigures } from './syncBench';
import { syncInN8nFigures } from './syncInN8n';
import { burst, drainPolls, paymentsDrain, triggerPoller } from './triggerBurst';

const run = promisify(execFile);
const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const latencyMs = Number(arg('latency', '20'));
const repeat = Number(arg('repeat', '3'));
const withN8n = !process.argv.includes('--no-n8n');
const syncSizes = arg('sync-sizes', '1000,10000').split(',').map(Number);
const syncLatencies = arg('sync-latencies', '20,50').split(',').map(Number);
/** a sync of 1,000 products at 20 ms is under a second: one slow moment of a shared machine moves it by 10 % */
const syncRepeat = Number(arg('sync-repeat', '5'));

interface Measure {
	ms: number;
	items: number;
	maxRssMb: number;
	requests: number;
}

async function child(sb: Sandbox, scenario: string, code = ''): Promise<Measure> {
	const runs: Measure[] = [];
	for (let i = 0; i < repeat; i++) {
		const { stdout } = await run(
			process.execPath,
			[require.resolve('ts-node/dist/bin'), '--transpile-only', '--prefer-ts-exts', join(__dirname, 'measure.ts'), scenario, sb.url, sb.apiKey, code],
			{ maxBuffer: 1 << 20 },
		);
		const { calls, ...measured } = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Omit<Measure, 'requests'> & { calls: number };
		// the child empties the log after its warm-up: what is left is the measured calls' requests
		runs.push({ ...measured, requests: sb.log.length / calls });
	}
	return {
		ms: median(runs.map((r) => r.ms)),
		items: runs[0].items,
		maxRssMb: median(runs.map((r) => r.maxRssMb)),
		requests: median(runs.map((r) => r.requests)),
	};
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines: string[] = [];
const out = (line = '') => {
	console.log(line);
	lines.push(line);
};

/** the machine is shared: every section says how loaded it was */
const outLoad = () => out(`Load average when the section started: ${os.loadavg().map((l) => fmt(l, 1)).join(', ')} (${os.cpus().length} cores).`);

async function getManySection() {
	out('## 1. Get Many, Return All (products)');
	out();
	out('(a) the ExoConnect node and (b) the floor, a raw keep-alive HTTP loop at page size 500, each in a fresh warm process (up to 10,000 records,');
	out('the median of 11 calls in it);');
	out("(c) n8n's HTTP Request node with its pagination and (a') the ExoConnect node, both in the same real n8n 2.41.1 (n8n's own node execution time).");
	out();
	out("| N | (a) node ms | (b) floor ms | (a') node in n8n ms | (c) HTTP Request ms | requests a / b / c | peak RSS MB a / b | a/b | a'/c |");
	out('|---|---|---|---|---|---|---|---|---|');
	const bench = withN8n ? await N8nBench.start().catch((e: Error) => e) : new Error('skipped (--no-n8n)');
	try {
		for (const n of sizes) {
			const sb = await startSandbox({ products: n, customers: 20, latencyMs });
			try {
				const a = await child(sb, 'nodeGetAll');
				const b = await child(sb, 'floorGetAll');
				const c: { httpNode: InN8nMeasure; exoNode: InN8nMeasure } | Error =
					bench instanceof Error ? bench : await bench.measure(sb, repeat).catch((e: Error) => e);
				const ok = !(c instanceof Error);
				const cell = (f: (m: { httpNode: InN8nMeasure; exoNode: InN8nMeasure }) => string) => (c instanceof Error ? 'n/a' : f(c));
				out(
					`| ${fmt(n)} | ${fmt(a.ms)} | ${fmt(b.ms)} | ${cell((m) => fmt(m.exoNode.ms))} | ${cell((m) => fmt(m.httpNode.ms))} | ${a.requests} / ${b.requests} / ${cell((m) => String(m.httpNode.requests))} | ${fmt(a.maxRssMb)} / ${fmt(b.maxRssMb)} | ${fmt(a.ms / b.ms, 2)} | ${cell((m) => fmt(m.exoNode.ms / m.httpNode.ms, 2))} |`,
				);
				if (!ok) out(`<!-- (c) at N=${n}: ${(c as Error).message.slice(0, 300)} -->`);
				const cItems = c instanceof Error ? n : c.httpNode.items;
				if (a.items !== n || b.items !== n || cItems !== n) out(`<!-- WARNING: items a=${a.items} b=${b.items} c=${cItems}, expected ${n} -->`);
			} finally {
				await sb.close();
			}
		}
	} finally {
		if (!(bench instanceof Error)) await bench.stop();
	}
	out();
}

async function triggerSection() {
	const sb = await startSandbox({ products: 20, customers: 20, latencyMs });
	const poll = triggerPoller(sb, { entity: 'customers', events: ['created', 'updated'], includeRecord: true, startFrom: 'now', options: {} });
	try {
		const staticData: IDataObject = {};
		await poll(staticData);
		sb.clock.advance(120);
		sb.clearLog();
		await poll(staticData);
		const idle = sb.log.length;
		// 10,000 customers saved over about 20 minutes of Acomba time, then drained poll after poll
		for (let i = 0; i < 10_000; i++) {
			if (i % 8 === 0) sb.clock.advance(1);
			sb.store.insert('customers', { code: `BENCH${i}`, description: `Client ${i}` });
		}
		sb.clock.advance(120);
		// twenty minutes of Acomba time passed in a second: stand for the trigger's hourly measure of ExoConnect's clock
		delete (staticData.exoConnectCursor as IDataObject).clock;
		sb.clearLog();
		const { polls, emitted, ms: drainMs } = await drainPolls(poll, staticData);
		out('## 2. Trigger (customers, default options: Max Changes per Poll 500, Late Change Window 60 s)');
		out();
		out('| measure | figure | target |');
		out('|---|---|---|');
		out(`| requests of an idle poll | ${idle} | 1 |`);
		out(`| requests to drain 10,000 changes (${polls} polls, ${fmt(emitted)} emitted) | ${sb.log.length} | ≤ ${Math.ceil(10_000 / 500) + 4} |`);
		out(`| time to drain 10,000 changes | ${fmt(drainMs)} ms | – |`);
		out();
		out('### After a burst of 20,000 changes within 20 s (default options, the sandbox clock standing still: the worst case)');
		out();
		out('| burst | polls | emitted | reread requests per poll (ids only), at most | requests per poll, at most | static data, at most | drain ms |');
		out('|---|---|---|---|---|---|---|');
		for (const scattered of [false, true]) {
			const f = await burst(latencyMs, scattered);
			out(`| ${f.label} | ${f.polls} | ${fmt(f.emitted)} | ${f.maxRereadRequests} | ${f.maxRequests} | ${fmt(f.maxStaticBytes)} bytes | ${fmt(f.drainMs)} |`);
		}
		out();
		const d = await paymentsDrain(latencyMs);
		out('### Customer payments drained through their extract (Start From Everything, Max Changes 20,000)');
		out();
		out('| payments | polls | extract requests | target ⌈N / 500⌉ + 1 | all requests | time ms |');
		out('|---|---|---|---|---|---|');
		out(`| ${fmt(d.payments)} | ${d.polls} | ${d.extractRequests} | ${Math.ceil(d.payments / 500) + 1} | ${d.requests} | ${fmt(d.ms)} |`);
		out();
	} finally {
		await sb.close();
	}
}

async function documentsSection() {
	const sb = await startSandbox({ products: 200, customers: 20, latencyMs });
	const credentials = { baseUrl: sb.url, apiKey: sb.apiKey };
	const note = 'Installation incluse, livraison au quai de chargement arrière entre 8 h et 16 h; appeler le contremaître avant de partir. '.repeat(2);
	const line = (i: number) => ({ lineType: 'product', sku: i % 2 ? 'WIDGET-001' : 'WIDGET-002', quantity: i + 1, description: i % 5 === 0 ? note : '' });
	const parameters = (returnFullRecord: boolean) => ({
		resource: 'salesOrder',
		operation: 'create',
		customerCode: { __rl: true, mode: 'code', value: 'JACHETE' },
		linesSource: 'fields',
		lines: { line: Array.from({ length: 50 }, (_, i) => line(i)) },
		options: { returnFullRecord },
	});
	try {
		out('## 3. Documents: a 50-line sales order with long notes');
		out();
		out('| Return Full Record | requests | lines sent | time ms |');
		out('|---|---|---|---|');
		for (const full of [true, false]) {
			sb.clearLog();
			const started = Date.now();
			await runNode({ node: new ExoConnect(), parameters: parameters(full), credentials });
			const sent = (sb.log[0].body as { details: unknown[] }).details.length;
			out(`| ${full ? 'on (default)' : 'off'} | ${sb.log.length} | ${sent} | ${fmt(Date.now() - started)} |`);
		}
		out();
	} finally {
		await sb.close();
	}
}

async function toolSection() {
	const sb = await startSandbox({ products: 1000, customers: 20, latencyMs });
	try {
		const a = await child(sb, 'nodeGetByCode', 'WIDGET-001');
		const b = await child(sb, 'floorGetByCode', 'WIDGET-001');
		out('## 4. Tool use: one Get by code (warm process, mean of 20 calls)');
		out();
		out('| node ms | floor ms | node/floor | requests node / floor |');
		out('|---|---|---|---|');
		out(`| ${fmt(a.ms, 1)} | ${fmt(b.ms, 1)} | ${fmt(a.ms / b.ms, 2)} | ${a.requests} / ${b.requests} |`);
		out();
	} finally {
		await sb.close();
	}
}

async function syncSection() {
	const naiveSample = Number(arg('naive-sample', '500'));
	out('## 5. Sync: Create or Update of products (10 % with a new price, 1 % new)');
	out();
	out("(a) the node's Create or Update, Map Automatically, Parallel Writes 4 (default); (f) the floor: raw keep-alive HTTP reading the full list");
	out('(page 1, then 4 pages on the wire) and writing exactly the changed and new records 4 at a time; (f\') the same requests as (f), sent through');
	out("n8n's request helper as every n8n node must (the node's transport, without its logic); (n) the naive sequence users build today");
	out("(per item GET by code, then PUT or POST), sent one item after the other through the node's own transport (not in a real n8n: see below),");
	out(`timed on the first ${naiveSample} items and scaled to all. (a) again: the node once more on the same input, nothing left to change.`);
	out(`(a), (f) and (f'): the median of ${syncRepeat} runs, (n) and (a) again: one run; each in a fresh process that first runs its own code paths on the`);
	out("catalogue's first items (warm, as n8n's process is), the sandbox in the parent process; client CPU: the measured process's own CPU time.");
	outLoad();
	out();
	out("| products | latency ms | items (updated / created) | requests a / f / n | writes a / f | a ms | f ms | f' ms | n ms | a/f | a/f' | f'/f | n/a | client CPU ms a / f / f' | a again: requests / writes / ms |");
	out('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const latency of syncLatencies) {
		for (const n of syncSizes) {
			const f = await syncFigures(n, latency, naiveSample, syncRepeat);
			out(
				`| ${fmt(n)} | ${latency} | ${fmt(f.node.items)} (${fmt(f.node.updated)} / ${fmt(f.node.created)}) | ${fmt(f.node.requests)} / ${fmt(f.floor.requests)} / ${fmt(f.naive.requests)} | ${fmt(f.node.writes)} / ${fmt(f.floor.writes)} | ${fmt(f.node.ms)} | ${fmt(f.floor.ms)} | ${fmt(f.floorN8n.ms)} | ${fmt(f.naive.ms)} | ${fmt(f.node.ms / f.floor.ms, 2)} | ${fmt(f.node.ms / f.floorN8n.ms, 2)} | ${fmt(f.floorN8n.ms / f.floor.ms, 2)} | ${fmt(f.naive.ms / f.node.ms, 1)} | ${fmt(f.node.cpuMs)} / ${fmt(f.floor.cpuMs)} / ${fmt(f.floorN8n.cpuMs)} | ${f.again.requests} / ${f.again.writes} / ${fmt(f.again.ms)} |`,
			);
		}
	}
	out();
}

async function syncN8nSection() {
	const sample = Number(arg('naive-sample', '1000'));
	out('## 7. Sync in a real n8n: Create or Update against the naive workflow');
	out();
	out("The shop's items of section 5 in the real n8n 2.41.1 of section 1, one `n8n execute` each, the sandbox reset before each. (a) the node's");
	out("Create or Update (Map Automatically, Parallel Writes 4, the default), (a16) the same with Parallel Writes 16, its highest; (n) the workflow");
	out("users click together with n8n's own nodes: HTTP Request GET");
	out('`by-code/{{ $json.sku }}` (Never Error, full response: a 404 goes on), IF status 200, then HTTP Request PUT `by-id/{{ $json.body.id }}`');
	out("(price, description) or POST (code, description, price). (n1) as n8n runs it by default: each HTTP Request node sends every item's");
	out('request at once, unbounded (whole input, measured). (n2) the same inside Loop Over Items of one item, one item after the other');
	out(`(measured whole up to ${fmt(sample)} products; above, on the first ${fmt(sample)} items, scaled linearly to all: the loop is linear by construction).`);
	out("Times: the sum of n8n's own execution times of the measured nodes in the run data (a: the ExoConnect node; n1: GET, IF, PUT, POST;");
	out("n2: those and the loop, every iteration); the nodes preparing the shop's items are not counted, nor n8n's start. One run each.");
	outLoad();
	out();
	out('| products | latency ms | items (updated / created by a) | requests a / n1 / n2 | writes a / n1 / n2 | a ms | a16 ms | n1 ms (all at once) | n2 ms (one at a time, scaled) | n1/a | n1/a16 | n2/a |');
	out('|---|---|---|---|---|---|---|---|---|---|---|---|');
	const bench = await N8nBench.start();
	try {
		for (const latency of syncLatencies) {
			for (const n of syncSizes) {
				const sb = await startSandbox({ products: n, customers: 20, latencyMs: latency });
				try {
					const { node: a, node16: a16, allAtOnce: n1, oneByOne: n2 } = await syncInN8nFigures(bench, sb, sample);
					out(
						`| ${fmt(n)} | ${latency} | ${fmt(a.items)} (${fmt(a.updated)} / ${fmt(a.created)}) | ${fmt(a.requests)} / ${fmt(n1.requests)} / ${fmt(n2.requests)} | ${fmt(a.writes)} / ${fmt(n1.writes)} / ${fmt(n2.writes)} | ${fmt(a.ms)} | ${fmt(a16.ms)} | ${fmt(n1.ms)} | ${fmt(n2.ms)} | ${fmt(n1.ms / a.ms, 1)} | ${fmt(n1.ms / a16.ms, 1)} | ${fmt(n2.ms / a.ms, 1)} |`,
					);
				} finally {
					await sb.close();
				}
			}
		}
	} finally {
		await bench.stop();
	}
	out();
}

async function getManyFloorSection() {
	out("## 6. Get Many, Return All, against a floor at the node's own page concurrency");
	out();
	out('(a) the node as in section 1; (b\') raw keep-alive HTTP reading page 1, then the announced pages with 4 requests on the wire (each asks the');
	out("next page once its answer is in), as the node does; (b'') the same requests as (b'), sent through n8n's request helper as every n8n node");
	out("must (the node's transport, without its logic); fresh warm processes, each warmed with ten two-page lists first.");
	out();
	out("| N | (a) node ms | (b') floor ms | (b'') floor through n8n's helper ms | requests a / b' | a/b' | a/b'' | b''/b' |");
	out('|---|---|---|---|---|---|---|---|');
	for (const n of sizes) {
		const sb = await startSandbox({ products: n, customers: 20, latencyMs });
		try {
			const a = await child(sb, 'nodeGetAll');
			const b = await child(sb, 'floorGetAllParallel');
			const h = await child(sb, 'floorN8nGetAllParallel');
			out(`| ${fmt(n)} | ${fmt(a.ms)} | ${fmt(b.ms)} | ${fmt(h.ms)} | ${a.requests} / ${b.requests} | ${fmt(a.ms / b.ms, 2)} | ${fmt(a.ms / h.ms, 2)} | ${fmt(h.ms / b.ms, 2)} |`);
		} finally {
			await sb.close();
		}
	}
	out();
}

/** Blocks of a results text by their `## N.` heading, in order; the text before the first heading under ''. */
function blocks(text: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	for (const part of text.split(/\n(?=## )/)) {
		const heading = /^## (\d+\.|The targets)/.exec(part)?.[1] ?? '';
		out.push([heading, part.replace(/\n+$/, '')]);
	}
	return out;
}

/** With --only, the sections run replace theirs in RESULTS.md (or are added); the others stay as they were. */
function mergeResults(previous: string, fresh: string, only: string): string {
	const old = blocks(previous.split('\n## The targets')[0]);
	const note = `(Section re-run on ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --only ${only}\`.)`;
	for (const [heading, block] of blocks(fresh)) {
		if (!heading) continue;
		const at = old.findIndex(([h]) => h === heading);
		if (at >= 0) old[at] = [heading, `${block}\n\n${note}`];
		else old.push([heading, `${block}\n\n${note}`]);
	}
	return `${old.map(([, b]) => b).join('\n\n')}\n\n`;
}

async function main() {
	out('# Benchmark results');
	out();
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	out(`Machine: ${cpu}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`);
	out(`Sandbox latency ${latencyMs} ms per request; medians of ${repeat} runs; each (a)/(b) run in a fresh process (its peak RSS).`);
	out(`Run on ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`.`);
	out();
	// --only trigger (or getMany, documents, tool, sync, getManyFloor, syncN8n) runs one section and keeps the others' figures
	const only = arg('only', '');
	const sections: Record<string, () => Promise<void>> = {
		getMany: getManySection,
		trigger: triggerSection,
		documents: documentsSection,
		tool: toolSection,
		sync: syncSection,
		getManyFloor: getManyFloorSection,
		syncN8n: syncN8nSection,
	};
	for (const [name, section] of Object.entries(sections)) if (!only || only === name) await section();
	// the hand-written reading of the targets follows every run's figures
	const targets = readFileSync(join(__dirname, 'TARGETS.md'), 'utf8');
	const results = join(__dirname, 'RESULTS.md');
	const figures = only ? mergeResults(readFileSync(results, 'utf8'), lines.join('\n'), only) : `${lines.join('\n')}\n`;
	if (!process.argv.includes('--no-write')) writeFileSync(results, `${figures}${targets}`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
