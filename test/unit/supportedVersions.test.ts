/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads the READMEs */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import packageJson from '../../package.json';
import { E2E_N8N_VERSIONS, N8N_1_VERSION, N8N_VERSION, n8nRuntime } from '../e2e/install';

/** a README's text with its line breaks as spaces: a sentence may wrap anywhere */
const prose = (name: string) => readFileSync(join(__dirname, '..', '..', name), 'utf8').replace(/\s+/g, ' ');
const readme = prose('README.md');
const readmeFr = prose('README.fr.md');

/** "up to 15 minutes and 3.5 GB" as README.fr.md writes it: "jusqu'à 15 minutes et 3,5 Go" */
const inFrench = (estimate: string) =>
	estimate.replace('up to', "jusqu'à").replace(' and ', ' et ').replace('GB', 'Go').replace(/(\d)\.(\d)/g, '$1,$2');

/** `>=a.b.c <x.y.z`, the only range form package.json uses */
function inRange(version: string, range: string): boolean {
	const match = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range);
	if (!match) throw new Error(`unexpected range ${range}`);
	const key = (v: string) => v.split('.').reduce((sum, part) => sum * 10_000 + Number(part), 0);
	return key(version) >= key(match[1]) && key(version) < key(match[2]);
}

describe('the n8n versions the package supports, said the same everywhere', () => {
	const range = packageJson.n8n.supportedVersions;

	it('package.json declares n8n 1.123.x and 2.x, and every version the end-to-end suite runs on is inside', () => {
		expect(range).toBe('>=1.123.0 <3.0.0');
		expect(E2E_N8N_VERSIONS).toEqual([N8N_1_VERSION, N8N_VERSION]);
		E2E_N8N_VERSIONS.forEach((version) => expect(inRange(version, range)).toBe(true));
		['1.122.9', '3.0.0'].forEach((version) => expect(inRange(version, range)).toBe(false));
	});

	it('peerDependencies stay exactly n8n-workflow "*"', () => {
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('both READMEs state the range and the versions the suite runs on', () => {
		expect(readme).toContain('n8n 1.123.x and 2.x');
		expect(readmeFr).toContain('n8n 1.123.x et 2.x');
		E2E_N8N_VERSIONS.forEach((version) => {
			expect(readme).toContain(`n8n ${version}`);
			expect(readmeFr).toContain(`n8n ${version}`);
		});
	});

	it("the launcher's first-install estimate is the one both READMEs give", () => {
		E2E_N8N_VERSIONS.forEach((version) => {
			expect(readme).toContain(n8nRuntime(version).firstInstall);
			expect(readmeFr).toContain(inFrench(n8nRuntime(version).firstInstall));
		});
		expect(inFrench('up to 15 minutes and 3.5 GB')).toBe("jusqu'à 15 minutes et 3,5 Go");
	});
});
