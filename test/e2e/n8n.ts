/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs a real n8n as a child process with its own user folder and ports */
/**
 * A real n8n 2.41.1 on Node 24, in its own user folder, listening on 127.0.0.1 only, with ports of its
 * own. Only the processes started here are ever stopped, by pid.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

import { n8nBin, node24, node24Dir } from './install';

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

const sleep = async (ms: number) => await new Promise((done) => setTimeout(done, ms));

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface N8nOptions {
	userFolder?: string;
	port?: number;
	/** echo n8n's output (the playground does) */
	echo?: boolean;
}

export class N8nInstance {
	private server: ChildProcess | undefined;
	readonly logFile: string;

	private constructor(
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
		private readonly echo: boolean,
	) {
		this.logFile = join(userFolder, 'n8n-server.log');
	}

	static async create(options: N8nOptions = {}): Promise<N8nInstance> {
		const userFolder = options.userFolder ?? mkdtempSync(join(os.tmpdir(), 'exoconnect-n8n-'));
		return new N8nInstance(userFolder, options.port ?? (await freePort()), await freePort(), options.echo ?? false);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number | undefined {
		return this.server?.pid;
	}

	env(): NodeJS.ProcessEnv {
		return {
			PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TMPDIR: process.env.TMPDIR,
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
			NO_PROXY: '127.0.0.1,localhost',
		};
	}

	/** Runs an n8n CLI command (import, execute, publish…) against this user folder. */
	async cli(args: string[], timeoutMs = 180_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
		const child = spawn(node24, [n8nBin, ...args], { env: { ...this.env(), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
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

	/** Credentials with their data in clear: n8n encrypts them on import. */
	async importCredentials(credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>): Promise<void> {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cliOk(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows: object[]): Promise<void> {
		const file = join(this.userFolder, `workflows-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflows));
		await this.cliOk(['import:workflow', `--input=${file}`]);
	}

	async publish(workflowId: string): Promise<void> {
		await this.cliOk(['publish:workflow', `--id=${workflowId}`]);
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
			.map((line) => JSON.parse(line) as { message?: string; metadata?: { function?: string } })
			.find((entry) => entry.metadata?.function === 'log' && entry.message?.startsWith('{'));
		if (result.code !== 0 || !printed?.message) return { ok: false, output };
		return { ok: true, run: JSON.parse(printed.message) as ExecutionRun, output };
	}

	/** `n8n start`, until /healthz answers. */
	async start(timeoutMs = 180_000): Promise<void> {
		if (this.server) throw new Error('n8n is already running');
		const log = createWriteStream(this.logFile, { flags: 'a' });
		const child = spawn(node24, [n8nBin, 'start'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.server = child;
		for (const stream of [child.stdout, child.stderr]) {
			stream.pipe(log, { end: false });
			if (this.echo) stream.pipe(process.stdout, { end: false });
		}
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}; see ${this.logFile}`);
			const healthy = await fetch(`${this.url}/healthz`).then((r) => r.ok).catch(() => false);
			if (healthy) return;
			await sleep(500);
		}
		await this.stop();
		throw new Error(`n8n did not answer on ${this.url} within ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	/** Stops the n8n this instance started (SIGTERM, then SIGKILL after a grace period). */
	async stop(graceMs = 20_000): Promise<void> {
		const child = this.server;
		this.server = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
	}

	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	/** The owner account, so the editor can be used (the playground). */
	async createOwner(owner: { email: string; firstName: string; lastName: string; password: string }): Promise<void> {
		// /healthz answers before the REST routes are mounted: retry while they are not there yet
		for (let attempt = 0; ; attempt++) {
			const response = await fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(owner),
			});
			// 400: an owner exists already (a reused playground folder)
			if (response.ok || response.status === 400) return;
			if (response.status !== 404 || attempt >= 60) {
				throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
			}
			await sleep(1000);
		}
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
