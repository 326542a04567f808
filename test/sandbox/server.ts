/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- the sandbox is a local HTTP server (node:http) with injected latency (timers); it never ships in the package */
/**
 * The HTTP side of the sandbox: API key check, relay path prefix, JSON in and out, errors in the
 * contract's format, fault injection, a request log, and the test controls under `/__sandbox/`.
 */
import http from 'node:http';

import type { EntityKey } from '../../nodes/ExoConnect/catalog';
import { routes } from '../../nodes/ExoConnect/catalog';
import type { Clock } from './clock';
import { isoWithOffset } from './clock';
import { ApiError } from './errors';
import type { Faults } from './faults';
import { ruleFromJson } from './faults';
import type { ApiRequest } from './routes';
import { answer, withoutInferredFilters } from './routes';
import type { Json, Store } from './store';
import type { Ledgers } from './ledgers/book';
import { ledgerControl } from './ledgers/control';
import { ledgerAnswer } from './ledgers/routes';
import type { SdkWindows } from './ledgers/windows';
import type { Variants } from './variants';
import { contractPath, reshaped } from './variants';

export interface LoggedRequest {
	method: string;
	/** path without the relay prefix and the query, as sent (still URL-encoded) */
	path: string;
	/** decoded query parameters (the last value when one is repeated) */
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	/** the parsed JSON body; undefined when none; the raw text when it is not JSON */
	body: unknown;
	/** the answer's status; 0 while pending and when the connection was dropped */
	status: number;
}

export interface ServerState {
	apiKey: string;
	relayPath: string;
	latencyMs: number;
	store: Store;
	ledgers: Ledgers;
	sdkWindows: SdkWindows;
	clock: Clock;
	faults: Faults;
	log: LoggedRequest[];
	sink: unknown[];
	/** how this server differs from the contract (none by default) */
	variants: Variants;
	quirks: Quirks;
	reset(): void;
}

/** Ways a real server may differ from the contract's best case, switched on by a test. */
export interface Quirks {
	/** answer as FastAPI does for a parameter it does not declare: ignore the catalog's [inferred] filters */
	ignoreInferredFilters: boolean;
	/** the updates helper ignores its [inferred] `entity` parameter: every entity's changes, in one order */
	ignoreUpdatesEntity: boolean;
}

/** Test controls: no API key, never under the relay path, not logged. */
export const CONTROL = '/__sandbox';

const wait = async (ms: number) => await new Promise((done) => setTimeout(done, ms));

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	if (res.destroyed || res.headersSent) return;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<{ json: unknown; invalid: boolean }> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	if (!raw) return { json: undefined, invalid: false };
	try {
		return { json: JSON.parse(raw), invalid: false };
	} catch {
		return { json: raw, invalid: true };
	}
}

function control(state: ServerState, method: string, path: string, body: unknown, res: http.ServerResponse): void {
	const [, , what, entity, id, action] = path.split('/');
	const { store } = state;
	const input = (body && typeof body === 'object' ? body : {}) as Json;
	const ok = (extra: Json = {}) => send(res, 200, { ok: true, ...extra });
	const recordId = () => {
		if (!/^\d+$/.test(id)) throw new ApiError(400, `record id must be a number, got ${id}`);
		return Number(id);
	};
	try {
		if (what === 'reset' && method === 'POST' && !entity) return (state.reset(), ok());
		if (what === 'clock' && !entity) {
			if (method === 'POST') {
				if (typeof input.set === 'string') state.clock.set(input.set);
				if (typeof input.advance === 'number') state.clock.advance(input.advance);
				if (input.realTime === true) state.clock.useRealTime();
				if (input.realTime === false) state.clock.freeze();
			}
			if (method === 'POST' || method === 'GET') return ok({ now: isoWithOffset(state.clock.seconds()), realTime: state.clock.isRealTime() });
		}
		if (what === 'faults' && !entity) {
			if (method === 'POST') return (state.faults.add(ruleFromJson(input)), ok());
			if (method === 'DELETE') return (state.faults.clear(), ok());
			if (method === 'GET') return send(res, 200, state.faults.pending());
		}
		if (what === 'log' && !entity) {
			if (method === 'GET') return send(res, 200, state.log);
			if (method === 'DELETE') return (state.log.splice(0), ok());
		}
		if (what === 'quirks' && !entity) {
			if (method === 'POST' && typeof input.ignoreInferredFilters === 'boolean') state.quirks.ignoreInferredFilters = input.ignoreInferredFilters;
			if (method === 'POST' && typeof input.ignoreUpdatesEntity === 'boolean') state.quirks.ignoreUpdatesEntity = input.ignoreUpdatesEntity;
			if (method === 'POST' || method === 'GET') return ok({ ...state.quirks });
		}
		if (what === 'sink' && !entity) {
			if (method === 'POST') return (state.sink.push(body), ok());
			if (method === 'GET') return send(res, 200, state.sink);
			if (method === 'DELETE') return (state.sink.splice(0), ok());
		}
		const ledgers = ledgerControl(state.ledgers, state.sdkWindows, method, [what, entity, id, action], input);
		if (ledgers) return send(res, ledgers.status, ledgers.body);
		if (what === 'records' && entity) {
			const key = entity as EntityKey;
			store.resource(key); // 404 for an unknown entity
			if (id === undefined) {
				if (method === 'GET') return send(res, 200, store.list(key));
				if (method === 'POST') return send(res, 201, store.insert(key, input));
			} else if (action === 'touch' && method === 'POST') {
				store.touch(key, recordId(), { modifiedAt: typeof input.modifiedAt === 'string' ? input.modifiedAt : undefined });
				return send(res, 200, store.get(key, recordId()));
			} else if (action === undefined) {
				if (method === 'GET') {
					const record = store.get(key, recordId());
					return record ? send(res, 200, record) : send(res, 404, { detail: `No ${key} ${id}` });
				}
				if (method === 'PATCH') return send(res, 200, store.update(key, recordId(), input));
				if (method === 'DELETE') return (store.markDeleted(key, recordId()), ok());
			}
		}
		send(res, 404, { detail: `Unknown sandbox control ${method} ${path}` });
	} catch (error) {
		const status = error instanceof ApiError ? error.status : 400;
		send(res, status, { detail: error instanceof ApiError ? error.detail : (error as Error).message });
	}
}

export function createServer(state: ServerState): http.Server {
	const server = http.createServer((req, res) => {
		void handle(state, req, res).catch((error: Error) => send(res, 500, { detail: `Sandbox failure: ${error.message}` }));
	});
	// a client reusing a kept-alive socket at the moment the server times it out gets ECONNRESET: tests idle
	// for seconds between requests, so the server keeps sockets longer than any pause (close() ends them)
	server.keepAliveTimeout = 120_000;
	return server;
}

async function handle(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const method = (req.method ?? 'GET').toUpperCase();
	const { json, invalid } = await readBody(req);
	if (url.pathname === CONTROL || url.pathname.startsWith(`${CONTROL}/`)) {
		return control(state, method, url.pathname, json, res);
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
		const detail =
			fault.detail ??
			(status === 429 ? 'Too many requests' : status === 503 ? 'Acomba SDK unavailable' : 'Internal Server Error');
		return reply(status, { detail }, headers);
	}

	if (req.headers['x-api-key'] !== state.apiKey) return reply(401, { detail: 'Invalid API key' });
	if (!underRelay) return reply(404, { detail: 'Not Found' });
	if (invalid) return reply(422, { detail: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }] });
	const served = contractPath(state.variants, path);
	if (served === undefined) return reply(404, { detail: 'Not Found' });
	// the log keeps what was sent; the answer may not hear all of it
	const heard = state.quirks.ignoreInferredFilters ? withoutInferredFilters(served, query) : query;
	const request: ApiRequest = { method, path: served, query: heard, body: json };
	const closing = served === routes.sdkWindows ? undefined : state.sdkWindows.openFor();
	if (closing !== undefined) {
		return reply(503, { detail: 'Acomba SDK unavailable: maintenance window in progress' }, { 'retry-after': String(closing) });
	}
	try {
		const result = ledgerAnswer(state.ledgers, state.sdkWindows, request) ?? answer(state.store, request, state.quirks);
		reply(result.status, reshaped(state.variants, method, path, result.body));
	} catch (error) {
		// an ApiError is the contract's answer; anything else is a sandbox bug, answered as a 500
		if (error instanceof ApiError) reply(error.status, { detail: error.detail }, error.headers);
		else reply(500, { detail: `Sandbox failure: ${(error as Error).message}` });
	}
}
