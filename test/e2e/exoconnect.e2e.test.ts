/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test: reads what npm installed in a user folder */
/**
 * The published package inside a real n8n, on every version the package supports (n8n 1.123.81 on the
 * running Node, 2.41.1 on Node 24): packed once with npm pack, installed from the tarball as a community
 * package, run with `n8n execute` and as a published workflow, against a sandbox of its own per version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import packageJson from '../../package.json';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { E2E_N8N_VERSIONS, ensureN8nVersion, installAsReadmeSays, installCommunityPackage, N8N_1_VERSION, packPackage, removePackedPackage } from './install';
import { N8nInstance, nodeOutput, sleep, waitFor } from './n8n';
import {
	allProducts,
	BAD_CREDENTIAL_ID,
	CREDENTIAL_ID,
	httpRequestWithCredential,
	NOTE_200,
	PAYMENT_TRIGGER_WORKFLOW,
	paymentsWatch,
	quoteFlow,
	SHOP_PRODUCTS,
	shopPreview,
	shopSync,
	triggerToSink,
	wrongKey,
} from './workflows';

let tarball: string;

beforeAll(() => {
	tarball = packPackage();
}, 5 * 60 * 1000);

afterAll(() => removePackedPackage(tarball));

describe.each(E2E_N8N_VERSIONS)('ExoConnect inside a real n8n %s', (version) => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;

	// a first install of this version takes minutes (install.ts says how long); later ones a second
	beforeAll(async () => {
		const runtime = ensureN8nVersion(version);
		sandbox = await startSandbox({ realTime: true, startTime: new Date().toISOString() });
		n8n = await N8nInstance.create({ version });
		installCommunityPackage(n8n.userFolder, tarball, runtime);
		await n8n.importCredentials([
			{ id: CREDENTIAL_ID, name: CREDENTIAL_ID, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
			{ id: BAD_CREDENTIAL_ID, name: BAD_CREDENTIAL_ID, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: 'not-the-key' } },
		]);
		await n8n.importWorkflows([
			quoteFlow,
			allProducts,
			wrongKey,
			shopSync,
			shopPreview,
			httpRequestWithCredential(`${sandbox.url}/system/status`),
			triggerToSink(`${sandbox.url}/__sandbox/sink`),
			triggerToSink(`${sandbox.url}/__sandbox/sink`, paymentsWatch),
		]);
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	it('runs the n8n version it names', async () => {
		const result = await n8n.cli(['--version']);
		expect(result.stdout.trim()).toBe(version);
	});

	it('a. creates a customer and a quote for it; the note arrives as 90-character lines, term and sales rep from the customer', async () => {
		const result = await n8n.execute('exoE2eQuoteFlow1');
		expect(result.output).not.toMatch(/Unrecognized node type|is not known/);
		expect(result.ok).toBe(true);
		const [quote] = nodeOutput(result.run, 'Get Quote By Number');
		expect(quote).toMatchObject({ term_code: '2', sales_rep_code: '7', customer: expect.objectContaining({ code: 'E2E-CLIENT' }) });
		const lines = quote.details as Array<Record<string, unknown>>;
		expect(lines.slice(0, 2).map((l) => l.sku)).toEqual(['WIDGET-001', 'WIDGET-002']);
		const notes = lines.slice(2).map((l) => String(l.description));
		expect(notes).toHaveLength(Math.ceil(NOTE_200.length / 90));
		notes.forEach((note) => expect(note.length).toBeLessThanOrEqual(90));
		expect(notes.join(' ')).toBe(NOTE_200);
		const post = sandbox.log.find((r) => r.method === 'POST' && r.path === '/api/invoicing/quotes');
		expect(post?.body).toEqual({
			customer_code: 'E2E-CLIENT',
			details: [{ sku: 'WIDGET-001', ordered_qty: 2 }, { sku: 'WIDGET-002', ordered_qty: 1 }, ...notes.map((description) => ({ description }))],
		});
	});

	it('b. Get Many products with Return All returns the 1,000 demo products', async () => {
		const result = await n8n.execute('exoE2eAllProduct');
		expect(result.ok).toBe(true);
		const products = nodeOutput(result.run, 'Get Products');
		expect(products).toHaveLength(1000);
		expect(new Set(products.map((p) => p.code)).size).toBe(1000);
	});

	it('c. a wrong API key fails the execution with the node\'s readable message', async () => {
		const result = await n8n.execute('exoE2eWrongKey01');
		expect(result.ok).toBe(false);
		expect(result.output).toContain('ExoConnect rejected the API key');
	});

	it("i. Preview of the shop's sync (before g runs it) writes nothing and shows each item's action, changes and body", async () => {
		sandbox.clearLog();
		const result = await n8n.execute('exoE2eShopPrevw1');
		expect(result.ok).toBe(true);
		expect(sandbox.log.filter((r) => r.method !== 'GET')).toEqual([]);
		const out = nodeOutput(result.run, 'Preview Sync');
		expect(out.map((p) => [p.preview, p.action, p.code])).toEqual([
			[true, 'updated', 'WIDGET-001'],
			[true, 'unchanged', 'WIDGET-002'],
			[true, 'created', 'E2E-SHOP-1'],
		]);
		// g's real run sends exactly this body
		expect(out[0].body).toEqual({ price: SHOP_PRODUCTS[0].price });
		expect(out[0].changes).toEqual([{ field: 'price', current: 24.99, new: SHOP_PRODUCTS[0].price }]);
		expect(sandbox.store.getByCode('products', 'E2E-SHOP-1')).toBeUndefined();
	});

	it('g. Create or Update with Map Automatically syncs a shop\'s products; run again, it writes nothing', async () => {
		sandbox.clearLog();
		const first = await n8n.execute('exoE2eShopSync01');
		expect(first.ok).toBe(true);
		expect(nodeOutput(first.run, 'Sync Products').map((p) => [p.action, p.code])).toEqual([
			['updated', 'WIDGET-001'],
			['unchanged', 'WIDGET-002'],
			['created', 'E2E-SHOP-1'],
		]);
		const put = sandbox.log.find((r) => r.method === 'PUT');
		expect(put?.body).toEqual({ price: SHOP_PRODUCTS[0].price });
		expect(sandbox.store.getByCode('products', 'E2E-SHOP-1')).toMatchObject({ description: 'Produit de la boutique', prices: expect.objectContaining({ regular: 12 }) });

		sandbox.clearLog();
		const again = await n8n.execute('exoE2eShopSync01');
		expect(again.ok).toBe(true);
		expect(nodeOutput(again.run, 'Sync Products').map((p) => p.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(sandbox.log.filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it("h. n8n's HTTP Request node with the ExoConnect API credential sends the key the credential adds", async () => {
		sandbox.clearLog();
		const result = await n8n.execute('exoE2eHttpCred01');
		expect(result.ok).toBe(true);
		expect(nodeOutput(result.run, 'Status by HTTP Request')).toEqual([expect.objectContaining({ status: 'ok' })]);
		expect(sandbox.log.map((r) => [r.path, r.headers['x-api-key']])).toEqual([['/system/status', sandbox.apiKey]]);
	});

	it('d. the trigger delivers every change exactly once, across two polls and a restart; a payment (an extract) once too', async () => {
		await n8n.publish('exoE2eTrigger001');
		await n8n.publish(PAYMENT_TRIGGER_WORKFLOW);
		sandbox.clearLog();
		await n8n.start();
		// each activation poll asks for the server's time: the cursors start now, nothing is emitted
		await waitFor('both activation polls', () => sandbox.log.filter((r) => r.path === '/system/status').length >= 2, 120_000);
		await sleep(2000);
		sandbox.clock.freeze();
		const first = sandbox.store.insert('customers', { code: 'E2E-SAME-1', description: 'Même seconde 1' });
		const second = sandbox.store.insert('customers', { code: 'E2E-SAME-2', description: 'Même seconde 2' });
		const payment = sandbox.ledgers.addCustomerPayment({
			customer_code: 'JACHETE',
			reference: 'Virement E2E',
			lines: [{ invoice_code: 'FAC-2026-00402', amount: 10 }],
		});
		sandbox.clock.useRealTime();
		expect(first.updated_at).toBe(second.updated_at);
		const sunk = (entity: string) => (sandbox.sink as Array<{ entity: string; code: string; event: string }>).filter((s) => s.entity === entity);
		await waitFor('the first regular polls to reach the sink', () => sunk('customers').length >= 2 && sunk('customer_payments').length >= 1, 150_000);

		const third = sandbox.store.insert('customers', { code: 'E2E-AFTER', description: 'Après le redémarrage' });
		await n8n.stop();
		await n8n.start();
		await waitFor('the change made before the restart', () => sunk('customers').length >= 3, 150_000);
		// one more regular poll of each after the restart: nothing new, nothing repeated
		const polls = (feed: string) => sandbox.log.filter((r) => r.path.endsWith(feed)).length;
		const [updates, extracts] = [polls('/api/helpers/updates'), polls('/api/customers/payments/extract')];
		await waitFor(
			'another poll of each',
			() => polls('/api/helpers/updates') > updates && polls('/api/customers/payments/extract') > extracts,
			150_000,
		);
		await sleep(5000);
		expect(sunk('customers').map((s) => s.code).sort()).toEqual([first.code, second.code, third.code].sort());
		expect(sunk('customer_payments').map((s) => [s.code, s.event])).toEqual([[payment.data.code, 'changed']]);
	});

	it('e. Settings › Community Nodes lists the package as installed, with both nodes loaded', async () => {
		if (!n8n.running) await n8n.start();
		await n8n.createOwner({ email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd', password: 'EndToEnd-2026' });
		const packages = await n8n.rest<Array<{ packageName: string; installedVersion: string; failedLoading?: boolean; installedNodes: Array<{ type: string }> }>>(
			'/community-packages',
		);
		expect(packages).toEqual([expect.objectContaining({ packageName: 'n8n-nodes-exoconnect', installedVersion: packageJson.version })]);
		// 2.x says `failedLoading: false`; 1.x names only the packages that failed
		expect(packages[0].failedLoading ?? false).toBe(false);
		expect(packages[0].installedNodes.map((node) => node.type).sort()).toEqual([
			'n8n-nodes-exoconnect.exoConnect',
			'n8n-nodes-exoconnect.exoConnectTrigger',
		]);
	});

	it("f. the editor's calls: the credential test and a From List search, through n8n's REST API", async () => {
		if (!n8n.running) await n8n.start();
		await n8n.createOwner({ email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd', password: 'EndToEnd-2026' });
		// as the credential's Test button sends a saved credential: its id, with the form's values
		const credentialTest = async (id: string, apiKey: string) =>
			await n8n.rest<{ status: string; message: string }>('/credentials/test', {
				credentials: { id, name: id, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey } },
			});
		sandbox.clearLog();
		expect(await credentialTest(CREDENTIAL_ID, sandbox.apiKey)).toMatchObject({ status: 'OK' });
		expect(await credentialTest(BAD_CREDENTIAL_ID, 'not-the-key')).toMatchObject({ status: 'Error' });
		// the nodes' own credential test (testedBy): the address is checked before anything is sent
		const unsent = async (data: Record<string, string>) =>
			await n8n.rest<{ status: string; message: string }>('/credentials/test', {
				credentials: { id: BAD_CREDENTIAL_ID, name: BAD_CREDENTIAL_ID, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey, ...data } },
			});
		expect(await unsent({ baseUrl: sandbox.url.replace('http://', '') })).toEqual({ status: 'Error', message: expect.stringMatching(/^The Base URL ".+" has no https:\/\/ in front/) });
		expect(await unsent({ relayPath: 'acme#' })).toEqual({ status: 'Error', message: expect.stringMatching(/^The Relay Path "acme#" holds "#"/) });
		// n8n sends the test request (a failed one twice, on both versions) with the key through the credential's authenticate
		const tested = sandbox.log.filter((r) => r.path === '/system/status').map((r) => `${String(r.headers['x-api-key'])} ${r.status}`);
		expect(new Set(tested)).toEqual(new Set([`${sandbox.apiKey} 200`, 'not-the-key 401']));

		const found = await n8n.rest<{ results: Array<{ name: string; value: string }> }>('/dynamic-node-parameters/resource-locator-results', {
			nodeTypeAndVersion: { name: 'n8n-nodes-exoconnect.exoConnect', version: 1 },
			methodName: 'searchCustomers',
			path: 'record',
			currentNodeParameters: { resource: 'customer', operation: 'get', record: { __rl: true, mode: 'list', value: '' } },
			credentials: { exoConnectApi: { id: CREDENTIAL_ID, name: CREDENTIAL_ID } },
		});
		expect(found.results.length).toBeGreaterThan(0);
		expect(found.results.map((r) => r.value)).toContain('JACHETE');
		const search = sandbox.log.find((r) => r.method === 'GET' && /\/customers$/.test(r.path));
		expect(search?.headers['x-api-key']).toBe(sandbox.apiKey);
	});
});

/**
 * Without the registry (README, Installation › From a packed tarball): the tarball installed with exactly the
 * README's command, offline with an empty npm cache, on the n8n that runs on the running Node (where
 * `--omit=peer` matters: without it npm installs n8n-workflow and its dependencies, whose native build fails
 * on Node 20), then a workflow run.
 */
describe(`installed from a packed tarball as the README says, in n8n ${N8N_1_VERSION}`, () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let nodesDir: string;

	beforeAll(async () => {
		ensureN8nVersion(N8N_1_VERSION);
		sandbox = await startSandbox({ realTime: true, startTime: new Date().toISOString() });
		n8n = await N8nInstance.create({ version: N8N_1_VERSION });
		nodesDir = installAsReadmeSays(n8n.userFolder, tarball);
		await n8n.importCredentials([
			{ id: CREDENTIAL_ID, name: CREDENTIAL_ID, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
		]);
		await n8n.importWorkflows([allProducts]);
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.close();
	});

	it('npm put the package and nothing of its peer in the nodes folder', () => {
		const installed = JSON.parse(readFileSync(join(nodesDir, 'node_modules', packageJson.name, 'package.json'), 'utf8')) as { version: string };
		expect(installed.version).toBe(packageJson.version);
		expect(existsSync(join(nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('n8n loads the nodes at startup: a workflow with the ExoConnect node runs', async () => {
		const result = await n8n.execute('exoE2eAllProduct');
		expect(result.output).not.toMatch(/Unrecognized node type|is not known/);
		expect(result.ok).toBe(true);
		expect(nodeOutput(result.run, 'Get Products')).toHaveLength(1000);
	});
});
