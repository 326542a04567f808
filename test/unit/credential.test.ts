/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- node:fs, node:path and __dirname check that the credential's icon files exist */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { ExoConnectApi } from '../../credentials/ExoConnectApi.credentials';
import { routes } from '../../nodes/ExoConnect/catalog';
import { CREDENTIAL_TEST, joinUrl } from '../../nodes/ExoConnect/transport';
import { bothNodes, credentialTestOf, runCredentialTest } from '../helpers/credentialTest';
import type { TestCredentials } from '../helpers/n8n';
import type { RecordedRequest, ScriptedAnswer, ScriptedServer } from '../helpers/scriptedServer';
import { closedPort, startScriptedServer } from '../helpers/scriptedServer';

const credential = new ExoConnectApi();

/** A miniature ExoConnect: the status route with the right key, 401 otherwise. */
function miniExoConnect(request: RecordedRequest): ScriptedAnswer {
	if (request.headers['x-api-key'] !== 'good-key') return { status: 401, body: { detail: 'Invalid API key' } };
	if (request.path.endsWith(routes.status)) return { body: { status: 'ok', api_version: '1.1.0', sdk: { connected: true } } };
	return { status: 404, body: { detail: 'Not Found' } };
}

describe('ExoConnect API credential test (the nodes\' credentialTest, as n8n runs it)', () => {
	let server: ScriptedServer;

	beforeAll(async () => {
		server = await startScriptedServer();
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		server.reset();
		server.setFallback(miniExoConnect);
	});

	it.each(bothNodes)('is offered by the %s node: n8n finds it through testedBy, and the credential has no test request of its own', (_name, nodeType) => {
		expect('test' in credential).toBe(false);
		expect(nodeType.description.credentials).toEqual([{ name: 'exoConnectApi', required: true, testedBy: CREDENTIAL_TEST }]);
		expect(typeof credentialTestOf(nodeType)).toBe('function');
	});

	it.each([
		['a base with a trailing slash and a slashed relay path', '/', '/acme/', '/acme/system/status'],
		['a base without a trailing slash and a bare relay path', '', 'acme', '/acme/system/status'],
		['two trailing slashes and an empty relay path', '//', '', '/system/status'],
		['no relay path at all', '', undefined, '/system/status'],
	])('succeeds with a good key, %s, on the same URL as the node', async (_name, baseTail, relayPath, path) => {
		const data: TestCredentials = { baseUrl: `${server.url}${baseTail}`, relayPath, apiKey: ' good-key ' };
		expect(await runCredentialTest(data)).toEqual({ status: 'OK', message: 'Connected to ExoConnect 1.1.0' });
		expect(server.requests.map((r) => [r.method, r.path, r.headers['x-api-key']])).toEqual([['GET', path, 'good-key']]);
		// the node's transport builds the very same URL
		expect(new URL(joinUrl(data.baseUrl, data.relayPath, routes.status)).pathname).toBe(path);
	});

	it.each(bothNodes)('runs the same from the %s node', async (_name, nodeType) => {
		expect((await runCredentialTest({ baseUrl: server.url, relayPath: 'acme', apiKey: 'good-key' }, nodeType)).status).toBe('OK');
	});

	it.each([401, 403])('HTTP %i: the key, and on the hosted relay the relay path', async (status) => {
		server.setFallback({ status, body: { detail: 'Invalid API key' } });
		const result = await runCredentialTest({ baseUrl: server.url, relayPath: 'acme', apiKey: 'wrong-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^ExoConnect rejected the API key\. Check the API key .*relay path.* \(ExoConnect said: "Invalid API key"\)$/);
		expect(server.requests).toHaveLength(1);
	});

	it('HTTP 404: the Base URL and the Relay Path', async () => {
		server.setFallback({ status: 404, body: { detail: 'Not Found' } });
		const result = await runCredentialTest({ baseUrl: server.url, relayPath: 'wrong', apiKey: 'good-key' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^ExoConnect does not know GET \/wrong\/system\/status\. .*Base URL and Relay Path/) });
	});

	it('HTTP 503: the credential is fine, Acomba is not', async () => {
		server.setFallback({ status: 503, body: { detail: 'SDK disconnected' } });
		const result = await runCredentialTest({ baseUrl: server.url, apiKey: 'good-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Acomba is temporarily unavailable\. .*maintenance window/);
	});

	it.each([
		['an HTML page', { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>Welcome to nginx!</body></html>' }, /sent an HTML page/],
		['a JSON object that is no status', { body: { hello: 'world' } }, /without the status ExoConnect reports/],
		['JSON null', { body: 'null', headers: { 'content-type': 'application/json' } }, /sent JSON null/],
		['a list', { body: [{ status: 'ok' }] }, /sent a list/],
	])('fails on a 200 that is not ExoConnect\'s status: %s', async (_name, answer, why) => {
		server.setFallback(answer as ScriptedAnswer);
		const result = await runCredentialTest({ baseUrl: server.url, relayPath: 'acme', apiKey: 'good-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(why);
		expect(result.message).toMatch(/^Something answered at http:\/\/127\.0\.0\.1:\d+\/acme\/system\/status, but not ExoConnect.*Check the Base URL and Relay Path/);
	});

	it('never follows a redirect, and says where the address leads', async () => {
		server.setFallback({ status: 301, headers: { location: 'https://elsewhere.example/system/status' } });
		const result = await runCredentialTest({ baseUrl: server.url, apiKey: 'good-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The address redirects to https:\/\/elsewhere\.example\/system\/status \(HTTP 301\)\. Enter the address it redirects to/);
		expect(server.requests).toHaveLength(1);
	});

	it.each([
		['no scheme', { baseUrl: 'relay.exostack.cloud' }, /^The Base URL "relay\.exostack\.cloud" has no https:\/\/ in front\. Add https:\/\/ in front of it: https:\/\/relay\.exostack\.cloud/],
		['another scheme', { baseUrl: 'ftp://relay.exostack.cloud' }, /^The Base URL "ftp:\/\/relay\.exostack\.cloud" starts with ftp:\/\//],
		['an empty Base URL', { baseUrl: '  ' }, /^The Base URL is empty/],
		['a query in the Base URL', { baseUrl: 'https://relay.exostack.cloud/?org=acme' }, /^The Base URL ".*" holds "\?"/],
		['a # in the Relay Path', { relayPath: 'acme#' }, /^The Relay Path "acme#" holds "#", which a web address does not read as part of a path\. Copy the relay path again/],
		['a ? in the Relay Path', { relayPath: 'acme?x=' }, /^The Relay Path "acme\?x=" holds "\?"/],
		['.. in the Relay Path', { relayPath: '../other' }, /^The Relay Path "\.\.\/other" holds "\.\." as a part, which a web address reads as "the folder above"/],
		['an empty key', { apiKey: ' ' }, /^The API key is empty/],
	])('refuses %s before sending anything', async (_name, change, message) => {
		const result = await runCredentialTest({ baseUrl: server.url, relayPath: 'acme', apiKey: 'good-key', ...change });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
		expect(server.requests).toEqual([]);
	});

	it('says in plain words that nothing listens at the address (ECONNREFUSED)', async () => {
		const result = await runCredentialTest({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: 'good-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Cannot reach ExoConnect at 127\.0\.0\.1:\d+\. Check the Base URL in the credential and that the ExoConnect service .* is up\. \(ECONNREFUSED\)$/);
	});

	it('says that https:// was spoken to a plain http service (EPROTO), and what to write', async () => {
		const result = await runCredentialTest({ baseUrl: server.url.replace('http://', 'https://'), apiKey: 'good-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^ExoConnect at 127\.0\.0\.1:\d+ does not answer HTTPS\. .*write the Base URL with http:\/\/.* \(EPROTO\)$/);
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
