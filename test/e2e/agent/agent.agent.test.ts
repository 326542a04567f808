/**
 * The ExoConnect node as an AI agent's tool inside a real n8n 2.41.1: the AI Agent node, its OpenAI Chat
 * Model pointed at a scripted OpenAI-compatible server, and two "ExoConnect Tool" nodes whose arguments
 * come from $fromAI(). The script picks each tool by the description n8n shows the model, as a model
 * would, fills the arguments, and writes its answer from the tool results. Run by `npm run test:e2e:agent`.
 */
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { ensureN8n, installCommunityPackage, packPackage, removePackedPackage } from '../install';
import { N8nInstance, nodeOutput } from '../n8n';
import { Timings } from '../timings';
import { LONG_NOTES } from '../queue/workflows';
import { CREDENTIAL_ID } from '../workflows';
import type { ChatMessage, ChatRequest, ChatTool, ModelTurn, ScriptedModel } from './scriptedModel';
import { startScriptedModel, textOf } from './scriptedModel';
import { AGENT_NODE, AGENT_PROMPT, AGENT_WORKFLOW, agentWorkflow, OPENAI_CREDENTIAL_ID } from './workflow';

const timings = new Timings('agent e2e');
let sandbox: Sandbox;
let model: ScriptedModel;
let n8n: N8nInstance;
let tarball: string;

/** the first record a tool result carries (n8n passes the node's output items as JSON text) */
function recordIn(message: ChatMessage): Record<string, unknown> {
	const parsed = JSON.parse(textOf(message)) as unknown;
	const first = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown>;
	return (first.json as Record<string, unknown> | undefined) ?? first;
}

/** the tool whose description says it does `what`; a vague description leaves the model without a tool */
function toolFor(tools: ChatTool[], what: RegExp): string {
	const found = tools.filter((t) => what.test(t.function.description ?? ''));
	if (found.length !== 1) throw new Error(`${found.length} tools match ${what}: ${tools.map((t) => t.function.description).join(' | ')}`);
	return found[0].function.name;
}

/** get the customer, create the quote from what came back, then say what was done */
function script(request: ChatRequest): ModelTurn {
	const tools = request.tools ?? [];
	const results = request.messages.filter((m) => m.role === 'tool');
	if (results.length === 0) return { call: { tool: toolFor(tools, /get a customer by code/i), arguments: { customer_code: 'JACHETE' } } };
	const customer = recordIn(results[0]);
	if (results.length === 1) {
		return {
			call: {
				tool: toolFor(tools, /create a quote/i),
				arguments: { customer_code: customer.code, sku: 'WIDGET-001', quantity: 2, notes: LONG_NOTES },
			},
		};
	}
	const quote = recordIn(results[1]);
	return { text: `Quote ${String(quote.code)} created for ${String(customer.description)}, total ${String(quote.total)} $.` };
}

beforeAll(async () => {
	await timings.step('n8n 2.41.1 and Node 24 ready (cached in ~/.cache/exoconnect-e2e)', () => ensureN8n());
	tarball = await timings.step('build and npm pack', () => packPackage());
	sandbox = await startSandbox({ realTime: true, startTime: new Date().toISOString() });
	model = await startScriptedModel(script);
	n8n = await N8nInstance.create();
	await timings.step('package installed as from Settings › Community Nodes', () => installCommunityPackage(n8n.userFolder, tarball));
	await timings.step('credentials and the agent workflow imported', async () => {
		await n8n.importCredentials([
			{ id: CREDENTIAL_ID, name: CREDENTIAL_ID, type: 'exoConnectApi', data: { baseUrl: sandbox.url, relayPath: '', apiKey: sandbox.apiKey } },
			{ id: OPENAI_CREDENTIAL_ID, name: OPENAI_CREDENTIAL_ID, type: 'openAiApi', data: { apiKey: 'sk-scripted', url: model.baseUrl } },
		]);
		await n8n.importWorkflows([agentWorkflow]);
	});
}, 30 * 60 * 1000);

afterAll(async () => {
	await n8n?.dispose();
	await model?.close();
	await sandbox?.close();
	removePackedPackage(tarball);
	timings.report();
});

describe('ExoConnect as an AI agent tool', () => {
	it('the agent gets the customer by code, creates the quote with $fromAI() arguments and answers from the results', async () => {
		sandbox.clearLog();
		const result = await timings.step('agent workflow run (n8n execute)', async () => await n8n.execute(AGENT_WORKFLOW));
		if (!result.ok) throw new Error(`the agent workflow failed:\n${result.output.slice(-4000)}`);

		// what the model was shown: one tool per ExoConnect Tool node, described precisely
		const [first] = model.requests;
		expect(first.messages.some((m) => m.role === 'user' && textOf(m).includes(AGENT_PROMPT))).toBe(true);
		const shown = Object.fromEntries((first.tools ?? []).map((t) => [t.function.name, t.function]));
		timings.note(`tools shown to the model:\n${JSON.stringify(first.tools, null, 2)}`);
		expect(Object.keys(shown).sort()).toEqual(['Create_Quote', 'Get_Customer']);
		expect(shown.Get_Customer.description).toBe('Get a customer by code or ID in ExoConnect');
		expect(shown.Create_Quote.description).toBe('Create a quote in ExoConnect');
		expect(shown.Get_Customer.parameters?.properties).toEqual({
			customer_code: expect.objectContaining({ type: 'string', description: 'The Acomba customer code, for example JACHETE' }),
		});
		expect(Object.keys(shown.Create_Quote.parameters?.properties ?? {}).sort()).toEqual(['customer_code', 'notes', 'quantity', 'sku']);
		expect(shown.Create_Quote.parameters?.properties?.quantity.type).toBe('number');

		// what ExoConnect received: the lookup by code, then the quote with the notes split in 90-character lines
		const calls = sandbox.log.map((r) => `${r.method} ${r.path}`);
		expect(calls[0]).toBe('GET /api/customers/by-code/JACHETE');
		const post = sandbox.log.find((r) => r.method === 'POST' && r.path === '/api/invoicing/quotes');
		const notes = (post?.body as { details: Array<{ description?: string }> }).details.slice(1).map((l) => l.description!);
		expect(notes.join(' ')).toBe(LONG_NOTES);
		notes.forEach((note) => expect(note.length).toBeLessThanOrEqual(90));
		expect(post?.body).toEqual({ customer_code: 'JACHETE', details: [{ sku: 'WIDGET-001', ordered_qty: 2 }, ...notes.map((description) => ({ description }))] });

		// the answer was written from the tool results: the number ExoConnect gave the new quote, its total
		expect(model.requests).toHaveLength(3);
		const quote = sandbox.store.list('quotes').at(-1)!;
		const customer = sandbox.store.getByCode('customers', 'JACHETE')!;
		const [answer] = nodeOutput(result.run, AGENT_NODE);
		expect(answer.output).toBe(`Quote ${String(quote.code)} created for ${String(customer.description)}, total ${String(quote.total)} $.`);
	});
});
