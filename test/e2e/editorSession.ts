/* eslint-disable @n8n/community-nodes/require-node-api-error -- test tooling: a setup that fails is passed on after cleaning up */
/**
 * The playground's editor in a headless Chromium: the sandbox with its demo company, a real n8n with the
 * packed package, the sandbox credential and the example workflows (imported as `npm start` imports them),
 * and a browser signed in as the owner. Used by the editor's end-to-end test and by `npm run screenshots`.
 */
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { EXAMPLE_CREDENTIAL_ID, importMissingExamples } from '../playground/examples';
import type { Page } from './browser';
import { Browser } from './browser';
import { ensureN8n, installCommunityPackage, packPackage, removePackedPackage } from './install';
import { N8nInstance } from './n8n';

const OWNER = { email: 'editor@example.com', firstName: 'Editor', lastName: 'Test', password: 'EditorTest-2026' };

export interface EditorSession {
	sandbox: Sandbox;
	n8n: N8nInstance;
	browser: Browser;
	page: Page;
	close(): Promise<void>;
}

export async function startEditorSession(): Promise<EditorSession> {
	ensureN8n();
	const tarball = packPackage();
	const sandbox = await startSandbox({ realTime: true, startTime: new Date().toISOString() });
	const n8n = await N8nInstance.create();
	let browser: Browser | undefined;
	const close = async () => {
		await browser?.close();
		await n8n.dispose();
		await sandbox.close();
	};
	try {
		installCommunityPackage(n8n.userFolder, tarball);
		removePackedPackage(tarball);
		await n8n.importCredentials([
			{ id: EXAMPLE_CREDENTIAL_ID, name: 'ExoConnect sandbox', type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
		]);
		await importMissingExamples(n8n, sandbox.url);
		await n8n.start();
		await n8n.createOwner(OWNER);
		browser = await Browser.launch();
		const page = await browser.newPage();
		await page.goto(`${n8n.url}/signin`);
		// signing in from the page leaves n8n's session cookie in the browser
		const status = await page.evaluate<number>(
			async (email: string, password: string) =>
				(await fetch('/rest/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ emailOrLdapLoginId: email, password }) })).status,
			OWNER.email,
			OWNER.password,
		);
		if (status !== 200) throw new Error(`signing in to the editor failed (${status})`);
		return { sandbox, n8n, browser, page, close };
	} catch (error) {
		await close();
		throw error;
	}
}
