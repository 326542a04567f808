/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: unpacks the package and runs Node in a child process */
/**
 * zod is not a dependency of the package: the built node requires `zod/v3` and gets n8n's own copy. n8n
 * makes that possible by putting its own module paths on NODE_PATH before it loads community nodes
 * (LoadNodesAndCredentials.init). These tests load the packed package, unpacked outside the repository so
 * that the repository's zod is out of reach, in the Node that runs n8n, the way n8n resolves modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, sep } from 'node:path';

import { ensureN8n, n8nBin, node24, packPackage, removePackedPackage } from './install';

/** n8n's node_modules: the binary is `<node_modules>/n8n/bin/n8n` */
const n8nModules = dirname(dirname(dirname(n8nBin)));
const repoRoot = join(__dirname, '..', '..');

/**
 * Run in the child: optionally gives it n8n's module paths as n8n does, loads every node and credential of
 * the package and validates a bad quote with the built schemas. Prints what it loaded and where zod came from.
 */
const LOADER = `
	const Module = require('node:module');
	const path = require('node:path');
	const [packageDir, n8nModules, withN8nPaths] = process.argv.slice(1);
	if (withN8nPaths === 'yes') {
		process.env.NODE_PATH = Module._nodeModulePaths(path.join(n8nModules, 'n8n', 'dist')).join(path.delimiter);
		Module._initPaths();
	}
	try {
		const manifest = require(path.join(packageDir, 'package.json'));
		const displayNames = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((file) => {
			const exported = Object.values(require(path.join(packageDir, file))).find((v) => typeof v === 'function');
			const instance = new exported();
			return (instance.description ?? instance).displayName;
		});
		const code = path.join(packageDir, 'dist', 'nodes', 'ExoConnect');
		const schemas = require(path.join(code, 'schemas.js'));
		const { resourceByKey } = require(path.join(code, 'catalog.js'));
		const bad = { details: [{ sku: 'WIDGET-001', ordered_qty: 'two' }, { description: 'x'.repeat(91) }] };
		const result = schemas.validate(schemas.createSchema(resourceByKey('quotes')), bad);
		const zodFiles = Object.keys(require.cache).filter((file) => file.split(path.sep).includes('zod'));
		const zodManifest = Module.createRequire(path.join(code, 'schemas.js')).resolve('zod/package.json');
		console.log(JSON.stringify({ displayNames, result, zodFiles, zodVersion: require(zodManifest).version }));
	} catch (error) {
		console.log(JSON.stringify({ error: error.code ?? error.message }));
	}
`;

interface LoaderReport {
	error?: string;
	displayNames?: string[];
	result?: { ok: boolean; problems?: Array<{ path: Array<string | number>; message: string }> };
	zodFiles?: string[];
	zodVersion?: string;
}

let tarball: string;
let installRoot: string;
let packageDir: string;

function load(withN8nPaths: boolean): LoaderReport {
	const out = execFileSync(node24, ['-e', LOADER, packageDir, n8nModules, withN8nPaths ? 'yes' : 'no'], {
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

describe("the built package with n8n's zod", () => {
	it('ships no zod of its own: without n8n\'s module paths it cannot load', () => {
		expect(load(false)).toEqual({ error: 'MODULE_NOT_FOUND' });
	});

	it("loads every node and the credential, with zod from n8n's node_modules and none from the repository", () => {
		const report = load(true);
		expect(report.error).toBeUndefined();
		expect(report.displayNames).toEqual(['ExoConnect', 'ExoConnect Trigger', 'ExoConnect API']);
		expect(report.zodFiles?.length).toBeGreaterThan(0);
		for (const file of report.zodFiles ?? []) {
			expect(file.startsWith(n8nModules + sep)).toBe(true);
			expect(file.startsWith(repoRoot + sep)).toBe(false);
		}
		// `zod/v3` exists from zod 3.25 on (and in zod 4)
		expect(report.zodVersion).toMatch(/^(3\.(2[5-9]|[3-9]\d)|[4-9]|\d\d)\./);
	});

	it("validates with n8n's zod exactly as with ours: the node's own messages, field by field", () => {
		expect(load(true).result).toEqual({
			ok: false,
			problems: [
				{ path: ['customer_code'], message: 'is required' },
				{ path: ['details', 0, 'ordered_qty'], message: 'must be a number' },
				{ path: ['details', 1, 'description'], message: 'must be at most 90 characters' },
			],
		});
	});
});
