/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a throw-away local HTTP server whose answers each test scripts, some after a delay (timers) */
/**
 * A local HTTP server (127.0.0.1, random port) for transport tests: each request is answered by the next
 * scripted answer (status, headers, body, or a dropped socket), and every request is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ExecuteContext } from 'n8n-core';

import type { TestCredentials } from './n8n';
import { createExecuteContext } from './n8n';
import { probe } from './probe';

export interface ScriptedAnswer {
	/** default 200 */
	status?: number;
	headers?: Record<string, string>;
	/** sent as JSON unless a string; omitted when undefined */
	body?: unknown;
	/** destroy the socket without answering (the client sees a reset connection) */
	drop?: boolean;
	/** answer after this many milliseconds (to make parallel requests finish out of order) */
	delayMs?: number;
}

export interface RecordedRequest {
	method: string;
	/** path and query as received, e.g. `/api/customers?page=1` */
	url: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	/** the parsed JSON body, the raw text when not JSON, undefined when empty */
	body: unknown;
}

export type Responder = (request: RecordedRequest, index: number) => ScriptedAnswer;

export interface ScriptedServer {
	/** `http://127.0.0.1:PORT`, without a trailing slash */
	url: string;
	port: number;
	requests: RecordedRequest[];
	/** answers used in order, one per request; then the fallback answers */
	enqueue(...answers: ScriptedAnswer[]): void;
	/** answers every request once the queue is empty (default: 500 "unscripted request") */
	setFallback(answer: ScriptedAnswer | Responder): void;
	/** forgets the queue, the fallback and the recorded requests */
	reset(): void;
	close(): Promise<void>;
}

const UNSCRIPTED: ScriptedAnswer = { status: 500, body: { detail: 'unscripted request' } };

function parseBody(raw: string): unknown {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

export async function startScriptedServer(): Promise<ScriptedServer> {
	let queue: ScriptedAnswer[] = [];
	let fallback: ScriptedAnswer | Responder = UNSCRIPTED;
	const requests: RecordedRequest[] = [];

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
			const recorded: RecordedRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				path: parsed.pathname,
				query: Object.fromEntries(parsed.searchParams),
				headers: req.headers,
				body: parseBody(Buffer.concat(chunks).toString('utf8')),
			};
			const index = requests.push(recorded) - 1;
			const next = queue.shift() ?? fallback;
			const answer = typeof next === 'function' ? next(recorded, index) : next;
			if (answer.drop) {
				req.socket.destroy();
				return;
			}
			const reply = () => {
				const headers: Record<string, string> = { ...(answer.headers ?? {}) };
				let payload: string | undefined;
				if (answer.body !== undefined) {
					payload = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
					if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
						headers['content-type'] = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
					}
				}
				res.writeHead(answer.status ?? 200, headers);
				res.end(payload);
			};
			if (answer.delayMs) setTimeout(reply, answer.delayMs);
			else reply();
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const port = (server.address() as AddressInfo).port;

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		enqueue: (...answers) => queue.push(...answers),
		setFallback: (answer) => {
			fallback = answer;
		},
		reset: () => {
			queue = [];
			fallback = UNSCRIPTED;
			requests.length = 0;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((done) => server.close(() => done()));
		},
	};
}

/** A port nothing listens on: one the OS just handed out and that was closed again. */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const port = (server.address() as AddressInfo).port;
	await new Promise<void>((done) => server.close(() => done()));
	return port;
}

/** A scripted server started before a test file's tests (reset before each, closed after), with a credential for it. */
export function useScriptedServer(credentialsFor: (url: string) => TestCredentials) {
	const setup = {} as { server: ScriptedServer; credentials: TestCredentials; context: () => ExecuteContext };
	setup.context = () => createExecuteContext({ node: probe, parameters: {}, credentials: setup.credentials });
	beforeAll(async () => {
		setup.server = await startScriptedServer();
		setup.credentials = credentialsFor(setup.server.url);
	});
	afterAll(async () => await setup.server.close());
	beforeEach(() => setup.server.reset());
	return setup;
}
