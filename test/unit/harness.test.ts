/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a throw-away local HTTP server checks what the harness sends */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import { routes } from '../../nodes/ExoConnect/catalog';
import { apiRequest } from '../../nodes/ExoConnect/transport';
import { runNode } from '../helpers/n8n';
import { probe } from '../helpers/probe';

// The probe with one parameter and one API call: proves the harness runs n8n-core's real ExecuteContext,
// fills parameter defaults, authenticates with the credential's declarative header and reaches a server.
const callingProbe: INodeType = {
	description: {
		...probe.description,
		properties: [{ displayName: 'Word', name: 'word', type: 'string', default: 'hello' }],
	},
	async execute(this: IExecuteFunctions) {
		const status = await apiRequest(this, { method: 'GET', route: routes.status, qs: { word: this.getNodeParameter('word', 0) as string } });
		return [[{ json: status, pairedItem: { item: 0 } }]];
	},
};

describe('test harness', () => {
	let server: http.Server;
	let url: string;
	const seen: Array<{ url?: string; key?: string | string[] }> = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			seen.push({ url: req.url, key: req.headers['x-api-key'] });
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ status: 'ok', api_version: '1.1.0' }));
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise<void>((done) => server.close(() => done())));

	it('runs a node in a real ExecuteContext with authentication and parameter defaults', async () => {
		const out = await runNode({
			node: callingProbe,
			parameters: {},
			credentials: { baseUrl: `${url}/`, relayPath: '/acme/', apiKey: 'k-123' },
		});
		expect(out[0][0].json).toEqual({ status: 'ok', api_version: '1.1.0' });
		expect(seen).toEqual([{ url: '/acme/system/status?word=hello', key: 'k-123' }]);
	});
});
