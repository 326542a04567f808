/**
 * The AI agent suite's workflow: n8n's AI Agent with an OpenAI Chat Model (its credential's Base URL points
 * at the scripted model) and two ExoConnect Tool nodes, the variant n8n derives from `usableAsTool`, whose
 * arguments the model fills through $fromAI().
 */
import { CREDENTIAL_ID } from '../workflows';

export const AGENT_WORKFLOW = 'exoAgentQuote001';
export const OPENAI_CREDENTIAL_ID = 'exoAgentOpenAi01';
export const AGENT_NODE = 'AI Agent';

export const AGENT_PROMPT = 'Prepare a quote for customer JACHETE: 2 units of WIDGET-001, with our usual installation notes.';

/** the same key and description in both tools: one argument, one meaning */
const customerCode = "$fromAI('customer_code', 'The Acomba customer code, for example JACHETE', 'string')";

const tool = (name: string, x: number, parameters: Record<string, unknown>) => ({
	id: `${AGENT_WORKFLOW}-${x}`,
	name,
	type: 'n8n-nodes-exoconnect.exoConnectTool',
	typeVersion: 1,
	position: [x * 200, 240],
	parameters,
	credentials: { exoConnectApi: { id: CREDENTIAL_ID, name: CREDENTIAL_ID } },
});

export const agentWorkflow = {
	id: AGENT_WORKFLOW,
	name: 'Agent: quote for a customer',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: `${AGENT_WORKFLOW}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${AGENT_WORKFLOW}-agent`,
			name: AGENT_NODE,
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [260, 0],
			parameters: { promptType: 'define', text: AGENT_PROMPT, options: {} },
		},
		{
			id: `${AGENT_WORKFLOW}-model`,
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [0, 240],
			// Chat Completions (the Responses API is the node's default from 1.3)
			parameters: { model: { __rl: true, mode: 'id', value: 'scripted' }, responsesApiEnabled: false, options: {} },
			credentials: { openAiApi: { id: OPENAI_CREDENTIAL_ID, name: OPENAI_CREDENTIAL_ID } },
		},
		tool('Get Customer', 1, {
			resource: 'customer',
			operation: 'get',
			record: { __rl: true, mode: 'code', value: `={{ ${customerCode} }}` },
		}),
		tool('Create Quote', 2, {
			resource: 'quote',
			operation: 'create',
			customerCode: { __rl: true, mode: 'code', value: `={{ ${customerCode} }}` },
			linesSource: 'fields',
			lines: {
				line: [
					{
						lineType: 'product',
						sku: "={{ $fromAI('sku', 'The product code (SKU), for example WIDGET-001', 'string') }}",
						quantity: "={{ $fromAI('quantity', 'How many units', 'number') }}",
					},
					{ lineType: 'comment', description: "={{ $fromAI('notes', 'Notes for the customer, any length', 'string') }}" },
				],
			},
			options: {},
		}),
	],
	connections: {
		Start: { main: [[{ node: AGENT_NODE, type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: AGENT_NODE, type: 'ai_languageModel', index: 0 }]] },
		'Get Customer': { ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool', index: 0 }]] },
		'Create Quote': { ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool', index: 0 }]] },
	},
};
