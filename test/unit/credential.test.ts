/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- node:fs, node:path and __dirname check that the credential's icon files exist */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { RoutingNode } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ExoConnectApi } from '../../credentials/ExoConnectApi.credentials';
import { routes } from '../../nodes/ExoConnect/catalog';
import { joinUrl } from '../../nodes/ExoConnect/transport';
import type { TestCredentials } from '../helpers/n8n';
import { createExecuteContext } from '../helpers/n8n';
import type { ScriptedServer } from '../helpers/scriptedServer';
import { startScriptedServer } from '../helpers/scriptedServer';

const credential = new ExoConnectApi();

/**
 * Runs the credential's `test.request` the way n8n's CredentialsTester does: a temporary node whose only
 * property routes that request, run by n8n-core's RoutingNode in a real ExecuteContext, so the baseURL
 * expression is resolved and the credential's `authenticate` applied by n8n itself.
 */
async function testCredential(data: TestCredentials) {
	const tempNode: INodeType = {
		description: {
			displayName: 'Temp Node',
			name: 'tempNode',
			group: ['transform'],
			version: 1,
			description: 'Credential test',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credential.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credential.test.request }, default: '' }],
		},
	};
	const context = createExecuteContext({ node: tempNode, parameters: {}, credentials: data, mode: 'internal' });
	const routing = new RoutingNode(context, tempNode, {
		id: 'cred-1',
		name: 'ExoConnect account',
		type: credential.name,
		data: data as unknown as ICredentialDataDecryptedObject,
	});
	return await routing.runNode();
}

describe('ExoConnect API credential test', () => {
	let server: ScriptedServer;

	beforeAll(async () => {
		server = await startScriptedServer();
		// a miniature ExoConnect: the status route with the right key, 401 otherwise
		server.setFallback((request) => {
			if (request.headers['x-api-key'] !== 'good-key') return { status: 401, body: { detail: 'Invalid API key' } };
			if (request.path.endsWith(routes.status)) return { body: { status: 'ok', api_version: '1.1.0', sdk: { connected: true } } };
			return { status: 404, body: { detail: 'Not Found' } };
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));

	it.each([
		['a base with a trailing slash and a slashed relay path', '/', '/acme/', '/acme/system/status'],
		['a base without a trailing slash and a bare relay path', '', 'acme', '/acme/system/status'],
		['two trailing slashes and an empty relay path', '//', '', '/system/status'],
		['no relay path at all', '', undefined, '/system/status'],
	])('succeeds with a good key, %s, on the same URL as the node', async (_name, baseTail, relayPath, path) => {
		const data: TestCredentials = { baseUrl: `${server.url}${baseTail}`, relayPath, apiKey: 'good-key' };
		const out = await testCredential(data);
		expect(out?.[0][0].json).toEqual({ status: 'ok', api_version: '1.1.0', sdk: { connected: true } });
		expect(server.requests.map((r) => [r.method, r.path, r.headers['x-api-key']])).toEqual([['GET', path, 'good-key']]);
		// the node's transport builds the very same URL
		expect(new URL(joinUrl(data.baseUrl, data.relayPath, routes.status)).pathname).toBe(path);
	});

	it('fails with a wrong key: the server answered 401', async () => {
		const error = await testCredential({ baseUrl: server.url, relayPath: 'acme', apiKey: 'wrong-key' }).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		// n8n-core resends a request once after a 401 (its credential refresh path): every attempt is the status check
		expect(server.requests.length).toBeGreaterThanOrEqual(1);
		expect(new Set(server.requests.map((r) => `${r.method} ${r.path} ${r.headers['x-api-key']}`))).toEqual(new Set(['GET /acme/system/status wrong-key']));
	});
});

describe('ExoConnect API credential test failures say what to check', () => {
	const ruleFor = (status: number) =>
		(credential.test.rules ?? []).find((r) => r.type === 'responseCode' && r.properties.value === status)?.properties.message ?? '';

	it.each([401, 403])('HTTP %i: the key, and on the hosted relay the relay path', (status) => {
		expect(ruleFor(status)).toMatch(/^ExoConnect rejected the API key\. Check the API key .*relay path/);
	});

	it('HTTP 404: the Base URL and the Relay Path', () => {
		expect(ruleFor(404)).toMatch(/Base URL and Relay Path/);
	});

	it('HTTP 503: the credential is fine, Acomba is not', () => {
		expect(ruleFor(503)).toMatch(/Acomba connection is down/);
	});
});

describe('ExoConnect API credential definition', () => {
	it('is the exoConnectApi type with the three settings, in order', () => {
		expect(credential.name).toBe('exoConnectApi');
		expect(credential.displayName).toBe('ExoConnect API');
		expect(credential.properties.map((p) => [p.name, p.displayName, p.type, p.default, p.required ?? false])).toEqual([
			['baseUrl', 'Base URL', 'string', 'https://relay.exostack.cloud', true],
			['relayPath', 'Relay Path', 'string', '', false],
			['apiKey', 'API Key', 'string', '', true],
		]);
	});

	it('hides the API key as a password and no other setting', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.baseUrl.typeOptions?.password).toBeUndefined();
		expect(byName.relayPath.typeOptions?.password).toBeUndefined();
	});

	it('sends the key as the x-api-key header, without the outer spaces of a pasted key, keeping the request\'s own headers', async () => {
		const request = { url: '/x', headers: { accept: 'application/json' } };
		const authenticated = await credential.authenticate({ baseUrl: 'https://relay.exostack.cloud', apiKey: ' key-1\n' }, request);
		expect(authenticated).toEqual({ url: '/x', headers: { accept: 'application/json', 'x-api-key': 'key-1' } });
		expect(request.headers).toEqual({ accept: 'application/json' }); // the caller's options are not changed
	});

	it('tests the connection with GET on the catalog status route', () => {
		expect(credential.test.request.method).toBe('GET');
		expect(credential.test.request.url).toBe(routes.status);
	});

	it('links to https documentation and offers itself to the HTTP Request node', () => {
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		expect(credential.httpRequestNode).toEqual(expect.objectContaining({ name: 'ExoConnect', docsUrl: expect.stringMatching(/^https:\/\//) }));
		expect(credential.httpRequestNode.apiBaseUrlPlaceholder).toMatch(/^https:\/\//);
	});

	it('has a light and a dark icon, and both files exist', () => {
		const icon = credential.icon as { light: string; dark: string };
		expect(icon.light).toMatch(/^file:.+\.svg$/);
		expect(icon.dark).toMatch(/^file:.+\.svg$/);
		expect(icon.light).not.toBe(icon.dark);
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(resolve(__dirname, '../../credentials', file.replace(/^file:/, '')))).toBe(true);
		}
	});
});
