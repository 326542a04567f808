/**
 * The credential's "Test" button, as n8n runs it: the test request's expressions are resolved with the
 * credential's values and its authenticate adds the x-api-key header, then the request goes to the sandbox.
 */
import axios from 'axios';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ExoConnectApi } from '../../credentials/ExoConnectApi.credentials';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

const credential = new ExoConnectApi();
const nodeType: INodeType = new ExoConnect();
const node: INode = { id: '1', name: 'ExoConnect', type: 'n8n-nodes-exoconnect.exoConnect', typeVersion: 1, position: [0, 0], parameters: {} };
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
});

const resolve = (value: string, credentials: ICredentialDataDecryptedObject) =>
	String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as unknown as IDataObject));

async function testCredential(credentials: ICredentialDataDecryptedObject) {
	const request = credential.test.request;
	const { headers } = await credential.authenticate(credentials, { url: String(request.url) });
	return await axios.request({
		method: request.method,
		baseURL: resolve(String(request.baseURL), credentials),
		url: request.url,
		headers: headers as Record<string, string>,
		validateStatus: () => true,
	});
}

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ relayPath: 'acme', customers: 5, products: 5 });
});
afterAll(async () => await sb.close());

describe('ExoConnect API credential test', () => {
	it('passes with the right key, the relay path written with or without slashes', async () => {
		for (const relayPath of ['acme', '/acme/', ' acme ']) {
			const answer = await testCredential({ baseUrl: `${sb.url}/`, relayPath, apiKey: sb.apiKey });
			expect(answer.status).toBe(200);
			expect(answer.data.status).toBe('ok');
		}
		expect(sb.log.map((r) => [r.path, r.headers['x-api-key']])).toEqual(Array(3).fill(['/system/status', sb.apiKey]));
	});

	it('fails with a wrong key (401) or a missing relay path (404)', async () => {
		expect((await testCredential({ baseUrl: sb.url, relayPath: 'acme', apiKey: 'wrong' })).status).toBe(401);
		expect((await testCredential({ baseUrl: sb.url, relayPath: '', apiKey: sb.apiKey })).status).toBe(404);
	});
});
