/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test tooling: installs Node 24 and n8n with npm (child processes), packs this package, writes a user folder, prints progress */
/**
 * What a real n8n needs here, prepared once per n8n version and cached outside the repository, each version
 * in a folder of its own (`n8n-<version>`): n8n 2.x runs on Node 24, taken from the npm registry unless the
 * running Node is 24 (see platform.ts); n8n 1.123 runs on the running Node (20.19 to 24). n8n is installed
 * without scripts and its native modules are rebuilt against the Node that runs it. Then this package is
 * packed and installed in a user folder the way n8n's Community Nodes screen does it.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';

import { node24Packages, pickNode24 } from './platform';

/** the n8n of the playground, and the newest the suite runs on */
export const N8N_VERSION = '2.41.1';
/** the n8n 1.x line still maintained: the oldest n8n the package supports */
export const N8N_1_VERSION = '1.123.81';
/** every n8n the end-to-end suite runs on, oldest first */
export const E2E_N8N_VERSIONS: readonly string[] = [N8N_1_VERSION, N8N_VERSION];

interface VersionSpec {
	/** `node24`: Node 24 (n8n 2.x requires it); `running`: the Node running this process */
	node: 'node24' | 'running';
	/** the native modules npm must rebuild for that Node */
	natives: string[];
	/** a native module that needs a newer Node than the one running: skipped there, with the settings that do without it */
	newerNode?: { native: string; major: number; env: Record<string, string> };
	/** npm overrides in the install folder */
	overrides?: Record<string, string>;
	/** what its first install takes, measured on a 2-core Linux machine with empty caches (the README says the same) */
	firstInstall: string;
}

const VERSIONS: Record<string, VersionSpec> = {
	[N8N_VERSION]: { node: 'node24', natives: ['sqlite3', 'isolated-vm'], firstInstall: 'up to 15 minutes and 3.5 GB' },
	// n8n-nodes-base 1.x asks for xlsx as a tarball from cdn.sheetjs.com, outside the registry: the registry's
	// last xlsx serves the same spreadsheet nodes. Its default `vm` expression engine needs isolated-vm 6,
	// which neither builds nor ships a build for Node 20: there n8n runs its `legacy` engine (its own setting).
	[N8N_1_VERSION]: {
		node: 'running',
		natives: ['sqlite3', 'isolated-vm'],
		newerNode: { native: 'isolated-vm', major: 22, env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
		overrides: { xlsx: '0.18.5' },
		firstInstall: 'up to 13 minutes and 2.5 GB',
	},
};

/** `EXOCONNECT_E2E_CACHE` moves the cache (about 3 GB a version) elsewhere */
export const cacheDir = process.env.EXOCONNECT_E2E_CACHE ?? join(os.homedir(), '.cache', 'exoconnect-e2e');

const node24Choice = pickNode24({ version: process.version, execPath: process.execPath, platform: process.platform, arch: process.arch });
/** the registry package for this machine; on an emulated fallback it is installed under the machine's own name */
const node24Package = node24Choice.kind === 'registry' ? node24Choice.candidates[0] : undefined;
/** where Node 24's headers are (its prefix), for native builds */
export const node24Dir =
	node24Choice.kind === 'running' ? dirname(dirname(process.execPath)) : join(cacheDir, 'node24', 'node_modules', node24Package!.name);
export const node24 = node24Choice.kind === 'running' ? node24Choice.binary : join(node24Dir, node24Package!.binary);

/** One n8n version on this machine: the Node that runs it and where it is installed. */
export interface N8nRuntime {
	version: string;
	/** the Node binary that runs this n8n */
	node: string;
	/** that Node's prefix: its headers for native builds are in `include/node` */
	nodeDir: string;
	/** the install folder, `n8n-<version>` in the cache */
	dir: string;
	modules: string;
	bin: string;
	natives: string[];
	overrides?: Record<string, string>;
	firstInstall: string;
	/** n8n settings this runtime needs (N8N_EXPRESSION_ENGINE=legacy where isolated-vm cannot run) */
	env: Record<string, string>;
}

export function n8nRuntime(version: string = N8N_VERSION): N8nRuntime {
	const spec = VERSIONS[version];
	if (!spec) throw new Error(`n8n ${version} is not one the suite knows (${Object.keys(VERSIONS).join(', ')})`);
	const dir = join(cacheDir, `n8n-${version}`);
	const modules = join(dir, 'node_modules');
	const node = spec.node === 'node24' ? node24 : process.execPath;
	const nodeDir = spec.node === 'node24' ? node24Dir : dirname(dirname(process.execPath));
	const nodeMajor = spec.node === 'node24' ? 24 : Number(process.versions.node.split('.')[0]);
	const without = spec.newerNode && nodeMajor < spec.newerNode.major ? spec.newerNode : undefined;
	const natives = spec.natives.filter((name) => name !== without?.native);
	const bin = join(modules, 'n8n', 'bin', 'n8n');
	return { ...spec, version, node, nodeDir, dir, modules, bin, natives, env: without?.env ?? {} };
}

/** the playground's n8n (2.41.1) */
export const n8nBin = n8nRuntime().bin;
const repoRoot = join(__dirname, '..', '..');
const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

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

/** PATH with the runtime's Node first (n8n starts a task runner with `node`; npm builds with it) */
const pathWith = (node: string) => `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`;

/**
 * The runtime's Node first on PATH and its headers for native modules. A Node without headers in its
 * prefix (a Windows install) leaves node-gyp to download them.
 */
const buildEnv = (runtime: N8nRuntime): NodeJS.ProcessEnv => ({
	...npmEnv(),
	PATH: pathWith(runtime.node),
	...(existsSync(join(runtime.nodeDir, 'include', 'node', 'common.gypi')) ? { npm_config_nodedir: runtime.nodeDir } : {}),
});

/** Runs npm with its output in a log file; a failure shows the end of that log. */
function npm(args: string[], cwd: string, logFile: string, env: NodeJS.ProcessEnv = npmEnv()): void {
	const fd = openSync(logFile, 'a');
	let failure: string | undefined;
	try {
		execFileSync(npmCommand, args, { cwd, env, stdio: ['ignore', fd, fd], shell: process.platform === 'win32' });
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

/** n8n 1.123 declares Node >=20.19 <=24.x */
function checkRunningNodeFor(version: string): void {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 19) || major > 24) {
		throw new Error(`n8n ${version} runs on Node 20.19 to 24; this is Node ${process.versions.node}: run the suite with such a Node`);
	}
}

/** n8n starts, and its native modules (SQLite, the code sandbox) load in the Node that runs it */
function n8nRuns(runtime: N8nRuntime): boolean {
	const natives = runtime.natives.map((name) => `require(${JSON.stringify(join(runtime.modules, name))});`).join(' ');
	return runs(runtime.node, [runtime.bin, '--version'], runtime.version) && runs(runtime.node, ['-e', `${natives} console.log('natives ok')`], 'natives ok');
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

/**
 * One installer of a thing at a time: the suite, the playground and the benchmarks may start together on a
 * fresh machine. `name` is the lock's own (Node 24, or one n8n version).
 */
function withInstallLock<T>(name: string, work: () => T): T {
	mkdirSync(cacheDir, { recursive: true });
	const lockDir = join(cacheDir, name);
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
			if (waited % 30 === 0) progress(`waiting for another install (${name}, pid ${pid}) to finish …`);
			sleepSync(2000);
		}
	}
	try {
		return work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Node 24 from the npm registry, unless the running Node is 24. */
function ensureNode24(): void {
	if (node24Runs()) return;
	withInstallLock('.install-lock', () => {
		if (node24Runs()) return;
		const dir = join(cacheDir, 'node24');
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'exoconnect-e2e-node24', private: true }));
		const [own, ...fallbacks] = node24Packages(process.platform, process.arch);
		for (const candidate of [own, ...fallbacks]) {
			// a fallback (x64 on an arm64 Mac or Windows) goes under the machine's own name, where node24 points
			const spec = candidate === own ? `${own.name}@24` : `${own.name}@npm:${candidate.name}@24`;
			progress(`installing Node 24 (${spec}) from the npm registry …`);
			try {
				// --force: npm otherwise refuses an x64 package on an arm64 machine
				npm(['install', '--no-save', '--ignore-scripts', '--force', spec], dir, join(dir, 'install.log'));
				if (node24Runs()) return;
			} catch (error) {
				progress(`${spec}: ${(error as Error).message.split('\n')[0]}`);
			}
		}
		throw new Error(`No Node 24 from the npm registry runs here (${node24}); run with Node 24 instead. npm's log: ${join(dir, 'install.log')}`);
	});
}

/**
 * n8n `version` and the Node that runs it, from the cache or installed now (minutes and about 3 GB the first
 * time). A cache is used only when its marker says the install and rebuild completed and n8n really runs.
 */
export function ensureN8nVersion(version: string): N8nRuntime {
	const runtime = n8nRuntime(version);
	const spec = VERSIONS[version];
	if (spec.node === 'running') checkRunningNodeFor(version);
	/** written only after a complete install and rebuild */
	const readyMarker = join(runtime.dir, `.ready-${version}`);
	const ready = () => existsSync(readyMarker) && (spec.node === 'running' || node24Runs()) && n8nRuns(runtime);
	if (ready()) return runtime;
	if (spec.node === 'node24') ensureNode24();
	withInstallLock(`.install-lock-n8n-${version}`, () => {
		if (ready()) return; // another process just finished
		rmSync(readyMarker, { force: true });
		progress(`preparing a real n8n ${version} in ${runtime.dir} (once; the first time takes ${spec.firstInstall})`);
		mkdirSync(runtime.dir, { recursive: true });
		// n8n as the folder's own dependency, with the version's overrides beside it
		const manifest = { name: `exoconnect-e2e-n8n-${version}`, private: true, dependencies: { n8n: version }, overrides: runtime.overrides };
		writeFileSync(join(runtime.dir, 'package.json'), JSON.stringify(manifest, null, 2));
		const installLog = join(runtime.dir, 'install.log');
		progress(`installing n8n@${version} without its install scripts (npm's log: ${installLog}) …`);
		npm(['install', '--ignore-scripts'], runtime.dir, installLog);
		const rebuildLog = join(runtime.dir, 'rebuild.log');
		progress(`building n8n's native modules (${runtime.natives.join(', ')}) for ${runtime.node} (log: ${rebuildLog}) …`);
		npm(['rebuild', '--ignore-scripts=false', ...runtime.natives], runtime.dir, rebuildLog, buildEnv(runtime));
		if (!n8nRuns(runtime)) throw new Error(`n8n@${version} was installed in ${runtime.dir} but does not run with ${runtime.node}`);
		writeFileSync(readyMarker, new Date().toISOString());
		progress(`n8n ${version} is ready and cached`);
	});
	return runtime;
}

/** Node 24 and n8n 2.41.1 (the playground's), from the cache or installed now. */
export function ensureN8n(): void {
	ensureN8nVersion(N8N_VERSION);
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

/**
 * The README's command for a user without the registry (Installation › From a packed tarball), run in the
 * tarball's folder: `npm install --prefix ~/.n8n/nodes --omit=peer --legacy-peer-deps ./n8n-nodes-exoconnect-<version>.tgz`.
 * `--omit=peer` leaves n8n-workflow out (n8n provides it); `--legacy-peer-deps` stops npm asking the registry
 * about that peer at all, which it does even when told to omit it. test/unit/readmeInstall.test.ts checks that
 * both READMEs print exactly these arguments.
 */
export const tarballInstallArgs = (nodesDir: string, tarballSpec: string): string[] => ['install', '--prefix', nodesDir, '--omit=peer', '--legacy-peer-deps', tarballSpec];

/**
 * Installs the packed tarball in a user folder with the README's command, offline and with an empty npm
 * cache, so that it is shown to need no registry. Returns the nodes folder (n8n loads the package from its
 * node_modules at startup).
 */
export function installAsReadmeSays(userFolder: string, tarball: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const emptyCache = mkdtempSync(join(os.tmpdir(), 'exoconnect-npm-cache-'));
	try {
		npm(tarballInstallArgs(nodesDir, `./${basename(tarball)}`), dirname(tarball), join(nodesDir, 'npm-install.log'), {
			...npmEnv(),
			npm_config_offline: 'true',
			npm_config_cache: emptyCache,
		});
	} finally {
		rmSync(emptyCache, { recursive: true, force: true });
	}
	return nodesDir;
}

/** what n8n keeps from this process's environment: the machine's proxy and certificate settings (n8n runs npm) */
const PASSED_THROUGH = /^(https?_proxy|all_proxy|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|HOME|TMPDIR|USER|LOGNAME|LANG|LC_ALL|TZ)$/i;

/**
 * The base environment of every n8n process: the Node that runs it first on PATH and only the variables
 * above. Nothing else leaks in: jest's NODE_ENV=test stops n8n from loading nodes, npm's `npm_config_*` or
 * a developer's own N8N_* or DB_* settings would change the instance.
 */
export function n8nBaseEnv(runtime: N8nRuntime = n8nRuntime()): NodeJS.ProcessEnv {
	const kept = Object.fromEntries(Object.entries(process.env).filter(([name]) => PASSED_THROUGH.test(name)));
	const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, '127.0.0.1,localhost'].filter(Boolean).join(',');
	return { ...kept, PATH: pathWith(runtime.node), NO_PROXY: noProxy, no_proxy: noProxy };
}

/** The environment of an n8n command run outside an instance (no ports, no telemetry). */
function cliEnv(userFolder: string, runtime: N8nRuntime): NodeJS.ProcessEnv {
	return {
		...n8nBaseEnv(runtime),
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	};
}

/**
 * Records the package in n8n's database as the Community Nodes screen does after an install
 * (InstalledPackagesRepository.persistPackageWithNodes): one `installed_packages` row and one
 * `installed_nodes` row per node, so Settings › Community Nodes lists it. Runs in the runtime's Node with
 * n8n's own sqlite3 and n8n-workflow (the node files are loaded to read their display names and versions).
 */
function recordInstalledPackage(userFolder: string, packageDir: string, runtime: N8nRuntime): void {
	const database = join(userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(database)) {
		// any n8n command creates the database and runs the migrations
		execFileSync(runtime.node, [runtime.bin, 'list:workflow'], { env: cliEnv(userFolder, runtime), stdio: 'ignore', timeout: 180_000 });
	}
	const script = `
		const path = require('node:path');
		const sqlite3 = require(${JSON.stringify(join(runtime.modules, 'sqlite3'))});
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
	execFileSync(runtime.node, ['-e', script, packageDir, database], {
		env: { ...cliEnv(userFolder, runtime), NODE_PATH: runtime.modules },
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
 * `n8n-nodes-*` folder of `.n8n/nodes/node_modules` (the database rows are what the settings screen lists); n8n
 * 1.123's screen ends with the same folders and rows.
 */
export function installCommunityPackage(
	userFolder: string,
	tarball: string,
	runtime: N8nRuntime = n8nRuntime(),
): { name: string; version: string; directory: string } {
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
	recordInstalledPackage(userFolder, packageDir, runtime);
	return { name: manifest.name, version: manifest.version, directory: packageDir };
}
