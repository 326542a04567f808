import { NodeApiError } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey, routes } from '../../nodes/ExoConnect/catalog';
import type { RetryPolicy } from '../../nodes/ExoConnect/transport';
import { apiRequest, collectionRoute, defaultRetryPolicy, openSession, recordRoute } from '../../nodes/ExoConnect/transport';
import type { TestCredentials } from '../helpers/n8n';
import { createExecuteContext, createPollContext, runNode } from '../helpers/n8n';
import { action, trigger } from '../helpers/exo';
import { probe } from '../helpers/probe';
import type { ScriptedServer } from '../helpers/scriptedServer';
import { closedPort, startScriptedServer } from '../helpers/scriptedServer';


const customers = resourceByKey('customers') as ResourceDef;
const quotes = resourceByKey('quotes') as ResourceDef;
const fast: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 };
const WRITE_CAUTION = /look the record up in Acomba before running the node again/;

let server: ScriptedServer;
let credentials: TestCredentials;
const context = (creds: TestCredentials = credentials) => createExecuteContext({ node: probe, parameters: {}, credentials: creds });

/** The rejection of `promise`, which must be a NodeApiError. */
async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

beforeAll(async () => {
	server = await startScriptedServer();
	credentials = { baseUrl: `${server.url}/`, relayPath: '/acme/', apiKey: 'k-123' };
});
afterAll(async () => await server.close());
beforeEach(() => server.reset());

describe('apiRequest: what is sent', () => {
	it('sends the API key header, the JSON body and the query string under the relay path', async () => {
		server.enqueue({ status: 201, body: { success: true, created_id: 501 } });
		const answer = await apiRequest(context(), {
			method: 'POST',
			route: collectionRoute(customers),
			qs: { dry_run: false, note: 'CAFÉ & co/2#' },
			body: { code: 'NEWCO', description: 'Café Dépôt', address: { city: 'Québec' }, credit_limit: 0 },
		});
		expect(answer).toEqual({ success: true, created_id: 501 });
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/acme/api/customers');
		expect(request.query).toEqual({ dry_run: 'false', note: 'CAFÉ & co/2#' });
		expect(request.headers['x-api-key']).toBe('k-123');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.body).toEqual({ code: 'NEWCO', description: 'Café Dépôt', address: { city: 'Québec' }, credit_limit: 0 });
	});

	it('sends a record route with the code as one encoded segment', async () => {
		server.enqueue({ body: { id: 9, code: 'CAFÉ/É 2#' } });
		const answer = await apiRequest(context(), { method: 'GET', route: recordRoute(customers, 'code', 'CAFÉ/É 2#') });
		expect(answer).toEqual({ id: 9, code: 'CAFÉ/É 2#' });
		expect(server.requests.map((r) => r.url)).toEqual(['/acme/api/customers/by-code/CAF%C3%89%2F%C3%89%202%23']);
		expect(server.requests[0].body).toBeUndefined();
	});

	it('works without a relay path', async () => {
		server.enqueue({ body: { status: 'ok' } });
		await apiRequest(context({ baseUrl: server.url, apiKey: 'other' }), { method: 'GET', route: routes.status });
		expect(server.requests.map((r) => [r.url, r.headers['x-api-key']])).toEqual([['/system/status', 'other']]);
	});
});

describe('apiRequest: the credential', () => {
	/** credentials whose every read by n8n (getCredentials hands out a copy) is counted; the key can change */
	const counted = () => {
		const state = { reads: 0, key: 'k-1' };
		const creds = { baseUrl: server.url, get apiKey() {
			state.reads++;
			return state.key;
		} } as TestCredentials;
		return { state, creds };
	};

	it('is read once for a whole run (its session) and handed to n8n\'s helper, not read again per request', async () => {
		const { state, creds } = counted();
		const ctx = context(creds);
		const run = { session: openSession(ctx) };
		for (let i = 0; i < 6; i++) server.enqueue({ status: 200, body: { status: 'ok' } });
		await Promise.all([1, 2, 3].map(async () => await apiRequest(ctx, { method: 'GET', route: routes.status }, run)));
		await apiRequest(ctx, { method: 'GET', route: routes.status }, run);
		state.key = 'k-2'; // a change within one run is not seen: the run keeps the key it started with
		await apiRequest(ctx, { method: 'GET', route: routes.status }, run);
		expect(state.reads).toBe(1);
		expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['k-1', 'k-1', 'k-1', 'k-1', 'k-1']);
		// the next run reads it again
		await apiRequest(ctx, { method: 'GET', route: routes.status }, { session: openSession(ctx) });
		expect(server.requests.at(-1)!.headers['x-api-key']).toBe('k-2');
	});

	it('is read once for a whole run of the action node, whatever its items ask, not once per request', async () => {
		const { state, creds } = counted();
		server.setFallback({ status: 200, body: { status: 'ok' } });
		const items = Array.from({ length: 5 }, () => ({ json: {} }));
		const out = await runNode({ node: action, parameters: { resource: 'system', operation: 'getStatus' }, items, credentials: creds });
		expect(out[0]).toHaveLength(5);
		expect(server.requests).toHaveLength(5);
		expect(state.reads).toBe(1);
	});

	it('is not remembered when its read fails: the next request of the run reads it again', async () => {
		let fail = true;
		const ctx = context();
		const getCredentials = ctx.getCredentials.bind(ctx);
		ctx.getCredentials = (async (type: string, itemIndex: number) => {
			if (fail) throw new Error('Node does not have any credentials set');
			return await getCredentials(type, itemIndex);
		}) as typeof ctx.getCredentials;
		const run = { session: openSession(ctx) };
		await expect(apiRequest(ctx, { method: 'GET', route: routes.status }, run)).rejects.toThrow('Node does not have any credentials set');
		fail = false;
		server.enqueue({ status: 200, body: { status: 'ok' } });
		expect(await apiRequest(ctx, { method: 'GET', route: routes.status }, run)).toEqual({ status: 'ok' });
	});

	it('is read again by each call made outside a run (no session): a list in the editor, a trigger\'s poll', async () => {
		const { state, creds } = counted();
		const ctx = context(creds);
		server.enqueue({ status: 200, body: { status: 'ok' } }, { status: 200, body: { status: 'ok' } });
		await apiRequest(ctx, { method: 'GET', route: routes.status });
		state.key = 'k-2';
		await apiRequest(ctx, { method: 'GET', route: routes.status });
		expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['k-1', 'k-2']);
		expect(state.reads).toBe(2);
	});

	it('is read on every call of a trigger, whose context lives as long as its activation: a new key is used at once', async () => {
		const { state, creds } = counted();
		const ctx = createPollContext({ node: trigger, parameters: {}, credentials: creds, staticData: {} });
		server.enqueue({ status: 200, body: { status: 'ok' } }, { status: 200, body: { status: 'ok' } });
		await apiRequest(ctx, { method: 'GET', route: routes.status });
		state.key = 'k-2';
		await apiRequest(ctx, { method: 'GET', route: routes.status });
		expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['k-1', 'k-2']);
		expect(state.reads).toBe(2); // once per call: n8n's helper does not read it a second time
	});
});

describe('apiRequest: reads are retried on transient failures', () => {
	it('retries a GET after a 503 and returns the answer of the retry', async () => {
		server.enqueue({ status: 503, body: { detail: 'SDK unavailable' } }, { body: { items: [{ id: 1 }] } });
		const answer = await apiRequest(context(), { method: 'GET', route: collectionRoute(customers) }, { retry: fast });
		expect(answer).toEqual({ items: [{ id: 1 }] });
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /acme/api/customers', 'GET /acme/api/customers']);
	});

	it.each([429, 502, 504])('retries a GET after a %i', async (status) => {
		server.enqueue({ status, body: { detail: 'try later' } }, { body: { ok: true } });
		expect(await apiRequest(context(), { method: 'GET', route: routes.status }, { retry: fast })).toEqual({ ok: true });
		expect(server.requests).toHaveLength(2);
	});

	it('retries a GET whose connection was dropped', async () => {
		server.enqueue({ drop: true }, { body: { ok: true } });
		expect(await apiRequest(context(), { method: 'GET', route: routes.status }, { retry: fast })).toEqual({ ok: true });
		expect(server.requests).toHaveLength(2);
	});

	it('waits for a Retry-After of 1 second, then retries', async () => {
		server.enqueue({ status: 503, headers: { 'Retry-After': '1' }, body: { detail: 'maintenance' } }, { body: { ok: true } });
		expect(await apiRequest(context(), { method: 'GET', route: routes.status }, { retry: fast })).toEqual({ ok: true });
		expect(server.requests).toHaveLength(2);
	});

	it('follows Retry-After rather than its own backoff', async () => {
		// the backoff alone would wait a minute and the test would time out; Retry-After: 0 retries at once
		const slowBackoff: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 60_000, maxDelayMs: 60_000 };
		server.enqueue({ status: 429, headers: { 'Retry-After': '0' }, body: { detail: 'slow down' } }, { body: { ok: true } });
		expect(await apiRequest(context(), { method: 'GET', route: routes.status }, { retry: slowBackoff })).toEqual({ ok: true });
		expect(server.requests).toHaveLength(2);
	}, 10_000);

	it('does not wait for a Retry-After beyond maxRetryAfterMs and says when to try again', async () => {
		server.setFallback({ status: 503, headers: { 'Retry-After': '120' }, body: { detail: 'maintenance window' } });
		const error = await failure(apiRequest(context(), { method: 'GET', route: routes.status }, { retry: { ...fast, maxRetryAfterMs: 60_000 } }));
		expect(server.requests).toHaveLength(1);
		expect(error.message).toBe('Acomba is temporarily unavailable');
		expect(error.description).toContain('ExoConnect said: "maintenance window"');
		expect(error.description).toContain('Try again in 120 seconds.');
	});

	it('gives up after maxRetries + 1 attempts with the mapped error', async () => {
		server.setFallback({ status: 503, body: { detail: 'SDK unavailable' } });
		const error = await failure(
			apiRequest(context(), { method: 'GET', route: collectionRoute(customers), itemIndex: 2 }, { retry: { ...fast, maxRetries: 2 } }),
		);
		expect(server.requests).toHaveLength(3);
		expect(error.message).toBe('Acomba is temporarily unavailable');
		expect(error.httpCode).toBe('503');
		expect(error.context.itemIndex).toBe(2);
		expect(error.description).not.toMatch(WRITE_CAUTION);
	});

	it('uses the default policy (3 retries) when none is given', async () => {
		// Retry-After: 0 keeps the default policy from sleeping between the attempts
		server.setFallback({ status: 502, headers: { 'Retry-After': '0' }, body: 'Bad Gateway' });
		const error = await failure(apiRequest(context(), { method: 'GET', route: routes.status }));
		expect(server.requests).toHaveLength(4);
		expect(error.message).toBe('ExoConnect answered with an error (HTTP 502)');
		expect(error.description).toContain('ExoConnect said: "Bad Gateway"');
	});

	it.each([
		[500, 'ExoConnect answered with an error (HTTP 500)'],
		[401, 'ExoConnect rejected the API key'],
		[422, 'ExoConnect refused the data: bad'],
	])('does not retry a GET after a %i', async (status, message) => {
		server.setFallback({ status, body: { detail: 'bad' } });
		const error = await failure(apiRequest(context(), { method: 'GET', route: routes.status }, { retry: fast }));
		expect(server.requests).toHaveLength(1);
		expect(error.message).toBe(message);
	});

	it('maps a 404 of a lookup to the record it was about, without retrying', async () => {
		server.setFallback({ status: 404, body: { detail: 'Customer ZZZ not found' } });
		const error = await failure(
			apiRequest(context(), { method: 'GET', route: recordRoute(customers, 'code', 'ZZZ'), resource: customers, lookup: { by: 'code', key: 'ZZZ' }, itemIndex: 1 }, { retry: fast }),
		);
		expect(server.requests).toHaveLength(1);
		expect(error.message).toBe('Customer with Customer Code "ZZZ" was not found');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(1);
	});
});

describe('apiRequest: writes are never resent after an ambiguous failure', () => {
	const create = { method: 'POST' as const, route: collectionRoute(quotes), body: { customer_code: 'JACHETE', details: [{ sku: 'WIDGET-001', ordered_qty: 1 }] }, resource: quotes, itemIndex: 0 };

	it.each([503, 500, 502, 504])('does not retry a POST after a %i and cautions before running again', async (status) => {
		server.setFallback({ status, body: { detail: 'oops' } });
		const error = await failure(apiRequest(context(), create, { retry: fast }));
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].body).toEqual(create.body);
		expect(error.httpCode).toBe(String(status));
		expect(error.description).toMatch(WRITE_CAUTION);
	});

	it('does not retry a POST whose connection was dropped', async () => {
		server.setFallback({ drop: true });
		const error = await failure(apiRequest(context(), create, { retry: fast }));
		expect(server.requests).toHaveLength(1);
		expect(error.message).toBe(`The connection to ExoConnect at 127.0.0.1:${server.port} was interrupted`);
		expect(error.description).toMatch(WRITE_CAUTION);
		expect(error.context.itemIndex).toBe(0);
	});

	it('does not retry a PUT after a 503', async () => {
		server.setFallback({ status: 503, body: { detail: 'SDK unavailable' } });
		const error = await failure(
			apiRequest(context(), { method: 'PUT', route: recordRoute(customers, 'code', 'JACHETE'), body: { comment: 'x' } }, { retry: fast }),
		);
		expect(server.requests.map((r) => r.method)).toEqual(['PUT']);
		expect(error.description).toMatch(WRITE_CAUTION);
	});

	it('retries a POST after a 429 (the relay refused it before processing) with the same body', async () => {
		server.enqueue({ status: 429, body: { detail: 'Too many requests' } }, { status: 201, body: { success: true, created_id: 77 } });
		expect(await apiRequest(context(), create, { retry: fast })).toEqual({ success: true, created_id: 77 });
		expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
		expect(server.requests[1].body).toEqual(create.body);
	});

	it('reports a POST still rate limited after every retry, with the seconds to wait', async () => {
		server.setFallback({ status: 429, headers: { 'Retry-After': '0' }, body: { detail: 'Too many requests' } });
		const error = await failure(apiRequest(context(), create, { retry: { ...fast, maxRetries: 1 } }));
		expect(server.requests).toHaveLength(2);
		expect(error.message).toBe('ExoConnect is receiving too many requests (rate limited)');
		expect(error.description).toContain('Try again in 1 second.');
		expect(error.description).not.toMatch(WRITE_CAUTION);
	});
});

describe('apiRequest: unreachable server', () => {
	it('says it cannot reach ExoConnect at the host and port', async () => {
		const port = await closedPort();
		const error = await failure(
			apiRequest(context({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }), { method: 'GET', route: routes.status, itemIndex: 0 }, { retry: fast }),
		);
		expect(error.message).toBe(`Cannot reach ExoConnect at 127.0.0.1:${port}`);
		expect(error.description).toContain('Check the Base URL');
		expect(error.description).toContain('(ECONNREFUSED)');
		expect(error.context.itemIndex).toBe(0);
	});

	it('gives a POST to a closed port no write caution: nothing reached the server', async () => {
		const port = await closedPort();
		const error = await failure(
			apiRequest(context({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' }), { method: 'POST', route: collectionRoute(customers), body: { code: 'X' } }, { retry: fast }),
		);
		expect(error.message).toBe(`Cannot reach ExoConnect at 127.0.0.1:${port}`);
		expect(error.description).not.toMatch(WRITE_CAUTION);
	});
});
