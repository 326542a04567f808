/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- the playground launcher: files, child processes, signals, console */
/**
 * `npm start`: builds the package, starts the ExoConnect sandbox with its demo company and a real n8n with
 * this package installed, the ExoConnect credential created and the example workflows imported, then
 * prints where to sign in. Works offline once the first install is cached. Ctrl-C stops everything.
 */
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { cacheDir, ensureN8n, installCommunityPackage, packPackage, removePackedPackage } from '../e2e/install';
import { freePort, N8nInstance } from '../e2e/n8n';
import { EXAMPLE_CREDENTIAL_ID, importMissingExamples } from './examples';

const OWNER = { email: 'playground@example.com', firstName: 'Play', lastName: 'Ground', password: 'Playground-2026' };

async function portOr(preferred: number): Promise<number> {
	const free = await new Promise<boolean>((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	return free ? preferred : await freePort();
}

function examplesLine(imported: string[], kept: number, readdressed: number): string {
	const added = imported.length ? `imported ${imported.length} example workflow(s) from examples/` : '';
	const left = kept ? `${kept} example(s) already here left as you saved them (delete one in n8n to get it back at the next start)` : '';
	const moved = readdressed ? `${readdressed} of them pointed at an earlier start's sandbox or n8n: their addresses now point at this one` : '';
	return [added, left, moved].filter(Boolean).join('; ') || 'no example workflows';
}

async function main() {
	ensureN8n();
	console.log('Building and packing n8n-nodes-exoconnect …');
	const tarball = packPackage();

	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox …');
		await n8n?.stop();
		await sandbox?.close();
		process.exit(code);
	};
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));

	let owner: 'created' | 'existed';
	let examples: { imported: string[]; kept: string[]; readdressed: string[] };
	try {
		sandbox = await startSandbox({ port: await portOr(5680), realTime: true, startTime: new Date().toISOString() });
		// one playground folder, kept between runs: the owner, the workflows and their executions stay
		const userFolder = join(cacheDir, 'playground');
		mkdirSync(userFolder, { recursive: true });
		n8n = await N8nInstance.create({ userFolder, port: await portOr(5678) });
		console.log(`Installing the package in ${userFolder} as n8n's Community Nodes screen would …`);
		installCommunityPackage(userFolder, tarball);
		removePackedPackage(tarball);
		// the sandbox's address may differ from the last run: the credential is written again each time, and
		// the examples kept from an earlier start get the new sandbox and n8n addresses (importMissingExamples)
		await n8n.importCredentials([
			{ id: EXAMPLE_CREDENTIAL_ID, name: 'ExoConnect sandbox', type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
		]);
		examples = await importMissingExamples(n8n, sandbox.url);
		console.log('Starting n8n …');
		await n8n.start();
		owner = await n8n.createOwner(OWNER);
	} catch (error) {
		console.error(`The playground could not start: ${(error as Error).message}`);
		await stop(1);
		return;
	}

	const signIn =
		owner === 'created'
			? `${OWNER.email} / ${OWNER.password}`
			: `${OWNER.email} / ${OWNER.password} (unless you changed it; delete ${n8n.userFolder} to start afresh)`;
	console.log(`
ExoConnect playground is ready.

  n8n editor     ${n8n.url}
  sign in        ${signIn}
  credential     "ExoConnect sandbox" (ExoConnect API), pointing at the sandbox
  workflows      ${examplesLine(examples.imported, examples.kept.length, examples.readdressed.length)}
  package        Settings › Community Nodes lists n8n-nodes-exoconnect; search "ExoConnect" in the nodes panel

  sandbox        ${sandbox.url}   API key: ${sandbox.apiKey}
                 demo Acomba company: customer JACHETE, products WIDGET-001, WIDGET-002 …
                 (${sandbox.url}/__sandbox/sink receives what the example notification posts)

  n8n's log      ${n8n.logFile}
Press Ctrl-C to stop.`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
