/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: a local HTTP server */
/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1: `POST /chat/completions` (plain or streamed) and
 * `GET /models`. Each chat request is recorded (the `tools` n8n shows the model included) and answered by
 * the script, a function of the conversation so far: a tool call, or the final text. The script reads the
 * tool results from the conversation, as a real model would, so a wrong tool result shows in the answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: { properties?: Record<string, { type?: string; description?: string }>; required?: string[] } };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

/** what the model answers next: a call of one tool, or its final text */
export type ModelTurn = { call: { tool: string; arguments: Record<string, unknown> } } | { text: string };

export interface ScriptedModel {
	/** the base URL for the OpenAI credential, `http://127.0.0.1:PORT/v1` */
	baseUrl: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

/** the text of a message's content, whatever its form */
export const textOf = (message: ChatMessage): string =>
	typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => part.text ?? '').join('');

function completion(turn: ModelTurn, index: number): object {
	const message =
		'call' in turn
			? {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: `call_${index}`, type: 'function', function: { name: turn.call.tool, arguments: JSON.stringify(turn.call.arguments) } }],
				}
			: { role: 'assistant', content: turn.text };
	return {
		id: `chatcmpl-scripted-${index}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'scripted',
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'call' in turn ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** the same answer as server-sent chunks, for a client that asked for a stream */
function chunks(turn: ModelTurn, index: number): object[] {
	const base = { id: `chatcmpl-scripted-${index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: 'scripted' };
	const delta =
		'call' in turn
			? {
					role: 'assistant',
					content: null,
					tool_calls: [{ index: 0, id: `call_${index}`, type: 'function', function: { name: turn.call.tool, arguments: JSON.stringify(turn.call.arguments) } }],
				}
			: { role: 'assistant', content: turn.text };
	return [
		{ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'call' in turn ? 'tool_calls' : 'stop' }] },
		{ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } },
	];
}

export async function startScriptedModel(script: (request: ChatRequest) => ModelTurn): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			const path = (req.url ?? '').split('?')[0].replace(/^\/v1/, '');
			if (req.method === 'GET' && path === '/models') {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted', object: 'model', created: 0, owned_by: 'test' }] }));
				return;
			}
			if (req.method !== 'POST' || path !== '/chat/completions') {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `not scripted: ${req.method} ${req.url}` } }));
				return;
			}
			const request = JSON.parse(raw) as ChatRequest;
			requests.push(request);
			let turn: ModelTurn;
			try {
				turn = script(request);
			} catch (error) {
				// the failure shows in the agent's error and in the test
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `script: ${(error as Error).message}`, type: 'invalid_request_error' } }));
				return;
			}
			if (request.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const chunk of chunks(turn, requests.length)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(completion(turn, requests.length)));
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((done) => server.close(() => done()));
		},
	};
}
