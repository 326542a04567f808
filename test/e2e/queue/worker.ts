/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs `n8n worker` as a child process */
/**
 * One `n8n worker` of n8n 2.41.1 on Node 24, with a user folder of its own (as on a machine of its own) and
 * its health server on a free port of 127.0.0.1: ready when `/healthz/readiness` answers 200 (database
 * migrated, Redis connected). It runs in a process group of its own (it starts a task runner); `kill`
 * signals that group by the worker's pid, nothing else.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { n8nBin, node24 } from '../install';
import { freePort, sleep } from '../n8n';

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-40).join('\n') : '');

const running = new Set<number>();
process.once('exit', () => {
	for (const pid of running) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

export class N8nWorker {
	private constructor(
		readonly name: string,
		readonly userFolder: string,
		readonly logFile: string,
		private readonly child: ChildProcess,
	) {}

	get pid(): number {
		return this.child.pid!;
	}

	/** the worker's log so far (n8n logs `Worker started execution <id>` for each job it takes) */
	log(): string {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/**
	 * Starts `n8n worker` with `env` (the instance's database, Redis and encryption key) in `userFolder`,
	 * and waits until it is ready to take jobs.
	 */
	static async start(name: string, userFolder: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<N8nWorker> {
		const healthPort = await freePort();
		const logFile = join(userFolder, `n8n-${name}.log`);
		const child = spawn(node24, [n8nBin, 'worker', '--concurrency=5'], {
			env: {
				...env,
				N8N_USER_FOLDER: userFolder,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		if (child.pid) running.add(child.pid);
		child.once('exit', () => child.pid && running.delete(child.pid));
		const log = createWriteStream(logFile, { flags: 'a' });
		child.stdout?.pipe(log, { end: false });
		child.stderr?.pipe(log, { end: false });
		const worker = new N8nWorker(name, userFolder, logFile, child);
		const ready = async () => await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).then((r) => r.ok).catch(() => false);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(`n8n worker ${name} exited (${child.exitCode ?? child.signalCode}) while starting; end of ${logFile}:\n${tail(logFile)}`);
			}
			if (await ready()) return worker;
			await sleep(500);
		}
		await worker.kill('SIGKILL');
		throw new Error(`n8n worker ${name} was not ready within ${timeoutMs / 1000} s; end of ${logFile}:\n${tail(logFile)}`);
	}

	/** SIGKILL: the worker dies at once, as on a crashed machine; SIGTERM: n8n's graceful shutdown. */
	async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM', graceMs = 30_000): Promise<void> {
		const { child } = this;
		if (!child.pid) return;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((done) => child.once('exit', () => done()));
			if (signal === 'SIGKILL') killGroup(child.pid, 'SIGKILL');
			else child.kill('SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
		killGroup(child.pid, 'SIGKILL'); // a task runner left behind
		running.delete(child.pid);
	}
}
