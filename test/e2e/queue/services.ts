/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test tooling: starts PostgreSQL and Redis as child processes in temp folders */
/**
 * PostgreSQL 15 and Redis from Debian's packages, for the queue-mode suite: each started here on a free port
 * of 127.0.0.1 with its data in a temp folder, and stopped by its pid (nothing else on the machine is touched).
 * PostgreSQL refuses to run as root: as root it runs as the `postgres` user (created when missing).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

import { freePort, sleep } from '../n8n';

/** Debian's PostgreSQL binaries: 15 on this project's machines, the newest installed elsewhere */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
	const found = ['15', ...versions].find((v) => existsSync(join(root, v, 'bin', 'postgres')));
	return join(root, found ?? '15', 'bin');
}

const PG_BIN = process.env.EXOCONNECT_PG_BIN ?? postgresBin();
export const PG_USER = 'n8n';
export const PG_DATABASE = 'n8n';

/** pids of the services started here, killed if this process exits without stopping them */
const started = new Set<number>();
process.once('exit', () => {
	for (const pid of started) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

export interface Service {
	port: number;
	pid: number;
	dir: string;
	logFile: string;
	stop(): Promise<void>;
}

const tail = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '');

/** a process started here, logging to a file; `stop` signals its pid and waits for it to exit */
function launch(file: string, args: string[], logFile: string, owner?: { uid: number; gid: number }): ChildProcess {
	const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
	const log = createWriteStream(logFile, { flags: 'a' });
	child.stdout?.pipe(log, { end: false });
	child.stderr?.pipe(log, { end: false });
	if (child.pid) started.add(child.pid);
	return child;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 20_000): Promise<void> {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	started.delete(child.pid);
}

async function waitUntil(what: string, child: ChildProcess, logFile: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited while starting; end of ${logFile}:\n${tail(logFile)}`);
		if (await ready()) return;
		await sleep(250);
	}
	await stopChild(child, 'SIGKILL');
	throw new Error(`${what} did not start within ${timeoutMs / 1000} s; end of ${logFile}:\n${tail(logFile)}`);
}

/** a started service; `stop` signals its pid, then removes its folder (EXOCONNECT_E2E_KEEP=1 keeps it) */
function service(child: ChildProcess, port: number, dir: string, logFile: string, signal: NodeJS.Signals): Service {
	return {
		port,
		pid: child.pid!,
		dir,
		logFile,
		stop: async () => {
			await stopChild(child, signal);
			if (process.env.EXOCONNECT_E2E_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The account PostgreSQL runs as: none (this user) unless this is root, then `postgres`, created if missing. */
function postgresOwner(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	try {
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
		return { uid: id('-u'), gid: id('-g') };
	}
}

/** PostgreSQL 15 with a database `n8n` owned by the user `n8n` (trust authentication on 127.0.0.1 only). */
export async function startPostgres(): Promise<Service> {
	if (!existsSync(join(PG_BIN, 'postgres'))) {
		throw new Error(`PostgreSQL is not installed (no ${PG_BIN}/postgres): apt-get install -y postgresql, or set EXOCONNECT_PG_BIN`);
	}
	const owner = postgresOwner();
	const dir = mkdtempSync(join(os.tmpdir(), 'exoconnect-pg-'));
	if (owner) chownSync(dir, owner.uid, owner.gid);
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	execFileSync(join(PG_BIN, 'initdb'), ['-D', data, '-U', PG_USER, '--auth=trust', '-E', 'UTF8', '--locale=C'], {
		stdio: 'ignore',
		...(owner ?? {}),
	});
	const port = await freePort();
	// a throwaway database: durability settings off, as fast as it can be
	const child = launch(
		join(PG_BIN, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
		logFile,
		owner,
	);
	const answers = async () => {
		try {
			execFileSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	};
	await waitUntil('PostgreSQL', child, logFile, answers);
	execFileSync(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, PG_DATABASE]);
	return service(child, port, dir, logFile, 'SIGINT'); // SIGINT: PostgreSQL's fast shutdown
}

/** One SQL statement through psql; its rows, one a line, columns separated by `|`. */
export function sql(postgres: Service, statement: string): string[] {
	const out = execFileSync(join(PG_BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', PG_USER, '-d', PG_DATABASE, '-At', '-c', statement], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	return out.split('\n').filter((line) => line !== '');
}

async function redisAnswers(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(2000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

/** Redis with nothing saved to disk. */
export async function startRedis(): Promise<Service> {
	let redisServer: string;
	try {
		redisServer = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('redis-server is not installed: apt-get install -y redis-server (Debian), then run the suite again');
	}
	const dir = mkdtempSync(join(os.tmpdir(), 'exoconnect-redis-'));
	const logFile = join(dir, 'redis.log');
	const port = await freePort();
	const child = launch(
		redisServer,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
		logFile,
	);
	await waitUntil('Redis', child, logFile, async () => await redisAnswers(port));
	return service(child, port, dir, logFile, 'SIGTERM');
}
