/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: unpacks the package and runs Node in a child process */
/**
 * zod is not a dependency of the package: the built node requires `zod/v3` and gets n8n's own copy. n8n
 * makes that possible by putting its own module paths on NODE_PATH before it loads community nodes
 * (LoadNodesAndCredentials.init). These tests load the packed package, unpacked outside the repository so
 * that the repository's zod is out of reach, in the Node that runs n8n, the way n8n resolves modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, sep } from 'node:path';

import { ensureN8n, n8nBin, node24, packPackage, removePackedPackage } from './install';

/** n8n's node_modules: the binary is `<node_modules>/n8n/bin/n8n` */
const n8nModules = dirname(dirname(dirname(n8nBin)));
const repoRoot = join(__dirname, '..', '..');

/**
 * Run in the child. Mode `none`: Node's own resolution only; `n8n`: n8n's module paths on NODE_PATH, as n8n
 * sets them; any other value: that node_modules folder first, then n8n's paths. Loads the built schemas,
 * validates a bad quote with them, then loads every node and credential of the package. Prints what it got
 * and which zod the schemas loaded.
 */
const LOADER = `
	const Module = require('node:module');
	const path = require('node:path');
	const [packageDir, n8nModules, mode] = process.argv.slice(1);
	if (mode !== 'none') {
		const n8nPaths = Module._nodeModulePaths(path.join(n8nModules, 'n8n', 'dist'));
		process.env.NODE_PATH = (mode === 'n8n' ? n8nPaths : [mode, ...n8nPaths]).join(path.delimiter);
		Module._initPaths();
	}
	try {
		const code = path.join(packageDir, 'dist', 'nodes', 'ExoConnect');
		const schemas = require(path.join(code, 'schemas.js'));
		const { resourceByKey } = require(path.join(code, 'catalog', 'index.js'));
		const bad = { details: [{ sku: 'WIDGET-001', ordered_qty: 'two' }, { description: 'x'.repeat(91) }] };
		const result = schemas.validate(schemas.createSchema(resourceByKey('quotes')), bad);
		// the zod the schemas loaded (n8n-workflow, loaded with the nodes below, brings its own)
		const zodFiles = Object.keys(require.cache).filter((file) => file.split(path.sep).includes('zod'));
		const manifest = require(path.join(packageDir, 'package.json'));
		const displayNames = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => {
			const exported = Object.values(require(path.join(packageDir, file))).find((v) => typeof v === 'function');
			const instance = new exported();
			return (instance.description ?? instance).displayName;
		});
		const zodManifest = Module.createRequire(path.join(code, 'schemas.js')).resolve('zod/package.json');
		console.log(JSON.stringify({ displayNames, result, zodFiles, zodVersion: require(zodManifest).version }));
	} catch (error) {
		console.log(JSON.stringify({ error: error.code ?? 'ERROR', message: error.message.split('\\n')[0] }));
	}
`;

interface LoaderReport {
	error?: string;
	message?: string;
	displayNames?: string[];
	result?: { ok: boolean; problems?: Array<{ path: Array<string | number>; message: string }> };
	zodFiles?: string[];
	zodVersion?: string;
}

let tarball: string;
let installRoot: string;
let packageDir: string;

/** `mode`: see LOADER */
function load(mode: string): LoaderReport {
	const out = execFileSync(node24, ['-e', LOADER, packageDir, n8nModules, mode], {
		cwd: installRoot,
		env: { PATH: process.env.PATH ?? '' },
		encoding: 'utf8',
		timeout: 60_000,
	});
	return JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoaderReport;
}

beforeAll(() => {
	ensureN8n();
	tarball = packPackage();
	// laid out as n8n's Community Nodes screen leaves it: <folder>/node_modules/<package>, no dependencies
	installRoot = mkdtempSync(join(os.tmpdir(), 'exoconnect-zod-'));
	packageDir = join(installRoot, 'node_modules', 'n8n-nodes-exoconnect');
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
}, 30 * 60 * 1000);

afterAll(() => {
	if (installRoot) rmSync(installRoot, { recursive: true, force: true });
	removePackedPackage(tarball);
});

/** the version of the package in `dir`, if there is one */
function versionIn(dir: string): string | undefined {
	const manifest = join(dir, 'package.json');
	return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
}

/** A zod 4 nested in n8n's install (n8n 2.41 ships one for @modelcontextprotocol): the node_modules folder holding it. */
function zod4Folder(): string {
	const packages = readdirSync(n8nModules)
		.filter((name) => !name.startsWith('.'))
		.flatMap((name) => (name.startsWith('@') ? readdirSync(join(n8nModules, name)).map((sub) => join(n8nModules, name, sub)) : [join(n8nModules, name)]));
	const folder = packages.map((dir) => join(dir, 'node_modules')).find((dir) => versionIn(join(dir, 'zod'))?.startsWith('4.'));
	if (!folder) throw new Error(`no zod 4 in ${n8nModules} to check the node against`);
	return folder;
}

/** what the built schemas answer for the bad quote of LOADER: the node's own words, field by field */
const OWN_MESSAGES = {
	ok: false,
	problems: [
		{ path: ['customer_code'], message: 'is required' },
		{ path: ['details', 0, 'ordered_qty'], message: 'must be a number' },
		{ path: ['details', 1, 'description'], message: 'must be at most 90 characters' },
	],
};

describe("the built package with n8n's zod", () => {
	it("ships no zod of its own: without n8n's module paths, zod/v3 is not found", () => {
		expect(load('none')).toEqual({ error: 'MODULE_NOT_FOUND', message: expect.stringContaining("'zod/v3'") });
	});

	it("loads every node and the credential, with zod from n8n's node_modules and none from the repository", () => {
		const report = load('n8n');
		expect(report.error).toBeUndefined();
		expect(report.displayNames).toEqual(['ExoConnect', 'ExoConnect Trigger', 'ExoConnect API']);
		expect(report.zodFiles?.length).toBeGreaterThan(0);
		for (const file of report.zodFiles ?? []) {
			expect(file.startsWith(n8nModules + sep)).toBe(true);
			expect(file.startsWith(repoRoot + sep)).toBe(false);
		}
		// n8n 1.123 and 2.41 ship 3.25; `zod/v3` exists from 3.25 on
		expect(report.zodVersion).toMatch(/^3\.25\./);
	});

	it("validates with n8n's zod exactly as with ours: the node's own messages, field by field", () => {
		expect(load('n8n').result).toEqual(OWN_MESSAGES);
	});

	it('keeps the same messages with zod 4 (the next zod n8n may ship), through zod 4\'s zod/v3', () => {
		const folder = zod4Folder();
		const report = load(folder);
		expect(report.zodVersion).toMatch(/^4\./);
		expect(report.zodFiles?.every((file) => file.startsWith(join(folder, 'zod') + sep))).toBe(true);
		expect(report.displayNames).toEqual(['ExoConnect', 'ExoConnect Trigger', 'ExoConnect API']);
		expect(report.result).toEqual(OWN_MESSAGES);
	});
});
