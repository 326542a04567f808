/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The playground's editor as a new user meets it, in a headless Chromium: every example opens without a
 * red flag, the record pickers find what a user types (part of a code, a name without its accents), the
 * credential test says what to check, and every example runs from the editor as its sticky note says.
 */
import { exampleWorkflows, importMissingExamples } from '../playground/examples';
import type { Page } from './browser';
import { openNode, openWorkflow, searchPicker, shownIssues } from './editorActions';
import type { EditorSession } from './editorSession';
import { startEditorSession } from './editorSession';
import { sleep } from './n8n';

let session: EditorSession;
let page: Page;
const examples = exampleWorkflows();

beforeAll(async () => {
	session = await startEditorSession();
	page = session.page;
}, 30 * 60 * 1000);

afterAll(async () => await session?.close());

interface Execution {
	id: string;
	status: string;
}

async function executions(workflowId: string): Promise<Execution[]> {
	return await page.evaluate(async (id: string) => {
		const answer = await fetch(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}`);
		return ((await answer.json()) as { data: { results: Array<{ id: string; status: string }> } }).data.results;
	}, workflowId);
}

/** Clicks Execute workflow (and calls `whileRunning`, e.g. the Test URL), then waits for the run to end. */
async function executeFromEditor(workflowId: string, whileRunning?: () => Promise<void>): Promise<Execution> {
	const before = (await executions(workflowId)).length;
	await page.click('[data-test-id=execute-workflow-button]');
	await whileRunning?.();
	const deadline = Date.now() + 120_000;
	for (;;) {
		const runs = await executions(workflowId);
		const latest = runs[0];
		if (runs.length > before && latest && !['new', 'running', 'waiting'].includes(latest.status)) return latest;
		if (Date.now() > deadline) throw new Error(`the run of ${workflowId} did not end (${JSON.stringify(latest)})`);
		await sleep(1000);
	}
}

describe('the playground editor', () => {
	it.each(examples.map((w) => [w.name, w] as const))('%s opens without an issue on any node or parameter', async (_, workflow) => {
		await openWorkflow(session, workflow.id);
		expect(await shownIssues(page)).toEqual([]);
		for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-exoconnect.'))) {
			await openWorkflow(session, workflow.id);
			await openNode(page, node.name);
			expect({ node: node.name, issues: await shownIssues(page) }).toEqual({ node: node.name, issues: [] });
		}
	});

	it('a quote line\'s product is found by typing part of its code', async () => {
		await openWorkflow(session, 'exoExampleQuote1');
		await openNode(page, 'Create Quote');
		const items = await searchPicker(page, 'sku', 'dget-00', '(WIDGET-001)');
		expect(items).toEqual(expect.arrayContaining(['Support mural universel (WIDGET-001)', 'Tablette en érable 24 po (WIDGET-002)']));
	});

	it('From List finds JACHETE by "jachete" and a customer by an accented name typed without accents', async () => {
		await openWorkflow(session, 'exoExampleQuote1');
		await openNode(page, 'Create Quote');
		expect(await searchPicker(page, 'customerCode', 'jachete', '(JACHETE)')).toContain('Jachète inc. (JACHETE)');
		const belanger = session.sandbox.store.list('customers').filter((c) => String(c.description).includes('Bélanger'));
		expect(belanger.length).toBeGreaterThan(0);
		const items = await searchPicker(page, 'customerCode', 'belanger', 'Bélanger');
		// the list keeps the current choice (JACHETE) on top; the rest are exactly the Bélanger customers
		expect(items.filter((item) => item !== 'Jachète inc. (JACHETE)').sort()).toEqual(belanger.map((c) => `${String(c.description)} (${String(c.code)})`).sort());
	});

	it('the credential test says what to check when the key is wrong', async () => {
		const test = async (data: Record<string, string>) =>
			await page.evaluate<{ status: string; message: string }>(async (body: unknown) => {
				const answer = await fetch('/rest/credentials/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
				return ((await answer.json()) as { data: { status: string; message: string } }).data;
			}, { credentials: { id: 'exoSandboxCred01', name: 'ExoConnect sandbox', type: 'exoConnectApi', data } });
		const { url, apiKey } = session.sandbox;
		expect(await test({ baseUrl: url, relayPath: '', apiKey })).toMatchObject({ status: 'OK' });
		const wrongKey = await test({ baseUrl: url, relayPath: '', apiKey: 'not-the-key' });
		expect(wrongKey.message).toMatch(/^ExoConnect rejected the API key\. Check the API key .* relay path/);
	});

	it('Quote with long notes runs from the editor', async () => {
		await openWorkflow(session, 'exoExampleQuote1');
		expect(await executeFromEditor('exoExampleQuote1')).toMatchObject({ status: 'success' });
	});

	it('Nightly price export runs from the editor', async () => {
		await openWorkflow(session, 'exoExamplePrices');
		expect(await executeFromEditor('exoExamplePrices')).toMatchObject({ status: 'success' });
	});

	it('New customer notification runs from the editor: the test event reaches the sink', async () => {
		session.sandbox.sink.splice(0);
		await openWorkflow(session, 'exoExampleNewCus');
		expect(await executeFromEditor('exoExampleNewCus')).toMatchObject({ status: 'success' });
		expect(session.sandbox.sink).toEqual([expect.objectContaining({ text: expect.stringMatching(/^New customer in Acomba: .+ \(.+\)$/) })]);
	});

	it('Web order → sales order runs from the editor through its Test URL, the note on a comment line', async () => {
		await openWorkflow(session, 'exoExampleWebOrd');
		const order = { customer_code: 'JACHETE', order_number: 'WEB-E2E-1', items: [{ sku: 'WIDGET-001', quantity: 2, note: 'Emballage cadeau' }, { sku: 'WIDGET-002', quantity: 1 }] };
		let answer: { status: number; body: Record<string, unknown> } | undefined;
		const run = await executeFromEditor('exoExampleWebOrd', async () => {
			// the Test URL listens once the editor has registered the test webhook
			const deadline = Date.now() + 60_000;
			for (;;) {
				const response = await fetch(`${session.n8n.url}/webhook-test/web-order`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(order),
				});
				if (response.status !== 404 || Date.now() > deadline) {
					answer = { status: response.status, body: (await response.json()) as Record<string, unknown> };
					return;
				}
				await sleep(500);
			}
		});
		expect(run).toMatchObject({ status: 'success' });
		expect(answer?.status).toBe(200);
		expect(answer?.body).toMatchObject({ reference: 'WEB-E2E-1', customer: expect.objectContaining({ code: 'JACHETE' }) });
		const lines = answer?.body.details as Array<Record<string, unknown>>;
		expect(lines.map((l) => [l.sku, l.description])).toEqual([
			['WIDGET-001', 'Support mural universel'],
			['', 'Emballage cadeau'],
			['WIDGET-002', 'Tablette en érable 24 po'],
		]);
	});

	it('the playground\'s next start imports only missing examples: a user\'s edits stay', async () => {
		const prices = examples.find((w) => w.id === 'exoExamplePrices');
		await session.n8n.importWorkflows([{ ...prices, name: 'My own price export' }]);
		const nameOf = async (id: string) =>
			await page.evaluate<string | null>(async (workflowId: string) => {
				const answer = await fetch(`/rest/workflows/${workflowId}`);
				return answer.ok ? ((await answer.json()) as { data: { name: string } }).data.name : null;
			}, id);
		expect(await nameOf('exoExamplePrices')).toBe('My own price export');
		const again = await importMissingExamples(session.n8n, session.sandbox.url);
		expect(again).toEqual({ imported: [], kept: examples.map((w) => w.name), readdressed: [] });
		expect(await nameOf('exoExamplePrices')).toBe('My own price export');
	});
});
