/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- runs `npm pack --dry-run` on the repository and on a temp copy of its manifest */
/**
 * What npm publishes: no source map (they pointed to TypeScript sources the package does not ship, and were
 * 37 % of it), and the CHANGELOG. Checked with npm's own file list (`npm pack --dry-run --json`): on the
 * repository as it is (CI builds before the tests, so dist/ is the build), and on a temp folder holding
 * package.json beside a dist/ with a map in it, so that the rule holds even over a dist/ left by an older build.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

/** the paths npm would put in the tarball */
function packedFiles(dir: string): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: dir,
		encoding: 'utf8',
		env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
		timeout: 60_000,
	});
	const [{ files }] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ files: Array<{ path: string }> }>;
	return files.map((f) => f.path).sort();
}

let tmp: string;
beforeAll(() => {
	tmp = mkdtempSync(join(os.tmpdir(), 'exoconnect-tarball-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the published tarball', () => {
	it('the build emits no source map', () => {
		const build = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
		expect(build.compilerOptions.sourceMap).not.toBe(true);
		expect(build.compilerOptions.inlineSourceMap).not.toBe(true);
	});

	it('leaves out a map even in a dist/ left by an older build, and ships the CHANGELOG', () => {
		for (const file of ['package.json', 'CHANGELOG.md', 'README.md', 'LICENSE.md', 'index.js']) copyFileSync(join(repoRoot, file), join(tmp, file));
		mkdirSync(join(tmp, 'dist', 'nodes'), { recursive: true });
		writeFileSync(join(tmp, 'dist', 'nodes', 'Node.node.js'), 'module.exports = {};\n');
		writeFileSync(join(tmp, 'dist', 'nodes', 'Node.node.js.map'), '{"version":3,"sources":["../../nodes/Node.node.ts"]}\n');
		const files = packedFiles(tmp);
		expect(files).toContain('dist/nodes/Node.node.js');
		expect(files).toContain('CHANGELOG.md');
		expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
	});

	it('the repository packs its nodes and credential, the CHANGELOG, and no map', () => {
		const files = packedFiles(repoRoot);
		expect(files).toContain('CHANGELOG.md');
		expect(files).toContain('package.json');
		expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
		expect(files.filter((f) => !f.startsWith('dist/'))).toEqual(['CHANGELOG.md', 'LICENSE.md', 'README.fr.md', 'README.md', 'index.js', 'package.json']);
		// built (as in CI, which builds before the tests): the files n8n loads are there
		if (existsSync(join(repoRoot, 'dist', 'nodes'))) {
			for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(files).toContain(entry);
		}
	});
});
