/**
 * `npm start` again, on other ports: the examples kept in the playground's n8n from an earlier start are
 * readdressed to this start's sandbox and n8n (their Notify URL and the web order's Test URL), a user's own
 * edits stay, and a published example stays published. Runs n8n's CLI on a user folder of its own (no
 * browser, no server), as the playground does before it starts n8n.
 */
import { ensureN8n } from './install';
import { N8nInstance } from './n8n';
import { exampleWorkflows, importMissingExamples } from '../playground/examples';

let n8n: N8nInstance;

beforeAll(async () => {
	ensureN8n();
	n8n = await N8nInstance.create();
}, 30 * 60 * 1000);

afterAll(async () => await n8n?.dispose());

describe('the playground readdresses the examples kept from an earlier start', () => {
	const earlier = { sandbox: 'http://127.0.0.1:5683', n8n: 'http://127.0.0.1:5679' };
	const sandboxNow = 'http://127.0.0.1:5690';

	it("an earlier start's examples, one edited and one published, get this start's addresses and keep the rest", async () => {
		const examples = exampleWorkflows(earlier.sandbox, earlier.n8n);
		const paid = examples.find((w) => w.id === 'exoExamplePaid')!;
		await n8n.importWorkflows(examples.map((w) => (w.id === paid.id ? { ...w, name: 'My payments' } : w)));
		await n8n.publish('exoExampleNewCus');
		const published = async () => (await n8n.exportWorkflows()).find((w) => w.id === 'exoExampleNewCus')?.active;
		expect(await published()).toBe(true);

		const result = await importMissingExamples(n8n, sandboxNow);
		expect(result.imported).toEqual([]);
		expect(result.readdressed.sort()).toEqual(['My payments', 'New Acomba customer → notification', 'Web order → Acomba sales order'].sort());

		const saved = await n8n.exportWorkflows();
		expect(saved.map((w) => w.id).sort()).toEqual(examples.map((w) => w.id).sort());
		const text = JSON.stringify(saved);
		expect(text).not.toMatch(/:5683|:5679|:5680|:5678/);
		expect(text).toContain(`${sandboxNow}/__sandbox/sink`);
		expect(text).toContain(`${n8n.url}/webhook-test/web-order`);
		expect(saved.find((w) => w.id === 'exoExamplePaid')?.name).toBe('My payments');
		expect(await published()).toBe(true);

		// the same start again: nothing left to rewrite
		expect((await importMissingExamples(n8n, sandboxNow)).readdressed).toEqual([]);
	});
});
