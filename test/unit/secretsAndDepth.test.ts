/**
 * Issue 20 item 13: Custom Fields nested thousands deep are refused before sending, naming the field; a
 * TLS failure's error holds the API key nowhere, not even in non-enumerable properties of its causes.
 */
import type { INodeParameters } from 'n8n-workflow';

import { routes } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { apiRequest } from '../../nodes/ExoConnect/transport';
import { tooDeep } from '../../nodes/ExoConnect/userInput';
import { createExecuteContext, runNode } from '../helpers/n8n';
import { probe } from '../helpers/probe';
import { useScriptedServer } from '../helpers/scriptedServer';
import type { TlsServer } from '../helpers/tlsServer';
import { pathsHolding, startSelfSignedServer } from '../helpers/tlsServer';

/** the credential's key in these tests, looked for in every property of the error */
const MARKER = 'planted-marker-7f3a9c';
const scripted = useScriptedServer((url) => ({ baseUrl: url, relayPath: 'acme', apiKey: MARKER }));
const failure = async (promise: Promise<unknown>) =>
	await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: unknown) => error as Error & { description?: string; context?: { itemIndex?: number } },
	);

/** `{"a": {"a": … {"a": 1}}}`, `depth` objects deep, as JSON text. */
const nested = (key: string, depth: number) => `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;

describe('deeply nested Custom Fields (JSON)', () => {
	const create = (customFieldsJson: string) =>
		runNode({
			node: new ExoConnect(),
			parameters: { resource: 'customer', operation: 'create', code: 'NEW-1', description: 'Nouveau', options: { customFieldsJson, returnFullRecord: false } } as INodeParameters,
			credentials: scripted.credentials,
		});

	beforeEach(() => scripted.server.setFallback({ status: 201, body: { success: true, created_id: 1 } }));

	it.each([5_000, 100_000])('%i levels deep are refused before sending, naming the field, with no stack overflow', async (depth) => {
		const error = await failure(create(`{"user_field_1": ${nested('x', depth)}}`));
		expect(error.message).toBe("Custom Fields (JSON) › user_field_1: is nested more than 32 levels deep: ExoConnect's fields nest a few levels at most");
		expect(error.description).toMatch(/^Item 1 was not sent to ExoConnect/);
		expect(scripted.server.requests).toEqual([]);
	});

	it('a few levels are sent as they are', async () => {
		await create(`{"user_field_1": ${nested('x', 5)}}`);
		expect(scripted.server.requests).toHaveLength(1);
		expect(scripted.server.requests[0].body).toEqual(expect.objectContaining({ user_field_1: JSON.parse(nested('x', 5)) }));
	});

	it('tooDeep walks without recursion and names the path', () => {
		expect(tooDeep({ a: [{ b: 1 }] }, 3)).toBeUndefined();
		expect(tooDeep({ a: [{ b: { c: 1 } }] }, 3)).toEqual(['a', 0, 'b']);
		expect(tooDeep(JSON.parse(nested('k', 200_000)))).toHaveLength(32);
	});
});

describe('the API key after a TLS failure', () => {
	let tls: TlsServer;
	beforeAll(async () => {
		tls = await startSelfSignedServer();
	});
	afterAll(async () => await tls.close());

	it('is reachable from no property of the thrown error, and the error says what to check', async () => {
		const ctx = createExecuteContext({ node: probe, parameters: {}, credentials: { baseUrl: tls.url, relayPath: 'acme', apiKey: MARKER } });
		const error = await failure(apiRequest(ctx, { method: 'GET', route: routes.status, itemIndex: 2 }));
		expect(error.message).toMatch(/^The HTTPS certificate of ExoConnect at 127\.0\.0\.1:\d+ is not trusted$/);
		expect(error.description).toMatch(/self-signed.*\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)$/);
		expect(error.context?.itemIndex).toBe(2);
		expect(tls.requests).toBe(0);
		expect(pathsHolding(error, MARKER)).toEqual([]);
	});

	it('the walker does find a key where one is hidden (it can fail)', () => {
		const hidden = new Error('x');
		Object.defineProperty(hidden, 'cause', { value: { config: { headers: new Map([['x-api-key', MARKER]]) } }, enumerable: false });
		expect(pathsHolding(hidden, MARKER)).toEqual(['error.cause.config.headers.get(x-api-key)']);
	});
});
