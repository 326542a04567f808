/**
 * The credential's "Test" button against the sandbox over HTTP, as n8n runs it: the credentialTest function
 * the nodes name in `testedBy`, called with n8n-core's CredentialTestContext.
 */
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { bothNodes, runCredentialTest } from '../helpers/credentialTest';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ relayPath: 'acme', customers: 5, products: 5 });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.clearLog());

describe('ExoConnect API credential test', () => {
	it.each(bothNodes)('passes from the %s node with the right key, the relay path written with or without slashes', async (_name, nodeType) => {
		for (const relayPath of ['acme', '/acme/', ' acme ']) {
			const result = await runCredentialTest({ baseUrl: `${sb.url}/`, relayPath, apiKey: sb.apiKey }, nodeType);
			expect(result).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected to ExoConnect \d+\.\d+/) });
		}
		expect(sb.log.map((r) => [r.path, r.headers['x-api-key']])).toEqual(Array(3).fill(['/system/status', sb.apiKey]));
	});

	it('fails with a wrong key (401) or a missing relay path (404), saying what to check', async () => {
		const wrongKey = await runCredentialTest({ baseUrl: sb.url, relayPath: 'acme', apiKey: 'wrong' });
		// the words the editor's e2e test expects, the sandbox's own after them
		expect(wrongKey).toEqual({ status: 'Error', message: expect.stringMatching(/^ExoConnect rejected the API key\. Check the API key .* relay path.*\(ExoConnect said: "Invalid API key"\)$/) });
		const noRelay = await runCredentialTest({ baseUrl: sb.url, relayPath: '', apiKey: sb.apiKey });
		expect(noRelay).toEqual({ status: 'Error', message: expect.stringMatching(/^ExoConnect does not know GET \/system\/status\. .*Base URL and Relay Path/) });
	});

	it('refuses a Relay Path that would send the calls elsewhere (acme#, acme?x=, ../acme) without a request', async () => {
		for (const relayPath of ['acme#', 'acme?x=', '../acme']) {
			const result = await runCredentialTest({ baseUrl: sb.url, relayPath, apiKey: sb.apiKey });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^The Relay Path ".+" holds /) });
		}
		expect(sb.log).toEqual([]);
	});

	it('refuses a Base URL without a scheme before sending, and explains https:// spoken to the sandbox\'s http', async () => {
		const noScheme = await runCredentialTest({ baseUrl: sb.url.replace('http://', ''), relayPath: 'acme', apiKey: sb.apiKey });
		expect(noScheme).toEqual({ status: 'Error', message: expect.stringMatching(/^The Base URL "127\.0\.0\.1:\d+" has no https:\/\/ in front/) });
		const https = await runCredentialTest({ baseUrl: sb.url.replace('http://', 'https://'), relayPath: 'acme', apiKey: sb.apiKey });
		expect(https).toEqual({ status: 'Error', message: expect.stringMatching(/does not answer HTTPS\. .*http:\/\/.*\(EPROTO\)$/) });
	});
});
