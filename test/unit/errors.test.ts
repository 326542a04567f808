import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import type { RequestDescription } from '../../nodes/ExoConnect/transport';
import { httpError, networkCode, networkError, serverMessage, validationSummary } from '../../nodes/ExoConnect/transport';

const node: INode = {
	id: 'n1',
	name: 'ExoConnect',
	type: 'n8n-nodes-exoconnect.exoConnect',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const customers = resourceByKey('customers') as ResourceDef;
const quotes = resourceByKey('quotes') as ResourceDef;
const WRITE_CAUTION = /look the record up in Acomba before running the node again/;

const get = (extra: Partial<RequestDescription> = {}): RequestDescription => ({
	method: 'GET',
	url: 'https://relay.exostack.cloud/acme/api/customers/by-code/ZZZ',
	...extra,
});
const post = (extra: Partial<RequestDescription> = {}): RequestDescription => ({
	method: 'POST',
	url: 'https://relay.exostack.cloud/acme/api/invoicing/quotes',
	resource: quotes,
	...extra,
});

describe('httpError', () => {
	it.each([401, 403])('%i: the API key was rejected, with the server words and where to fix it', (status) => {
		const error = httpError(node, status, { detail: 'Invalid API key' }, get({ itemIndex: 2 }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ExoConnect rejected the API key');
		expect(error.description).toContain('ExoConnect said: "Invalid API key"');
		expect(error.description).toContain('API key in the ExoConnect credential');
		expect(error.httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(2);
	});

	it('404 of a record lookup names the resource, the code label and the key', () => {
		const error = httpError(node, 404, { detail: 'Customer ZZZ not found' }, get({ resource: customers, lookup: { by: 'code', key: 'ZZZ' }, itemIndex: 0 }));
		expect(error.message).toBe('Customer with Customer Code "ZZZ" was not found');
		expect(error.description).toContain('ExoConnect said: "Customer ZZZ not found"');
		expect(error.description).toContain('Check the code');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
	});

	it('404 of a lookup by id says ID', () => {
		const error = httpError(node, 404, { detail: 'Quote 77 not found' }, get({ resource: quotes, lookup: { by: 'id', key: 77 } }));
		expect(error.message).toBe('Quote with ID "77" was not found');
		expect(error.description).toContain('Check the ID');
	});

	it('404 of a lookup keeps a code that contains a Node error code word (EPERM in DEEPERMAN)', () => {
		// n8n rewrites messages containing ECONNREFUSED, EPERM, ENOENT… into its own generic texts
		const error = httpError(node, 404, { detail: 'Customer DEEPERMAN not found' }, get({ resource: customers, lookup: { by: 'code', key: 'DEEPERMAN' } }));
		expect(error.message).toBe('Customer with Customer Code "DEEPERMAN" was not found');
	});

	it('404 of an unknown route names the method and path and points at the credential', () => {
		const error = httpError(node, 404, { detail: 'Not Found' }, { method: 'GET', url: 'https://relay.exostack.cloud/wrong/system/status?x=1' });
		expect(error.message).toBe('ExoConnect does not know GET /wrong/system/status');
		expect(error.description).toContain('ExoConnect said: "Not Found"');
		expect(error.description).toContain('Base URL and Relay Path');
	});

	it('405: the server words, nothing written', () => {
		const error = httpError(node, 405, { detail: 'Invoices cannot be modified' }, { method: 'PUT', url: 'http://h/api/invoicing/invoices/by-code/F1' });
		expect(error.message).toBe('Invoices cannot be modified');
		expect(error.description).toContain('this item wrote nothing');
		expect(httpError(node, 405, undefined, { method: 'PUT', url: 'http://h/x' }).message).toBe('ExoConnect does not allow this operation');
	});

	it('409: the server words, advice to update instead', () => {
		const error = httpError(node, 409, { detail: 'Customer JACHETE already exists' }, post({ resource: customers }));
		expect(error.message).toBe('Customer JACHETE already exists');
		expect(error.description).toContain('Use the Update operation');
		expect(error.httpCode).toBe('409');
		expect(httpError(node, 409, {}, post()).message).toBe('A record with this code already exists');
	});

	it('422: every location is named in the words of the UI', () => {
		const body = {
			detail: [
				{ loc: ['body', 'details', 2, 'description'], msg: 'must be at most 90 characters', type: 'value_error' },
				{ loc: ['body', 'customer_code'], msg: 'customer XYZ does not exist', type: 'value_error' },
				{ loc: ['query', 'page_size'], msg: 'must be at most 500', type: 'value_error' },
			],
		};
		const error = httpError(node, 422, body, post({ itemIndex: 4 }));
		expect(error.message).toBe(
			'ExoConnect refused the data: Line 3, Description: must be at most 90 characters; Customer: customer XYZ does not exist; Parameter page_size: must be at most 500',
		);
		expect(error.description).toContain('This item wrote nothing');
		expect(error.httpCode).toBe('422');
		expect(error.context.itemIndex).toBe(4);
	});

	it('422 with a plain-text detail keeps it', () => {
		expect(httpError(node, 422, { detail: 'bad body' }, post()).message).toBe('ExoConnect refused the data: bad body');
		expect(httpError(node, 422, undefined, post()).message).toBe('ExoConnect refused the data');
	});

	it('429: rate limited, with the Retry-After seconds', () => {
		const error = httpError(node, 429, { detail: 'Too many requests' }, get(), 30_000);
		expect(error.message).toBe('ExoConnect is receiving too many requests (rate limited)');
		expect(error.description).toContain('ExoConnect said: "Too many requests"');
		expect(error.description).toContain('the request was not processed');
		expect(error.description).toContain('Try again in 30 seconds.');
		expect(httpError(node, 429, {}, get(), 1).description).toContain('Try again in 1 second.');
		expect(httpError(node, 429, {}, get(), 1500).description).toContain('Try again in 2 seconds.');
		expect(httpError(node, 429, {}, get()).description).not.toContain('Try again in');
	});

	it('503 on a read: temporary, no write caution', () => {
		const error = httpError(node, 503, { detail: 'SDK unavailable: maintenance window' }, get(), 120_000);
		expect(error.message).toBe('Acomba is temporarily unavailable');
		expect(error.description).toContain('ExoConnect said: "SDK unavailable: maintenance window"');
		expect(error.description).toContain('Try again in 120 seconds.');
		expect(error.description).not.toMatch(WRITE_CAUTION);
		expect(error.httpCode).toBe('503');
	});

	it.each(['POST', 'PUT'])('503 on a %s adds the write caution', (method) => {
		const error = httpError(node, 503, { detail: 'SDK unavailable' }, post({ method }));
		expect(error.message).toBe('Acomba is temporarily unavailable');
		expect(error.description).toMatch(WRITE_CAUTION);
	});

	it('500 and other statuses: a generic message with the status; writes get the caution, reads advice', () => {
		const read = httpError(node, 500, { detail: 'Internal Server Error' }, get({ itemIndex: 1 }));
		expect(read.message).toBe('ExoConnect answered with an error (HTTP 500)');
		expect(read.description).toContain('ExoConnect said: "Internal Server Error"');
		expect(read.description).toContain('server-side problem');
		expect(read.description).not.toMatch(WRITE_CAUTION);
		expect(read.httpCode).toBe('500');
		expect(read.context.itemIndex).toBe(1);

		const write = httpError(node, 500, 'boom', post());
		expect(write.description).toContain('ExoConnect said: "boom"');
		expect(write.description).toMatch(WRITE_CAUTION);

		const teapot = httpError(node, 418, {}, get());
		expect(teapot.message).toBe('ExoConnect answered with an error (HTTP 418)');
		expect(teapot.description).not.toContain('server-side');
	});
});

describe('serverMessage', () => {
	it('reads detail as text, a text body, and the 422 list', () => {
		expect(serverMessage({ detail: 'Invalid API key' })).toBe('Invalid API key');
		expect(serverMessage('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
		expect(serverMessage({ detail: [{ loc: ['body', 'details', 0, 'sku'], msg: 'unknown product' }] }, quotes)).toBe('Line 1, Product: unknown product');
	});

	it('cuts a long text body at 500 characters', () => {
		expect(serverMessage('x'.repeat(2000))).toHaveLength(500);
	});

	it.each([undefined, null, '', {}, { message: 'not FastAPI' }, { detail: 42 }, { detail: { nested: true } }, 7, []])('has nothing to say for %j', (body) => {
		expect(serverMessage(body)).toBeUndefined();
	});
});

describe('validationSummary', () => {
	it('names body paths of a resource, query parameters and odd locations', () => {
		expect(
			validationSummary(
				[
					{ loc: ['body', 'details', 2, 'description'], msg: 'too long' },
					{ loc: ['body', 'details', 0], msg: 'bad line' },
					{ loc: ['body', 'customer_code'], msg: 'unknown' },
					{ loc: ['query', 'page_size'] },
					{ loc: ['header'], msg: 'missing' },
					{ msg: 'whatever' },
				],
				quotes,
			),
		).toBe(
			'Line 3, Description: too long; Line 1: bad line; Customer: unknown; Parameter page_size: is invalid; header: missing; Request: whatever',
		);
	});
});

describe('networkCode', () => {
	it.each([
		[{ code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
		[{ message: 'x', cause: { code: 'ETIMEDOUT' } }, 'ETIMEDOUT'],
		[{ cause: { cause: { cause: { code: 'ENOTFOUND' } } } }, 'ENOTFOUND'],
		[{ code: 'EAI_AGAIN' }, 'EAI_AGAIN'],
		[new Error('socket hang up'), 'ECONNRESET'],
		[{ message: 'timeout of 60000ms exceeded' }, 'ETIMEDOUT'],
		[{ cause: { message: 'Socket hang up' } }, 'ECONNRESET'],
	])('finds the network code in %j', (error, code) => {
		expect(networkCode(error)).toBe(code);
	});

	it.each([
		undefined,
		null,
		new Error('Node does not have credentials'),
		{ code: 401 },
		{ code: 'not-a-code' },
		// an execution the user cancelled is not a failure to retry
		Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' }),
		// a Base URL without http(s):// is a setting to fix, not a network problem
		Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
		// deeper than 4 levels is not searched
		{ cause: { cause: { cause: { cause: { code: 'ECONNRESET' } } } } },
	])('finds no network code in %j', (error) => {
		expect(networkCode(error)).toBeUndefined();
	});
});

describe('networkError', () => {
	const url = 'http://192.168.1.20:8000/api/customers';

	it('ECONNREFUSED names the host and points at the Base URL', () => {
		const cause = Object.assign(new Error('connect ECONNREFUSED 192.168.1.20:8000'), { code: 'ECONNREFUSED' });
		const error = networkError(node, cause, 'ECONNREFUSED', { method: 'GET', url, itemIndex: 3 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Cannot reach ExoConnect at 192.168.1.20:8000');
		expect(error.description).toContain('Check the Base URL');
		expect(error.description).toContain('(ECONNREFUSED)');
		expect(error.context.itemIndex).toBe(3);
	});

	it('ECONNREFUSED on a POST has no write caution: nothing reached the server', () => {
		const error = networkError(node, { code: 'ECONNREFUSED' }, 'ECONNREFUSED', { method: 'POST', url });
		expect(error.description).not.toMatch(WRITE_CAUTION);
	});

	it('ETIMEDOUT says the server did not answer in time', () => {
		const error = networkError(node, { code: 'ETIMEDOUT' }, 'ETIMEDOUT', { method: 'GET', url });
		expect(error.message).toBe('ExoConnect at 192.168.1.20:8000 did not answer in time');
		expect(error.description).toContain('(ETIMEDOUT)');
		expect(error.description).not.toMatch(WRITE_CAUTION);
	});

	it('ECONNRESET on a POST is interrupted and carries the write caution', () => {
		const error = networkError(node, new Error('socket hang up'), 'ECONNRESET', { method: 'POST', url, itemIndex: 0 });
		expect(error.message).toBe('The connection to ExoConnect at 192.168.1.20:8000 was interrupted');
		expect(error.description).toMatch(WRITE_CAUTION);
		expect(error.description).toContain('(ECONNRESET)');
		expect(error.context.itemIndex).toBe(0);
	});

	it('keeps its own message when n8n-core already wrapped the failure in a NodeApiError', () => {
		// httpRequestWithAuthentication throws NodeApiError(axiosError); re-wrapping must not hand it back
		const axiosLike = Object.assign(new Error('connect ECONNREFUSED 192.168.1.20:8000'), { code: 'ECONNREFUSED' });
		const wrapped = new NodeApiError(node, axiosLike as unknown as JsonObject);
		const error = networkError(node, wrapped, 'ECONNREFUSED', { method: 'GET', url });
		expect(error).not.toBe(wrapped);
		expect(error.message).toBe('Cannot reach ExoConnect at 192.168.1.20:8000');
	});
});
