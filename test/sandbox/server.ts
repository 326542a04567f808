/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the sandbox is a local HTTP server (node:http) with injected latency (timers); it never ships in the package */
/**
 * The HTTP side of the sandbox: API key check, relay path prefix, JSON in and out, errors in the
 * contract's format, fault injection, a request log, and the test controls under `/__sandbox/`.
 */
import http from 'node:http';

import type { EntityKey } from '../../nodes/ExoConnect/catalog';
import type { Clock } from './clock';
import { ApiError } from './errors';
import type { FaultRule, Faults } from './faults';
import type { ApiRequest } from './routes';
import { answer } from './routes';
import type { Json, Store } from './store';

export interface LoggedRequest {
	method: string;
	/** path without the relay prefix and the query, as sent (URL-encoded) */
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	/** 0 when the connection was dropped */
	status: number;
}

export interface ServerState {
	apiKey: string;
	relayPath: string;
	latencyMs: number;
	store(): Store;
	clock: Clock;
	faults: Faults;
	log: LoggedRequest[];
	sink: unknown[];
	reset(): void;
}

const CONTROL = '/__sandbox';

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<{ raw: string; json: unknown; invalid: boolean }> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	if (!raw) return { raw, json: undefined, invalid: false };
	try {
		return { raw, json: JSON.parse(raw), invalid: false };
	} catch {
		return { raw, json: raw, invalid: true };
	}
}

function control(state: ServerState, method: string, path: string, body: Json | undefined, res: http.ServerResponse): void {
	const [, , what, entity, id] = path.split('/');
	const store = state.store();
	const ok = (extra: Json = {}) => send(res, 200, { ok: true, ...extra });
	try {
		if (what === 'reset' && method === 'POST') return (state.reset(), ok());
		if (what === 'clock' && method === 'POST') {
			if (typeof body?.set === 'string') state.clock.set(body.set);
			if (typeof body?.advance === 'number') state.clock.advance(body.advance);
			if (body?.realTime === true) state.clock.useRealTime();
			if (body?.realTime === false) state.clock.freeze();
			return ok({ now: state.clock.now().toISOString() });
		}
		if (what === 'faults' && method === 'POST') return (state.faults.add(body as unknown as FaultRule), ok());
		if (what === 'faults' && method === 'DELETE') return (state.faults.clear(), ok());
		if (what === 'log' && method === 'GET') return send(res, 200, state.log);
		if (what === 'log' && method === 'DELETE') return (state.log.splice(0), ok());
		if (what === 'sink' && method === 'POST') return (state.sink.push(body), ok());
		if (what === 'sink' && method === 'GET') return send(res, 200, state.sink);
		if (what === 'sink' && method === 'DELETE') return (state.sink.splice(0), ok());
		if (what === 'records' && entity) {
			const key = entity as EntityKey;
			if (method === 'POST' && !id) return send(res, 201, store.insert(key, body ?? {}));
			if (method === 'PATCH' && id) return send(res, 200, store.update(key, Number(id), body ?? {}));
			if (method === 'DELETE' && id) return (store.markDeleted(key, Number(id)), ok());
			if (method === 'GET' && !id) return send(res, 200, store.list(key));
		}
		send(res, 404, { detail: `Unknown sandbox control ${method} ${path}` });
	} catch (error) {
		const status = error instanceof ApiError ? error.status : 400;
		send(res, status, { detail: error instanceof ApiError ? error.detail : (error as Error).message });
	}
}

export function createServer(state: ServerState): http.Server {
	return http.createServer((req, res) => {
		void handle(state, req, res).catch((error: Error) => send(res, 500, { detail: `Sandbox failure: ${error.message}` }));
	});
}

async function handle(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const method = (req.method ?? 'GET').toUpperCase();
	const { json, invalid } = await readBody(req);
	if (url.pathname === CONTROL || url.pathname.startsWith(`${CONTROL}/`)) {
		return control(state, method, url.pathname, json as Json | undefined, res);
	}

	let path = url.pathname;
	const relay = state.relayPath ? `/${state.relayPath}` : '';
	const underRelay = !relay || path === relay || path.startsWith(`${relay}/`);
	if (relay && underRelay) path = path.slice(relay.length) || '/';
	const query = Object.fromEntries(url.searchParams.entries());
	const entry: LoggedRequest = { method, path, query, headers: req.headers, body: json, status: 0 };
	state.log.push(entry);

	const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
		entry.status = status;
		send(res, status, body, headers);
	};

	const fault = state.faults.take(method, path);
	if (state.latencyMs > 0) await wait(state.latencyMs);
	if (fault?.kind === 'latency') await wait(fault.latencyMs ?? 1000);
	if (fault?.kind === 'drop') {
		req.socket.destroy();
		return;
	}
	if (fault?.kind === 'status') {
		const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
		const status = fault.status ?? 503;
		const detail = fault.detail ?? (status === 429 ? 'Too many requests' : status === 503 ? 'Acomba SDK unavailable' : 'Internal Server Error');
		return reply(status, { detail }, headers);
	}

	if (req.headers['x-api-key'] !== state.apiKey) return reply(401, { detail: 'Invalid API key' });
	if (!underRelay) return reply(404, { detail: 'Not Found' });
	if (invalid) return reply(422, { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
	const request: ApiRequest = { method, path, query, body: json };
	try {
		const result = answer(state.store(), request);
		reply(result.status, result.body);
	} catch (error) {
		// an ApiError is the contract's answer; anything else is a sandbox bug, answered as a 500
		if (error instanceof ApiError) reply(error.status, { detail: error.detail }, error.headers);
		else reply(500, { detail: `Sandbox failure: ${(error as Error).message}` });
	}
}
