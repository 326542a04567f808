/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: a timer drives the burst of changes; paths of user folders */
/**
 * The package in n8n's queue mode, all real: PostgreSQL 15 and Redis (Debian's), one n8n 2.41.1 main
 * (EXECUTIONS_MODE=queue) and `n8n worker` processes, each with a user folder of its own where the package
 * was installed the way the README's queue-mode section says. The sandbox plays ExoConnect.
 * Run by `npm run test:e2e:queue`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { ensureN8n, packPackage, removePackedPackage } from '../install';
import { N8nInstance, nodeOutput, sleep, waitFor } from '../n8n';
import { Timings } from '../timings';
import { CREDENTIAL_ID, TRIGGER_WORKFLOW, triggerToSink } from '../workflows';
import { filesUnder, installAsReadmeSays, newUserFolder, queueEnv, removeUserFolders } from './cluster';
import type { Service } from './services';
import { sql, startPostgres, startRedis } from './services';
import { N8nWorker } from './worker';
import {
	LONG_NOTES,
	PRODUCTS_WEBHOOK,
	productsOnWorker,
	productsRegular,
	QUOTE_CUSTOMER,
	QUOTE_WEBHOOK,
	quoteOnWorker,
	quoteRegular,
} from './workflows';

const timings = new Timings('queue e2e');
let postgres: Service | undefined;
let redis: Service | undefined;
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let main: N8nInstance;
let regularMode: N8nInstance;
/** every worker started, the killed one included */
const workers: N8nWorker[] = [];
let tarball: string;

/** A worker on a machine of its own: a new user folder with only the package, installed as the README says. */
async function startWorker(name: string): Promise<N8nWorker> {
	const folder = newUserFolder(name);
	installAsReadmeSays(folder, tarball);
	const worker = await N8nWorker.start(name, folder, { ...main.env(), N8N_USER_FOLDER: folder });
	workers.push(worker);
	return worker;
}

/** A main with a new user folder (nothing but the package), on the same port. */
async function newMain(port?: number): Promise<N8nInstance> {
	const instance = await N8nInstance.create({ userFolder: newUserFolder('main'), env, ...(port ? { port } : {}) });
	installAsReadmeSays(instance.userFolder, tarball);
	return instance;
}

/** the worker that logged `Worker started execution <id>` (every execution of a queue-mode n8n runs on one) */
function workerOf(executionId: string): string | undefined {
	return workers.find((w) => new RegExp(`Worker started execution ${executionId} \\(`).test(w.log()))?.name;
}

const sinkOf = () => sandbox.sink as Array<{ code: string; id: number; event: string; modified_at: string; execution: string }>;

const lastExecution = (workflowId: string) => sql(postgres!, `SELECT id FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id DESC LIMIT 1`)[0];

/**
 * POSTs to a published webhook. n8n answers HTTP before it has registered the published workflows'
 * webhooks: a 404 (nothing run) is retried for up to two minutes.
 */
async function callWebhook(path: string): Promise<Array<Record<string, unknown>>> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const response = await fetch(`${main.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const text = await response.text();
		if (response.ok) return JSON.parse(text) as Array<Record<string, unknown>>;
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook ${path}: ${response.status} ${text.slice(0, 500)}`);
		await sleep(1000);
	}
}

/** n8n activates the published workflows after it answers HTTP: the trigger's activation poll shows it. */
async function triggerActivated(since: number): Promise<void> {
	await waitFor('the trigger\'s activation poll', () => sandbox.log.slice(since).some((r) => r.path === '/api/helpers/updates' || r.path === '/system/status'), 120_000);
}

/**
 * The regular-mode reference: `n8n execute` in a process of its own (own user folder with the package, own
 * ports) with EXECUTIONS_MODE=regular, on the same database: it runs the workflow itself, no queue involved.
 */
async function regularRun(workflowId: string, nodeName: string): Promise<Array<Record<string, unknown>>> {
	const result = await regularMode.execute(workflowId);
	if (!result.ok) throw new Error(`n8n execute ${workflowId} failed:\n${result.output.slice(-3000)}`);
	return nodeOutput(result.run, nodeName);
}

beforeAll(async () => {
	await timings.step('n8n 2.41.1 and Node 24 ready (cached in ~/.cache/exoconnect-e2e)', () => ensureN8n());
	tarball = await timings.step('build and npm pack', () => packPackage());
	[postgres, redis] = await timings.step('PostgreSQL 15 and Redis started', async () => await Promise.all([startPostgres(), startRedis()]));
	sandbox = await startSandbox({ realTime: true, startTime: new Date().toISOString(), products: 10_000 });
	env = queueEnv(postgres, redis);
	main = await timings.step('main user folder, package installed as the README says', async () => await newMain());
	regularMode = await N8nInstance.create({ userFolder: newUserFolder('regular'), env: { ...env, EXECUTIONS_MODE: 'regular' } });
	installAsReadmeSays(regularMode.userFolder, tarball);
	await timings.step('credential and workflows imported into PostgreSQL, published (first command: migrations)', async () => {
		await main.importCredentials([
			{ id: CREDENTIAL_ID, name: CREDENTIAL_ID, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
		]);
		await main.importWorkflows([productsOnWorker, productsRegular, quoteOnWorker, quoteRegular, triggerToSink(`${sandbox.url}/__sandbox/sink`)]);
		for (const id of ['exoQueueProducts', 'exoQueueQuote001', TRIGGER_WORKFLOW]) await main.publish(id);
	});
	await timings.step('two workers started', async () => await Promise.all([startWorker('worker-1'), startWorker('worker-2')]));
	await timings.step('main started (EXECUTIONS_MODE=queue), published workflows active', async () => {
		await main.start();
		await triggerActivated(0);
	});
}, 30 * 60 * 1000);

afterAll(async () => {
	await Promise.all(workers.map(async (w) => await w.kill('SIGTERM')));
	await main?.stop();
	await sandbox?.close();
	await redis?.stop();
	await postgres?.stop();
	removeUserFolders();
	removePackedPackage(tarball);
	timings.report();
}, 5 * 60 * 1000);

describe('ExoConnect in queue mode (PostgreSQL, Redis, one main, workers)', () => {
	it('a. Return All of 10,000 products runs on a worker and gives what the regular mode gives', async () => {
		const onWorker = await timings.step('a. 10,000 products through a webhook, on a worker', async () => await callWebhook(PRODUCTS_WEBHOOK));
		const execution = lastExecution('exoQueueProducts');
		expect(workerOf(execution)).toMatch(/^worker-/);
		const regular = await timings.step('a. the same node with n8n execute (regular mode)', async () => await regularRun('exoQueueProductsR', 'Get Products'));
		expect(onWorker).toHaveLength(10_000);
		expect(new Set(onWorker.map((p) => p.code)).size).toBe(10_000);
		expect(onWorker).toEqual(regular);
	});

	it('b. Create Quote with 600 characters of notes runs on a worker: same request, same quote as the regular mode', async () => {
		sandbox.clearLog();
		const [onWorker] = await timings.step('b. quote through a webhook, on a worker', async () => await callWebhook(QUOTE_WEBHOOK));
		expect(workerOf(lastExecution('exoQueueQuote001'))).toMatch(/^worker-/);
		const [regular] = await timings.step('b. the same node with n8n execute (regular mode)', async () => await regularRun('exoQueueQuoteR01', 'Create Quote'));
		const posts = sandbox.log.filter((r) => r.method === 'POST' && r.path === '/api/invoicing/quotes');
		expect(posts).toHaveLength(2);
		const notes = (posts[0].body as { details: Array<{ description?: string }> }).details.slice(1).map((l) => l.description!);
		expect(notes).toHaveLength(Math.ceil(LONG_NOTES.length / 90));
		expect(notes.join(' ')).toBe(LONG_NOTES);
		expect(posts[0].body).toEqual({ customer_code: QUOTE_CUSTOMER, reference: 'QUEUE-E2E', details: [{ sku: 'WIDGET-001', ordered_qty: 3 }, ...notes.map((description) => ({ description }))] });
		expect(posts[1].body).toEqual(posts[0].body);
		// two quotes: everything but their own id, number and timestamps is the same
		const own = (quote: Record<string, unknown>) => {
			const { id, code, updated_at, metadata, _links, ...rest } = quote;
			void [updated_at, metadata, _links];
			expect(id).toEqual(expect.any(Number));
			expect(code).toEqual(expect.any(String));
			return rest;
		};
		expect(onWorker.id).not.toBe(regular.id);
		expect(own(onWorker)).toEqual(own(regular));
	});

	it('c. the published trigger on the main emits every change of a burst exactly once, through a worker SIGKILL and a main restart', async () => {
		const polls = () => sandbox.log.filter((r) => r.path === '/api/helpers/updates').length;
		const sink = sinkOf;
		const lastDelivery = { at: Date.now(), count: 0 };
		const quiet = (ms: number) => {
			if (sink().length !== lastDelivery.count) Object.assign(lastDelivery, { at: Date.now(), count: sink().length });
			return Date.now() - lastDelivery.at > ms;
		};
		/** a poll after now has emitted changes and they have all reached the sink */
		const nextPollDelivered = async (what: string, expectChanges = true) => {
			const [before, delivered] = [polls(), sink().length];
			await waitFor(`${what}: a poll`, () => polls() > before, 150_000);
			// the poll seen may have asked just before the changes it was waited for: the next one, a minute on, brings them
			if (expectChanges) await waitFor(`${what}: changes in the sink`, () => sink().length > delivered, 150_000);
			await waitFor(`${what}: the sink quiet`, () => quiet(4000), 60_000);
		};

		// the burst: a new customer every 500 ms, and every third tick an update of an existing one
		const changed: string[] = [];
		const demo = sandbox.store.list('customers').slice(1, 400) as Array<{ id: number; code: string }>;
		let tick = 0;
		const burst = setInterval(() => {
			tick++;
			const code = `Q-BURST-${String(tick).padStart(4, '0')}`;
			sandbox.store.insert('customers', { code, description: `Rafale ${tick}` });
			changed.push(code);
			if (tick % 3 === 0 && demo.length) {
				const target = demo.shift()!;
				sandbox.store.update('customers', target.id, { comment: `modifié pendant la rafale (${tick})` });
				changed.push(target.code);
			}
		}, 500);
		try {
			await timings.step('c. burst: first poll delivered', async () => await nextPollDelivered('first burst poll'));

			// between two executions, while changes keep arriving: the worker dies as a crashed machine would
			// Redis hands a job to whichever worker asks first: the surviving first-generation worker is then
			// stopped (SIGTERM, it finishes what it runs) so that worker-3, on a new machine, takes what follows
			const [killed, survivor] = workers;
			await timings.step(`c. ${killed.name} SIGKILLed, worker-3 started on a new machine, ${survivor.name} stopped`, async () => {
				await killed.kill('SIGKILL');
				await startWorker('worker-3');
				await survivor.kill('SIGTERM');
			});
			await timings.step('c. burst: a poll delivered without the killed worker', async () => await nextPollDelivered('poll after the kill'));

			await timings.step('c. main stopped, changes keep arriving for 20 s, a new main started (new user folder)', async () => {
				await main.stop();
				await sleep(20_000);
				main = await newMain(main.port);
				const since = sandbox.log.length;
				await main.start();
				await triggerActivated(since);
			});
			await timings.step('c. burst: a poll delivered by the new main', async () => await nextPollDelivered('poll after the restart'));
		} finally {
			clearInterval(burst);
		}
		timings.note(`c. burst over: ${changed.length} changes (${tick} new customers, ${changed.length - tick} updates)`);
		await timings.step('c. every change delivered', async () => {
			await waitFor('every change in the sink', () => new Set(sink().map((s) => s.code)).size >= changed.length, 200_000);
		});
		await timings.step('c. one more poll: nothing new, nothing repeated', async () => await nextPollDelivered('a last poll', false));

		const codes = sink().map((s) => s.code);
		expect(codes.length).toBe(new Set(codes).size); // none twice
		expect([...codes].sort()).toEqual([...changed].sort()); // none lost, none extra
		const executions = new Set(sink().map((s) => s.execution));
		const byWorker = [...executions].map((id) => workerOf(id));
		timings.note(`c. ${executions.size} executions, on ${[...new Set(byWorker)].join(', ')}; ${polls()} polls`);
		expect(byWorker.every((name) => name?.startsWith('worker-'))).toBe(true);
		expect(byWorker).toContain('worker-3');
	});

	it('d. the credential and the trigger state live in PostgreSQL only; a worker needs nothing but the package', async () => {
		const [credential] = sql(postgres!, `SELECT type, data FROM credentials_entity WHERE id = '${CREDENTIAL_ID}'`);
		expect(credential.startsWith('exoConnectApi|')).toBe(true);
		expect(credential).not.toContain(sandbox.apiKey); // encrypted with the shared key
		const [staticData] = sql(postgres!, `SELECT "staticData" FROM workflow_entity WHERE id = '${TRIGGER_WORKFLOW}'`);
		const cursor = (JSON.parse(staticData) as Record<string, { exoConnectCursor?: { since: string; cursorId: number } }>)['node:Customer Changes']?.exoConnectCursor;
		// the cursor is the last change emitted, in the API's (modified_at, id) order
		const [last] = [...sinkOf()].sort((a, b) => Date.parse(b.modified_at) - Date.parse(a.modified_at) || b.id - a.id);
		expect(cursor).toBeDefined();
		expect(Date.parse(cursor!.since)).toBe(Date.parse(last.modified_at));
		expect(cursor!.cursorId).toBe(last.id);
		timings.note(`d. the trigger's static data in PostgreSQL: ${staticData.slice(0, 300)}`);

		// no process kept a database or anything else of the instance in its user folder: only the package
		// (npm's own files) and n8n's own files (its config with the instance id, logs)
		for (const worker of workers) {
			const files = filesUnder(worker.userFolder).filter((f) => !f.startsWith(join('.n8n', 'nodes')));
			// this test's log of the process, n8n's event log, and n8n's config: the key it was given, nothing else
			files.forEach((f) => expect(f).toMatch(/^(n8n-worker-\d\.log|\.n8n\/n8nEventLog[\w-]*\.log|\.n8n\/config)$/));
			expect(JSON.parse(readFileSync(join(worker.userFolder, '.n8n', 'config'), 'utf8'))).toEqual({ encryptionKey: env.N8N_ENCRYPTION_KEY });
			timings.note(`d. ${worker.name}'s user folder besides .n8n/nodes: ${files.join(', ') || 'nothing'}`);
		}
		expect(filesUnder(main.userFolder).filter((f) => /sqlite/.test(f))).toEqual([]);
		// worker-3 started after the activation, in a new folder, and still ran executions with the credential
		expect(workers.find((w) => w.name === 'worker-3')!.log()).toMatch(/Worker finished execution \d+/);
	});
});
