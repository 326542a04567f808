/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- reads the two READMEs */
/**
 * The install commands the READMEs print are the ones that work and the ones tested: every `npm install` of
 * the package names its nodes folder (`--prefix`) and leaves n8n's own peer out (`--omit=peer`; without it the
 * install fails on Node 20), and the command for a packed tarball is, word for word, the one the end-to-end
 * suite runs (test/e2e/install.ts, tarballInstallArgs), offline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { tarballInstallArgs } from '../e2e/install';

const repoRoot = join(__dirname, '..', '..');
const READMES = ['README.md', 'README.fr.md'];
const readme = (name: string) => readFileSync(join(repoRoot, name), 'utf8');

/** every `npm install …` of this package the text prints (inline code or a line of a code block), as words */
function installCommands(markdown: string): string[][] {
	return [...markdown.matchAll(/npm install [^`\n]*/g)]
		.map((m) => m[0].replace(/\s+#.*$/, '').trim().split(/\s+/))
		.filter((words) => words.some((w) => w.includes('n8n-nodes-exoconnect')));
}

const TARBALL = /^\.\/n8n-nodes-exoconnect-\d+\.\d+\.\d+(-[\w.]+)?\.tgz$/;

describe.each(READMES)('%s', (file) => {
	const commands = installCommands(readme(file));

	it('prints the registry install and the tarball install', () => {
		expect(commands.some((words) => words.includes('n8n-nodes-exoconnect'))).toBe(true);
		expect(commands.some((words) => TARBALL.test(words[words.length - 1]))).toBe(true);
	});

	it('every npm install of the package has --prefix <a nodes folder> and --omit=peer', () => {
		for (const words of commands) {
			const prefix = words.indexOf('--prefix');
			expect({ command: words.join(' '), prefix: prefix >= 0 ? words[prefix + 1] : undefined }).toEqual({
				command: words.join(' '),
				prefix: expect.stringMatching(/\.n8n\/nodes$/),
			});
			expect(words).toContain('--omit=peer');
		}
	});

	it("the tarball command is exactly the one the end-to-end suite runs (in the tarball's folder)", () => {
		const tarballCommands = commands.filter((words) => TARBALL.test(words[words.length - 1]) && words.includes('~/.n8n/nodes'));
		expect(tarballCommands.length).toBeGreaterThan(0);
		for (const words of tarballCommands) {
			expect(words).toEqual(['npm', ...tarballInstallArgs('~/.n8n/nodes', words[words.length - 1])]);
		}
	});

	it('every tarball install needs no registry (--legacy-peer-deps)', () => {
		for (const words of commands.filter((w) => w.some((word) => word.endsWith('.tgz')))) expect(words).toContain('--legacy-peer-deps');
	});
});

describe('the helper', () => {
	it('reads commands from inline code and code blocks, without their comments', () => {
		const text = 'run `npm install --prefix ~/.n8n/nodes n8n-nodes-exoconnect` then\n```\nnpm install --omit=peer ./n8n-nodes-exoconnect-1.2.3.tgz   # note\nnpm install other\n```';
		expect(installCommands(text)).toEqual([
			['npm', 'install', '--prefix', '~/.n8n/nodes', 'n8n-nodes-exoconnect'],
			['npm', 'install', '--omit=peer', './n8n-nodes-exoconnect-1.2.3.tgz'],
		]);
	});
});
