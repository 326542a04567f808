/**
 * Answers that are not what a call asked for (redirects, unconfirmed writes, a list for a record) and a
 * Base URL that cannot be used: each is an error that says what to check, and the API key never reaches
 * another server. Two scripted servers on different ports are two different addresses (origins).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey, routes } from '../../nodes/ExoConnect/catalog';
import type { ApiCall, RetryPolicy } from '../../nodes/ExoConnect/transport';
import { apiRequest, collectionRoute, defaultRetryPolicy, MAX_REDIRECTS, recordRoute } from '../../nodes/ExoConnect/transport';
import type { TestCredentials } from '../helpers/n8n';
import { createExecuteContext } from '../helpers/n8n';
import { probe } from '../helpers/probe';
import type { ScriptedServer } from '../helpers/scriptedServer';
import { startScriptedServer } from '../helpers/scriptedServer';

const customers = resourceByKey('customers') as ResourceDef;
const fast: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 };
const CHECK_BASE_URL = /Check the Base URL/;

let exo: ScriptedServer;
let other: ScriptedServer;
let credentials: TestCredentials;
const context = (creds: TestCredentials = credentials, abortSignal?: AbortSignal) =>
	createExecuteContext({ node: probe, parameters: {}, credentials: creds, abortSignal });

async function failure(promise: Promise<unknown>): Promise<NodeApiError | NodeOperationError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
	return error as NodeApiError;
}

beforeAll(async () => {
	exo = await startScriptedServer();
	other = await startScriptedServer();
	credentials = { baseUrl: exo.url, relayPath: 'acme', apiKey: 'secret-key' };
});
afterAll(async () => {
	await exo.close();
	await other.close();
});
beforeEach(() => {
	exo.reset();
	other.reset();
	other.setFallback({ body: { items: [], page: 1, page_size: 50, total: 0 } });
});

const list = { body: { items: [{ id: 1, code: 'JACHETE' }], page: 1, page_size: 50, total: 1, total_pages: 1 } };
const create: ApiCall = { method: 'POST', route: collectionRoute(customers), body: { code: 'NEW', description: 'Nouveau' }, resource: customers, itemIndex: 0 };
const update: ApiCall = {
	method: 'PUT',
	route: recordRoute(customers, 'code', 'JACHETE'),
	body: { comment: 'x' },
	resource: customers,
	lookup: { by: 'code', key: 'JACHETE' },
	itemIndex: 0,
};

describe('redirects: reads follow them on the same address only', () => {
	it('does not follow a read redirected to another server: that server receives nothing, not even the key', async () => {
		exo.enqueue({ status: 302, headers: { Location: `${other.url}/acme/system/status` } });
		const error = await failure(apiRequest(context(), { method: 'GET', route: routes.status, itemIndex: 1 }, { retry: fast }));
		expect(other.requests).toEqual([]);
		expect(exo.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([['/acme/system/status', 'secret-key']]);
		expect(error.message).toBe(`ExoConnect's address redirects to another server (${other.url})`);
		expect(error.description).toMatch(/API key is never sent to another server/);
		expect(error.description).toMatch(CHECK_BASE_URL);
		expect(error.context.itemIndex).toBe(1);
	});

	it('does not follow a relative-looking redirect to another port either', async () => {
		exo.enqueue({ status: 307, headers: { Location: `//127.0.0.1:${other.port}/acme/api/customers` } });
		await failure(apiRequest(context(), { method: 'GET', route: collectionRoute(customers) }, { retry: fast }));
		expect(other.requests).toEqual([]);
	});

	it('follows a read redirected on the same address, with the key, to the URL given', async () => {
		exo.enqueue({ status: 307, headers: { Location: '/acme/api/customers/?page=2&page_size=50' } }, list);
		const answer = await apiRequest(context(), { method: 'GET', route: collectionRoute(customers), qs: { page: 2, page_size: 50 } }, { retry: fast });
		expect(answer).toEqual(list.body);
		expect(exo.requests.map((r) => [r.method, r.url, r.headers['x-api-key']])).toEqual([
			['GET', '/acme/api/customers?page=2&page_size=50', 'secret-key'],
			['GET', '/acme/api/customers/?page=2&page_size=50', 'secret-key'],
		]);
	});

	it('keeps the query of the call when the Location has none', async () => {
		exo.enqueue({ status: 301, headers: { Location: `${exo.url}/acme/api/customers/` } }, list);
		await apiRequest(context(), { method: 'GET', route: collectionRoute(customers), qs: { page: 3, page_size: 500 } }, { retry: fast });
		expect(exo.requests.map((r) => r.url)).toEqual(['/acme/api/customers?page=3&page_size=500', '/acme/api/customers/?page=3&page_size=500']);
	});

	it(`stops a redirect loop after ${MAX_REDIRECTS} redirects`, async () => {
		exo.setFallback({ status: 302, headers: { Location: '/acme/system/status' } });
		const error = await failure(apiRequest(context(), { method: 'GET', route: routes.status }, { retry: fast }));
		expect(exo.requests).toHaveLength(MAX_REDIRECTS + 1);
		expect(error.message).toBe(`ExoConnect's address redirects more than ${MAX_REDIRECTS} times`);
	});

	it('treats a 3xx without a Location as an answer that is not from ExoConnect', async () => {
		exo.enqueue({ status: 300, body: 'Multiple Choices' });
		const error = await failure(apiRequest(context(), { method: 'GET', route: routes.status }, { retry: fast }));
		expect(error.message).toBe('ExoConnect answered HTTP 300 instead of data');
		expect(error.description).toMatch(CHECK_BASE_URL);
	});
});

describe('redirects: writes never follow them', () => {
	it('does not turn a POST answered 302 into a read of the list: one request, an error naming the Base URL', async () => {
		exo.enqueue({ status: 302, headers: { Location: '/acme/api/customers/' } });
		exo.setFallback(list);
		const error = await failure(apiRequest(context(), create, { retry: fast }));
		expect(exo.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /acme/api/customers']);
		expect(error.message).toBe(`The create was not sent: ExoConnect's address redirects to ${exo.url}/acme/api/customers/`);
		expect(error.description).toMatch(CHECK_BASE_URL);
		expect(error.context.itemIndex).toBe(0);
	});

	it.each([307, 308])('does not resend a PUT answered %i, even to the same address', async (status) => {
		exo.enqueue({ status, headers: { Location: '/acme/api/customers/by-code/JACHETE/' } });
		exo.setFallback({ body: { success: true, updated_id: 1 } });
		const error = await failure(apiRequest(context(), update, { retry: fast }));
		expect(exo.requests.map((r) => r.method)).toEqual(['PUT']);
		expect(error.message).toMatch(/^The update was not sent/);
	});

	it('does not send a POST redirected to another server there', async () => {
		exo.enqueue({ status: 308, headers: { Location: `${other.url}/acme/api/customers` } });
		await failure(apiRequest(context(), create, { retry: fast }));
		expect(other.requests).toEqual([]);
	});
});

describe('a write must be confirmed by the answer', () => {
	it('refuses a POST answered 200 with a list (no success, created_id or updated_id)', async () => {
		exo.enqueue(list);
		const error = await failure(apiRequest(context(), create, { retry: fast }));
		expect(error.message).toBe("ExoConnect's answer does not confirm the create");
		expect(error.description).toMatch(CHECK_BASE_URL);
		expect(error.description).toMatch(/look the record up in Acomba before running the node again/);
		expect(exo.requests).toHaveLength(1);
	});

	it('refuses a PUT answered with a web page', async () => {
		exo.enqueue({ body: '<html>Welcome to nginx</html>' });
		const error = await failure(apiRequest(context(), update, { retry: fast }));
		expect(error.message).toBe("ExoConnect's answer does not confirm the update");
	});

	it.each([
		[{ success: true, created_id: 7 }],
		[{ success: true }],
		[{ updated_id: 3 }],
	])('accepts %j', async (body) => {
		exo.enqueue({ status: 201, body });
		expect(await apiRequest(context(), create, { retry: fast })).toEqual(body);
	});
});

describe('a record is never answered by a list', () => {
	it.each([
		['a list envelope', list.body],
		['a bare array', [{ id: 1 }]],
	])('refuses %s where a record was asked for by code', async (_name, body) => {
		exo.enqueue({ body });
		const error = await failure(
			apiRequest(context(), { method: 'GET', route: recordRoute(customers, 'code', 'JACHETE'), resource: customers, lookup: { by: 'code', key: 'JACHETE' }, itemIndex: 2 }),
		);
		expect(error.message).toBe('ExoConnect answered with a list where one customer was asked for');
		expect(error.description).toMatch(/By ID/);
		expect(error.context.itemIndex).toBe(2);
	});

	it('returns a record whose fields include a list', async () => {
		exo.enqueue({ body: { id: 4, code: 'Q-1', details: [{ sku: 'A' }] } });
		const record = await apiRequest(context(), { method: 'GET', route: recordRoute(customers, 'id', 4), resource: customers, lookup: { by: 'id', key: 4 } });
		expect(record).toEqual({ id: 4, code: 'Q-1', details: [{ sku: 'A' }] });
	});
});

describe('Base URL and errors from n8n\'s helper', () => {
	it.each([
		['host and port', () => `127.0.0.1:${exo.port}`, () => `https://127.0.0.1:${exo.port}`],
		['host name', () => 'relay.exostack.cloud', () => 'https://relay.exostack.cloud'],
	])('refuses a Base URL without a scheme (%s) before any request, saying to add https://', async (_name, base, fixed) => {
		const error = await failure(apiRequest(context({ baseUrl: base(), apiKey: 'k' }), { method: 'GET', route: routes.status, itemIndex: 3 }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(`The Base URL of the ExoConnect credential "${base()}" has no https:// in front`);
		expect(error.description).toContain(`Add https:// in front of it: ${fixed()}`);
		expect(error.description).toContain('Nothing was sent');
		expect(error.context.itemIndex).toBe(3);
		expect(exo.requests).toEqual([]);
	});

	it('refuses another scheme', async () => {
		const error = await failure(apiRequest(context({ baseUrl: 'ftp://relay.exostack.cloud', apiKey: 'k' }), { method: 'GET', route: routes.status }));
		expect(error.message).toMatch(/starts with ftp:\/\/$/);
	});

	it('keeps the item index on an error n8n\'s helper raised (a cancelled execution)', async () => {
		const cancel = new AbortController();
		cancel.abort();
		exo.setFallback({ body: { ok: true } });
		const error = await failure(apiRequest(context(credentials, cancel.signal), { method: 'GET', route: routes.status, itemIndex: 4 }, { retry: fast }));
		expect(error.context.itemIndex).toBe(4);
		expect(exo.requests).toEqual([]);
	});
});
