/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs a real n8n as a child process with its own user folder and ports */
/**
 * A real n8n (2.41.1 on Node 24 unless told another version, see install.ts), in its own user folder, listening on 127.0.0.1 only, with ports of its
 * own. Only the processes started here are ever stopped: `n8n start` runs in a process group of its own
 * (it starts a task runner), stopped by its pid with SIGTERM, then SIGKILL after a grace period.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

import type { N8nRuntime } from './install';
import { n8nBaseEnv, n8nRuntime } from './install';

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export const sleep = async (ms: number): Promise<void> => await new Promise((done) => setTimeout(done, ms));

/** Checks every `intervalMs` until `check` gives a value; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs: number, intervalMs = 1000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(intervalMs);
	}
}

/** the `n8n start` process groups still running, killed if this process exits without stopping them */
const running = new Set<number>();
process.once('exit', () => {
	for (const pid of running) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal); // the group this instance's `n8n start` leads: n8n and its task runner
	} catch {
		// already gone
	}
}

function tail(file: string, lines = 40): string {
	return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface N8nOptions {
	/** default: a new temp folder, removed by `dispose()` (kept when EXOCONNECT_E2E_KEEP=1) */
	userFolder?: string;
	port?: number;
	/** echo n8n's output (the playground does) */
	echo?: boolean;
	/** more environment for every n8n command of this instance (queue mode: database, Redis, encryption key) */
	env?: NodeJS.ProcessEnv;
	/** the n8n version to run (installed with ensureN8nVersion); default 2.41.1 */
	version?: string;
}

export class N8nInstance {
	private server: ChildProcess | undefined;
	/** the session cookie of the owner, once createOwner has run */
	private cookie: string | undefined;
	readonly logFile: string;

	private constructor(
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
		private readonly echo: boolean,
		private readonly temporary: boolean,
		readonly runtime: N8nRuntime,
		private readonly extraEnv: NodeJS.ProcessEnv = {},
	) {
		this.logFile = join(userFolder, 'n8n-server.log');
	}

	static async create(options: N8nOptions = {}): Promise<N8nInstance> {
		const userFolder = options.userFolder ?? mkdtempSync(join(os.tmpdir(), 'exoconnect-n8n-'));
		const port = options.port ?? (await freePort());
		const runtime = n8nRuntime(options.version);
		return new N8nInstance(userFolder, port, await freePort(), options.echo ?? false, !options.userFolder, runtime, options.env);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** whether `n8n start` (started here) is running */
	get running(): boolean {
		return this.server !== undefined;
	}

	env(): NodeJS.ProcessEnv {
		return {
			...n8nBaseEnv(this.runtime),
			...this.runtime.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			// n8n runs `npm outdated` for Settings › Community Nodes: offline, npm's retries would hold that page 70 s
			npm_config_fetch_retries: '0',
			npm_config_update_notifier: 'false',
			...this.extraEnv,
		};
	}

	/** Runs an n8n CLI command (import, execute, publish…) against this user folder. */
	async cli(args: string[], timeoutMs = 180_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
		const child = spawn(this.runtime.node, [this.runtime.bin, ...args], { env: { ...this.env(), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
		clearTimeout(timer);
		return { code, stdout, stderr };
	}

	private async cliOk(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
		return result;
	}

	/** Writes `content` to a file for an import command, removed afterwards (credentials are in clear). */
	private async importFile(command: string, content: object[]): Promise<void> {
		const file = join(this.userFolder, `${command.replace(':', '-')}-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(content));
		try {
			await this.cliOk([command, `--input=${file}`]);
		} finally {
			unlinkSync(file);
		}
	}

	/** Credentials with their data in clear (n8n encrypts them on import); an existing id is overwritten. */
	async importCredentials(credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<void> {
		await this.importFile('import:credentials', credentials);
	}

	/** Workflows as exported by n8n; an existing id is overwritten. */
	async importWorkflows(workflows: object[]): Promise<void> {
		await this.importFile('import:workflow', workflows);
	}

	/** Every workflow of this user folder as n8n exports it (`n8n export:workflow --all`): one command for all. */
	async exportWorkflows(): Promise<Array<Record<string, unknown> & { id: string; name?: string; active?: boolean }>> {
		const file = join(this.userFolder, `export-workflows-${Date.now()}.json`);
		try {
			await this.cliOk(['export:workflow', '--all', `--output=${file}`]);
			const exported = JSON.parse(readFileSync(file, 'utf8')) as unknown;
			return (Array.isArray(exported) ? exported : [exported]) as Array<Record<string, unknown> & { id: string }>;
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** The ids of the workflows in this user folder (`n8n list:workflow` prints `id|name` lines). */
	async workflowIds(): Promise<string[]> {
		const { stdout } = await this.cliOk(['list:workflow']);
		return stdout
			.split('\n')
			.map((line) => /^([A-Za-z0-9]+)\|/.exec(line.trim())?.[1])
			.filter((id): id is string => id !== undefined);
	}

	/** n8n 1.x activates with `update:workflow --active`, which 2.x deprecates for `publish:workflow` */
	private get hasPublish(): boolean {
		return Number(this.runtime.version.split('.')[0]) >= 2;
	}

	/** Activates a workflow; takes effect at the next start. */
	async publish(workflowId: string): Promise<void> {
		await this.cliOk(this.hasPublish ? ['publish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=true']);
	}

	async unpublish(workflowId: string): Promise<void> {
		await this.cliOk(this.hasPublish ? ['unpublish:workflow', `--id=${workflowId}`] : ['update:workflow', `--id=${workflowId}`, '--active=false']);
	}

	/** `n8n execute --id`: the run data on success, the printed error otherwise. */
	async execute(workflowId: string): Promise<{ ok: boolean; run?: ExecutionRun; output: string }> {
		// everything n8n prints, the run data included, goes to a log file of one JSON entry per line:
		// megabytes of run data can then not be interleaved with other log lines
		const logFile = join(this.userFolder, `execute-${workflowId}-${Date.now()}.log`);
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], 600_000, {
			N8N_LOG_OUTPUT: 'file',
			N8N_LOG_FILE_LOCATION: logFile,
		});
		const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
		const output = `${result.stdout}\n${result.stderr}\n${log}`;
		// the run data is the message of the command's own `log` entry
		const printed = log
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => {
				try {
					return JSON.parse(line) as { message?: string; metadata?: { function?: string } };
				} catch {
					return {};
				}
			})
			.find((entry) => entry.metadata?.function === 'log' && entry.message?.startsWith('{'));
		if (result.code !== 0 || !printed?.message) return { ok: false, output };
		return { ok: true, run: JSON.parse(printed.message) as ExecutionRun, output };
	}

	/** `n8n start`, until /healthz answers and the REST API is mounted (it comes a little later). */
	async start(timeoutMs = 180_000): Promise<void> {
		if (this.server) throw new Error('n8n is already running');
		const log = createWriteStream(this.logFile, { flags: 'a' });
		// a process group of its own: stop() reaches the task runner n8n starts, and Ctrl-C in the
		// playground's terminal reaches the playground only, which then stops n8n in order
		const child = spawn(this.runtime.node, [this.runtime.bin, 'start'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		this.server = child;
		if (child.pid) running.add(child.pid);
		child.once('exit', () => child.pid && running.delete(child.pid));
		for (const stream of [child.stdout, child.stderr]) {
			stream.pipe(log, { end: false });
			if (this.echo) stream.pipe(process.stdout, { end: false });
		}
		const answers = async (path: string) => await fetch(`${this.url}${path}`).then((r) => r.ok).catch(() => false);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				this.server = undefined;
				throw new Error(`n8n exited (${child.exitCode ?? child.signalCode}) while starting; end of ${this.logFile}:\n${tail(this.logFile)}`);
			}
			if ((await answers('/healthz')) && (await answers('/rest/settings'))) return;
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n did not answer on ${this.url} within ${timeoutMs / 1000} s; end of ${this.logFile}:\n${tail(this.logFile)}`);
	}

	/** Stops the n8n this instance started: SIGTERM (n8n shuts down cleanly), SIGKILL to its group after a grace period. */
	async stop(graceMs = 20_000): Promise<void> {
		const child = this.server;
		this.server = undefined;
		this.cookie = undefined;
		if (!child?.pid) return;
		const pid = child.pid;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((done) => child.once('exit', () => done()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
		// whatever n8n left behind in its group (a task runner that outlived it)
		killGroup(pid, 'SIGKILL');
		running.delete(pid);
	}

	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	/** Stops n8n and removes the user folder if this instance made it (EXOCONNECT_E2E_KEEP=1 keeps it, to read its logs). */
	async dispose(): Promise<void> {
		await this.stop();
		if (this.temporary && process.env.EXOCONNECT_E2E_KEEP !== '1') rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** The owner account, so the editor can be used; later REST calls are made as this owner. */
	async createOwner(owner: { email: string; firstName: string; lastName: string; password: string }): Promise<'created' | 'existed'> {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (response.ok) {
			this.cookie = response.headers.get('set-cookie')?.split(';')[0];
			return 'created';
		}
		// 400: the instance has an owner already (a reused playground folder)
		if (response.status === 400) {
			await this.signIn(owner.email, owner.password).catch(() => undefined);
			return 'existed';
		}
		throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
	}

	async signIn(email: string, password: string): Promise<void> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
		this.cookie = response.headers.get('set-cookie')?.split(';')[0];
	}

	/** A GET (or, with a body, a POST) on n8n's REST API as the signed-in owner, as the editor calls it; the `data` of its answer. */
	async rest<T>(path: string, body?: object): Promise<T> {
		const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
		const init = body === undefined ? { headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
		const response = await fetch(`${this.url}/rest${path}`, init);
		if (!response.ok) throw new Error(`${init.method ?? 'GET'} /rest${path}: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	}
}

export interface ExecutionRun {
	data: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message: string } }>>;
			error?: { message: string; description?: string };
		};
	};
}

/** The items a node output in a run. */
export function nodeOutput(run: ExecutionRun | undefined, nodeName: string): Array<Record<string, unknown>> {
	const runs = run?.data.resultData.runData[nodeName] ?? [];
	return runs.flatMap((r) => r.data?.main[0] ?? []).map((item) => item.json);
}
