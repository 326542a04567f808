/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- the playground launcher: files, child processes, signals, console */
/**
 * `npm start`: builds the package, starts the ExoConnect sandbox with its demo company and a real n8n with
 * this package installed, the ExoConnect credential created and the example workflows imported, then
 * prints where to sign in. Works offline once the first install is cached. Ctrl-C stops everything.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { cacheDir, ensureN8n, installCommunityPackage, packPackage } from '../e2e/install';
import { freePort, N8nInstance } from '../e2e/n8n';

const CREDENTIAL_ID = 'exoSandboxCred01';
const OWNER = { email: 'playground@example.com', firstName: 'Play', lastName: 'Ground', password: 'Playground-2026' };

async function portOr(preferred: number): Promise<number> {
	const free = await new Promise<boolean>((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	return free ? preferred : await freePort();
}

async function main() {
	console.log('Preparing n8n (cached after the first run) …');
	ensureN8n();
	console.log('Building and packing n8n-nodes-exoconnect …');
	const tarball = packPackage();

	const sandbox: Sandbox = await startSandbox({
		port: await portOr(5680),
		realTime: true,
		startTime: new Date().toISOString(),
	});
	const userFolder = join(cacheDir, 'playground');
	mkdirSync(userFolder, { recursive: true });
	const n8n = await N8nInstance.create({ userFolder, port: await portOr(5678) });
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox …');
		await n8n.stop();
		await sandbox.close();
		process.exit(code);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());

	try {
		installCommunityPackage(userFolder, tarball);
		await n8n.importCredentials([
			{ id: CREDENTIAL_ID, name: 'ExoConnect sandbox', type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
		]);
		const examples = join(__dirname, '..', '..', 'examples');
		const workflows = readdirSync(examples)
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(readFileSync(join(examples, f), 'utf8')) as object);
		await n8n.importWorkflows(workflows);
		console.log('Starting n8n …');
		await n8n.start();
		await n8n.createOwner(OWNER);
	} catch (error) {
		console.error(`The playground could not start: ${(error as Error).message}`);
		await stop(1);
		return;
	}

	console.log(`
ExoConnect playground is ready.

  n8n editor     ${n8n.url}
  sign in        ${OWNER.email} / ${OWNER.password}
  credential     "ExoConnect sandbox" (already created); example workflows imported

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
