/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- reads the workflow files and runs the lint command on temp copies */
/**
 * The GitHub Actions workflows cannot run here, so they are checked by a real workflow linter (actionlint):
 * the repository's files pass, the linter and the `npm run lint:workflows` command fail on a broken file,
 * and the release workflow publishes with provenance on a version tag.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { lintWorkflows, workflowFiles, workflowsDir } from '../tools/lintWorkflows';

const repoRoot = join(__dirname, '..', '..');
const release = join(workflowsDir, 'release.yml');
const releaseText = () => readFileSync(release, 'utf8');

/** three mistakes a hand edit makes: a misspelt permission value, key and context */
function breakWorkflow(text: string): string {
	const broken = text.replace('id-token: write', 'id-token: writ').replace('runs-on:', 'runs_on:').replace('secrets.NPM_TOKEN', 'secret.NPM_TOKEN');
	expect(broken).not.toBe(text);
	return broken;
}

function runLintCommand(args: string[]) {
	return spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', join(repoRoot, 'test', 'tools', 'lintWorkflows.ts'), ...args], {
		cwd: repoRoot,
		encoding: 'utf8',
		timeout: 120_000,
	});
}

let tmp: string;
beforeAll(() => {
	tmp = mkdtempSync(join(os.tmpdir(), 'exoconnect-workflows-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('GitHub Actions workflows', () => {
	it('the release and CI workflows exist and actionlint finds no problem in them', async () => {
		const files = workflowFiles();
		expect(files.map((f) => f.slice(workflowsDir.length + 1))).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
		expect(await lintWorkflows(files)).toEqual([]);
	});

	it('actionlint reports each mistake of a broken copy, with its line', async () => {
		const broken = join(tmp, 'broken.yml');
		writeFileSync(broken, breakWorkflow(releaseText()));
		const problems = await lintWorkflows([broken]);
		const kinds = problems.map((p) => p.kind);
		expect(kinds).toEqual(expect.arrayContaining(['permissions', 'syntax-check', 'expression']));
		const lineOf = (needle: string) => breakWorkflow(releaseText()).split('\n').findIndex((l) => l.includes(needle)) + 1;
		expect(problems.find((p) => p.kind === 'permissions')).toMatchObject({ line: lineOf('id-token: writ'), message: expect.stringContaining('"writ"') });
		expect(problems.find((p) => p.kind === 'expression')).toMatchObject({ line: lineOf('secret.NPM_TOKEN'), message: expect.stringContaining('"secret"') });
	});

	it('`npm run lint:workflows` exits 1 on a broken file and names it, 0 on the real ones, 1 when there is nothing to check', () => {
		const broken = join(tmp, 'release-broken.yml');
		writeFileSync(broken, breakWorkflow(releaseText()));
		const failed = runLintCommand([broken]);
		expect(failed.status).toBe(1);
		expect(failed.stderr).toMatch(/release-broken\.yml:\d+:\d+: .*"writ" is invalid for permission/);

		const passed = runLintCommand([]);
		expect(passed.stderr).toBe('');
		expect(passed.stdout).toContain(`actionlint: ${workflowFiles().length} workflow file(s), 0 problem(s)`);
		expect(passed.status).toBe(0);

		expect(workflowFiles(join(tmp, 'no-such-folder'))).toEqual([]);
		const empty = join(tmp, 'empty.yml');
		writeFileSync(empty, '');
		expect(runLintCommand([empty]).status).toBe(1);
	}, 240_000); // three ts-node starts: slow on a loaded machine

	it('the release workflow publishes with provenance on a version tag, with the OIDC permission and the npm token', () => {
		const text = releaseText();
		expect(text).toMatch(/on:\n {2}push:\n {4}tags:\n {6}- 'v\*'/);
		expect(text).toMatch(/permissions:\n {6}contents: read\n(.*\n)*? {6}id-token: write/);
		expect(text).toContain('registry-url: https://registry.npmjs.org');
		expect(text).toContain('run: bash .ci/run');
		expect(text).toMatch(/run: npm publish --provenance --access public\n {8}env:\n {10}NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
		// checks before publishing
		expect(text.indexOf('bash .ci/run')).toBeLessThan(text.indexOf('npm publish'));
		// CI lints the workflows too
		expect(readFileSync(join(repoRoot, '.ci', 'run'), 'utf8')).toContain('npm run lint:workflows');
	});
});
