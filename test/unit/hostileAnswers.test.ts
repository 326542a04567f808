/**
 * Broken and hostile answers (issue 20, items 8–11 and 13): a 200 that is not ExoConnect's data, entries
 * that are not records, feeds whose cursor does not move, huge details and Retry-After values, a Relay Path
 * that would send the calls elsewhere. Run through the node (real ExecuteContext) against a scripted server.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { routes, updatesFeed } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import type { FeedPage, RetryPolicy } from '../../nodes/ExoConnect/transport';
import { apiRequest, defaultRetryPolicy, walkFeed } from '../../nodes/ExoConnect/transport';
import type { TestCredentials } from '../helpers/n8n';
import { createExecuteContext, runNode } from '../helpers/n8n';
import { probe } from '../helpers/probe';
import type { ScriptedAnswer } from '../helpers/scriptedServer';
import { useScriptedServer } from '../helpers/scriptedServer';

const scripted = useScriptedServer((url) => ({ baseUrl: url, relayPath: 'acme', apiKey: 'k-123' }));
const fast: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 };

const node = new ExoConnect();
const run = async (parameters: Record<string, unknown>, credentials: TestCredentials = scripted.credentials): Promise<INodeExecutionData[]> =>
	(await runNode({ node, parameters: parameters as INodeParameters, credentials }))[0];
const failure = async (promise: Promise<unknown>): Promise<NodeApiError> =>
	await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: unknown) => error as NodeApiError,
	);
const locator = (mode: 'code' | 'id', value: string) => ({ __rl: true, mode, value });
const getCustomer = { resource: 'customer', operation: 'get', record: locator('code', 'JACHETE') };
const listCustomers = { resource: 'customer', operation: 'getAll', returnAll: true };

const HTML = '<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>';
const html: ScriptedAnswer = { headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML };
const jsonText = (text: string): ScriptedAnswer => ({ headers: { 'content-type': 'application/json' }, body: text });

describe('every read checks that ExoConnect answered (item 8)', () => {
	it('Get: an HTML page answered 200 fails, naming the Base URL and Relay Path, never a record of HTML', async () => {
		scripted.server.setFallback(html);
		const error = await failure(run(getCustomer));
		expect(error.message).toBe("The answer to GET /acme/api/customers/by-code/JACHETE is not ExoConnect's data: an HTML page where ExoConnect sends a JSON object");
		expect(error.description).toContain(`(Base URL "${scripted.server.url}", Relay Path "acme") and got HTTP 200 with an HTML page`);
		expect(error.description).toMatch(/Check the Base URL and Relay Path in the ExoConnect credential/);
	});

	it('Get Many: an HTML page or a list without items fails rather than giving an empty list', async () => {
		scripted.server.setFallback(html);
		expect((await failure(run(listCustomers))).message).toBe("The answer to GET /acme/api/customers is not ExoConnect's data: an HTML page where ExoConnect sends a JSON object");
		scripted.server.setFallback({ body: { results: [{ id: 1 }], page: 1 } });
		expect((await failure(run(listCustomers))).message).toMatch(/an object without items where ExoConnect sends a list$/);
	});

	it('Get: a record without id fails', async () => {
		scripted.server.setFallback({ body: { code: 'JACHETE', name: 'Jachète inc.' } });
		expect((await failure(run(getCustomer))).message).toMatch(/: an object without id where ExoConnect sends a record$/);
	});

	it('Helper › Get Changes and System › Get Status refuse an HTML page too', async () => {
		scripted.server.setFallback(html);
		expect((await failure(run({ resource: 'helper', operation: 'getChanges', entity: 'customers', returnAll: true }))).message).toMatch(
			/^The answer to GET \/acme\/api\/helpers\/updates is not ExoConnect's data: an HTML page/,
		);
		expect((await failure(run({ resource: 'system', operation: 'getStatus' }))).message).toMatch(/^The answer to GET \/acme\/system\/status is not ExoConnect's data/);
	});
});

describe('answers that are not records never become items (item 10)', () => {
	it.each([
		['JSON null', null, 'entry 2 of its list is JSON null, not a record'],
		['a number', 5, 'entry 2 of its list is the number 5, not a record'],
		['a string', 'x', 'entry 2 of its list is the text "x", not a record'],
		['an array', [1], 'entry 2 of its list is a list, not a record'],
	])('Get Many with an entry that is %s fails clearly', async (_name, entry, said) => {
		scripted.server.setFallback({ body: { items: [{ id: 1, code: 'A' }, entry], page: 1, page_size: 500 } });
		expect((await failure(run(listCustomers))).message).toBe(`The answer to GET /acme/api/customers is not ExoConnect's data: ${said}`);
	});

	it.each([
		['"text"', jsonText('"text"'), 'the text "text"'],
		['null', jsonText('null'), 'JSON null'],
		['42', jsonText('42'), 'the number 42'],
	])('Get answered %s fails clearly', async (_name, answer, kind) => {
		scripted.server.setFallback(answer);
		expect((await failure(run(getCustomer))).message).toBe(
			`The answer to GET /acme/api/customers/by-code/JACHETE is not ExoConnect's data: ${kind} where ExoConnect sends a JSON object`,
		);
	});

	it('a JSON null list is an error that says so, not a bare TypeError', async () => {
		scripted.server.setFallback(jsonText('null'));
		const error = await failure(run(listCustomers));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe("The answer to GET /acme/api/customers is not ExoConnect's data: JSON null where ExoConnect sends a JSON object");
	});

	it('Helper › Get Entities with entries that are not objects fails clearly', async () => {
		scripted.server.setFallback({ body: { items: ['customers', 'products'] } });
		expect((await failure(run({ resource: 'helper', operation: 'getEntities' }))).message).toMatch(/entry 1 of its list is the text "customers", not a record$/);
	});

	it('a 5 MB detail is cut in the message and not kept whole in the error', async () => {
		const detail = 'x'.repeat(5_000_000);
		scripted.server.setFallback({ status: 400, body: { detail } });
		const error = await failure(run(getCustomer));
		expect(error.message.length).toBeLessThan(600);
		expect(error.message).toMatch(/^ExoConnect refused the data: x+…$/);
		expect(JSON.stringify(error).length).toBeLessThan(20_000);
		expect(JSON.stringify(error.cause ?? null).length + JSON.stringify(error.errorResponse ?? null).length).toBeLessThan(20_000);
	});

	it('a 5 MB validation list is cut too', async () => {
		const detail = Array.from({ length: 50_000 }, (_, i) => ({ loc: ['body', `field_${i}`], msg: 'y'.repeat(100) }));
		scripted.server.setFallback({ status: 422, body: { detail } });
		const error = await failure(run(getCustomer));
		expect(error.message.length).toBeLessThan(600);
		expect(JSON.stringify(error).length).toBeLessThan(20_000);
	});

	it('a Retry-After of 400 digits is no "Infinity seconds"', async () => {
		scripted.server.setFallback({ status: 429, headers: { 'retry-after': '9'.repeat(400) }, body: { detail: 'slow down' } });
		const error = await failure(run(getCustomer));
		expect(error.description).not.toMatch(/Infinity|NaN/);
		expect(error.description).toMatch(/ExoConnect asks to wait more than a day before trying again\./);
		expect(scripted.server.requests).toHaveLength(1);
	});
});

describe('a change feed whose cursor does not move is not read forever (item 9)', () => {
	const stuckUpdates: ScriptedAnswer = {
		body: { items: [{ entity: 'customers', id: 7, code: 'C7', event: 'updated', modified_at: '2026-03-05T10:00:00-05:00', record: null }], has_more: true, next_cursor: { since: '2026-03-05T10:00:00-05:00', cursor_id: 7 } },
	};
	const stuckExtract: ScriptedAnswer = {
		body: {
			items: [{ id: 7, code: 'P7', payment_date: '2026-03-01', sync: { cursor: { card_pos: 7, modified_at: '2026-03-05T10:00:00-05:00' } } }],
			count: 1,
			has_more: true,
			next_cursor: { modified_at: '2026-03-05T10:00:00-05:00', card_pos: 7 },
		},
	};

	it('Helper › Get Changes with Return All stops once the cursor stays where it was', async () => {
		scripted.server.setFallback(stuckUpdates);
		const out = await run({ resource: 'helper', operation: 'getChanges', entity: 'customers', returnAll: true, includeRecord: false });
		// the repeated change is not returned a second time
		expect(out.map((item) => item.json.id)).toEqual([7]);
		expect(scripted.server.requests.map((r) => r.query.cursor_id)).toEqual([undefined, '7']);
	});

	it.each([
		['Return All', { returnAll: true }],
		// a payment before the date asked: no page ever fills the Limit
		['a Limit and a local filter', { limit: 5, filters: { paymentDateFrom: '2027-01-01T00:00:00' } }],
	])('Get Many of an extract-backed resource with %s stops too', async (_name, parameters) => {
		scripted.server.setFallback(stuckExtract);
		const out = await run({ resource: 'customerPayment', operation: 'getAll', ...parameters });
		expect(out.length).toBeLessThanOrEqual(2);
		expect(scripted.server.requests).toHaveLength(2);
		expect(scripted.server.requests[1].query).toEqual(expect.objectContaining({ cursor_card_pos: '7' }));
	});

	it('a feed that keeps moving is capped with a clear error, as lists are', async () => {
		scripted.server.setFallback((request) => {
			const id = Number(request.query.cursor_id ?? 0) + 1;
			return { body: { items: [{ entity: 'customers', id, code: `C${id}`, event: 'updated', modified_at: 'T', record: null }], has_more: true, next_cursor: { since: 'T', cursor_id: id } } };
		});
		const ctx = createExecuteContext({ node: probe, parameters: {}, credentials: scripted.credentials });
		const pages: FeedPage[] = [];
		const error = await failure(
			(async () => {
				for await (const page of walkFeed(ctx, { feed: updatesFeed('customers'), from: {}, itemIndex: 2 }, () => 500, { retry: fast, maxPages: 3 })) pages.push(page);
			})(),
		);
		expect(pages).toHaveLength(3);
		expect(scripted.server.requests).toHaveLength(3);
		expect(error.message).toBe('The change feed of customers is longer than the node reads at once');
		expect(error.description).toMatch(/^The node stopped after 3 pages \(3 changes\) and ExoConnect still had more/);
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('a Relay Path that would send the calls elsewhere is refused at every request (item 11)', () => {
	it.each([
		['acme#', /^The Relay Path of the ExoConnect credential "acme#" holds "#"/],
		['acme?x=', /^The Relay Path of the ExoConnect credential "acme\?x=" holds "\?"/],
		['../other', /^The Relay Path of the ExoConnect credential "\.\.\/other" holds "\.\." as a part/],
		['acme/./x', /holds "\." as a part, which a web address reads as "this folder"/],
		['ac me', /holds a space/],
	])('%j: nothing is sent, not even a create', async (relayPath, message) => {
		scripted.server.setFallback({ status: 201, body: { success: true, created_id: 1 } });
		const credentials = { ...scripted.credentials, relayPath };
		const error = await failure(run({ resource: 'customer', operation: 'create', code: 'NEW-1', description: 'Nouveau', options: { returnFullRecord: false } }, credentials));
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/Copy the relay path again from the ExoConnect manager.* Nothing was sent to ExoConnect\.$/);
		expect(scripted.server.requests).toEqual([]);
	});

	it('keeps accepting the relay paths users write: slashes around, several parts, dots, dashes', async () => {
		scripted.server.setFallback({ body: { status: 'ok' } });
		const ctx = (relayPath: string) => createExecuteContext({ node: probe, parameters: {}, credentials: { ...scripted.credentials, relayPath } });
		for (const relayPath of ['/acme/', 'org/team-1', 'acme.ca', 'a_b~c', '']) {
			await apiRequest(ctx(relayPath), { method: 'GET', route: routes.status });
		}
		expect(scripted.server.requests.map((r) => r.path)).toEqual(['/acme/system/status', '/org/team-1/system/status', '/acme.ca/system/status', '/a_b~c/system/status', '/system/status']);
	});
});

describe('answers a read expects as a list keep working', () => {
	it('Get Many returns the records of well-formed pages', async () => {
		scripted.server.setFallback({ body: { items: [{ id: 1, code: 'A' }], page: 1, page_size: 500 } });
		expect((await run(listCustomers)).map((item) => item.json as IDataObject)).toEqual([{ id: 1, code: 'A' }]);
	});
});
