/**
 * One decimal parser everywhere (issue 20 item 12, issue 19): "1,234" is refused as ambiguous with a message
 * naming the field, item and line; "0x10" is no number in the transport's feeds nor in the trigger's options.
 */
import type { INodeParameters } from 'n8n-workflow';

import { extractFeed } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { feedPage } from '../../nodes/ExoConnect/transport';
import { readConfig } from '../../nodes/ExoConnect/trigger/config';
import { decimalFromText, isAmbiguousDecimal } from '../../nodes/ExoConnect/userInput';
import { createExecuteContext, createPollContext, runNode } from '../helpers/n8n';
import { probe } from '../helpers/probe';
import { useScriptedServer } from '../helpers/scriptedServer';

const scripted = useScriptedServer((url) => ({ baseUrl: url, relayPath: 'acme', apiKey: 'k-123' }));
const run = async (parameters: Record<string, unknown>) =>
	(await runNode({ node: new ExoConnect(), parameters: parameters as INodeParameters, credentials: scripted.credentials }))[0];
const failure = async (promise: Promise<unknown>) =>
	await promise.then(
		() => {
			throw new Error('expected a failure');
		},
		(error: unknown) => error as Error & { description?: string },
	);
const AMBIGUOUS = /"1,234" is ambiguous: a comma followed by three digits may separate thousands \(1234\) or decimals \(1\.234\); write it without the comma or with a dot/;

describe('decimalFromText, the one decimal parser', () => {
	it.each([
		['12.50', 12.5],
		['12,50', 12.5],
		[' -3 ', -3],
		['1,2345', 1.2345],
		['1,2', 1.2],
		['1234', 1234],
		['1.234', 1.234],
	])('reads %j as %d', (text, value) => {
		expect(decimalFromText(text)).toBe(value);
	});

	it.each(['1,234', '-1,234', ' 12,500 ', '0x10', '1e3', '', ' ', '1,234,567', '12.50.1', 'Infinity', '١٢'])('refuses %j', (text) => {
		expect(decimalFromText(text)).toBeUndefined();
	});

	it('calls a comma followed by exactly three digits ambiguous, and nothing else', () => {
		expect(['1,234', '-1,234', '0,500'].every(isAmbiguousDecimal)).toBe(true);
		expect(['1,23', '1,2345', '1.234', '1234', '1,234,567'].some(isAmbiguousDecimal)).toBe(false);
	});
});

describe('"1,234" is refused before sending, naming the field, the item and the line', () => {
	beforeEach(() => scripted.server.setFallback({ status: 201, body: { success: true, created_id: 1 } }));

	it('a quantity on a line of the form', async () => {
		const error = await failure(
			run({
				resource: 'quote',
				operation: 'create',
				customerCode: { __rl: true, mode: 'code', value: 'JACHETE' },
				linesSource: 'fields',
				lines: { line: [{ lineType: 'product', sku: 'WIDGET-001', quantity: 1 }, { lineType: 'product', sku: 'WIDGET-002', quantity: '1,234' }] },
			}),
		);
		expect(error.message).toMatch(new RegExp(`^Line 2, Quantity: ${AMBIGUOUS.source}`));
		expect(error.description).toMatch(/^Item 1 was not sent to ExoConnect/);
		expect(scripted.server.requests).toEqual([]);
	});

	it('a unit price in lines given as JSON', async () => {
		const error = await failure(
			run({
				resource: 'quote',
				operation: 'create',
				customerCode: { __rl: true, mode: 'code', value: 'JACHETE' },
				linesSource: 'json',
				linesJson: '[{"sku": "WIDGET-001", "ordered_qty": 2, "unit_price": "1,234"}]',
			}),
		);
		expect(error.message).toMatch(new RegExp(`^Line 1, Unit Price: ${AMBIGUOUS.source}`));
		expect(scripted.server.requests).toEqual([]);
	});

	it('a number field under Additional Fields', async () => {
		const error = await failure(
			run({ resource: 'customer', operation: 'create', code: 'NEW-1', description: 'Nouveau', additionalFields: { creditLimit: '1,234' } }),
		);
		expect(error.message).toMatch(new RegExp(`^Credit Limit: ${AMBIGUOUS.source}`));
		expect(scripted.server.requests).toEqual([]);
	});

	it('still reads "12,50" as 12.5 and sends it', async () => {
		await run({ resource: 'customer', operation: 'create', code: 'NEW-1', description: 'Nouveau', additionalFields: { creditLimit: '12,50' }, options: { returnFullRecord: false } });
		expect(scripted.server.requests[0].body).toEqual({ code: 'NEW-1', description: 'Nouveau', credit_limit: 12.5 });
	});
});

describe('"0x10" is no number outside the form either', () => {
	it('in a feed answer: a card_pos of "0x10" is not read as 16', async () => {
		scripted.server.setFallback({
			body: { items: [{ id: 3, code: 'P3', sync: { cursor: { card_pos: '0x10', modified_at: 'T1' } } }], has_more: false, next_cursor: { modified_at: 'T1', card_pos: '0x10' } },
		});
		const ctx = createExecuteContext({ node: probe, parameters: {}, credentials: scripted.credentials });
		const page = await feedPage(ctx, { feed: extractFeed('customer_payments', '/api/customer-payments/extract'), from: {} }, {}, 10);
		expect(page.changes.map((c) => c.id)).toEqual([3]);
		expect(page.next.id).toBe(3);
	});

	it.each([
		['Max Changes per Poll', { maxChanges: '0x10' }],
		['Late Change Window (Seconds)', { lateChangeWindow: '0x10' }],
		['Max Changes per Poll', { maxChanges: '1,234' }],
	])('in the trigger\'s option %s', (name, options) => {
		const ctx = createPollContext({
			node: new ExoConnectTrigger(),
			parameters: { entity: 'customers', options },
			credentials: scripted.credentials,
			staticData: {},
		});
		expect(() => readConfig(ctx)).toThrow(`${name} must be a number from`);
	});

	it('the trigger still reads its options written as text', () => {
		const ctx = createPollContext({
			node: new ExoConnectTrigger(),
			parameters: { entity: 'customers', options: { maxChanges: ' 250 ', lateChangeWindow: '30' } },
			credentials: scripted.credentials,
			staticData: {},
		});
		expect(readConfig(ctx)).toEqual(expect.objectContaining({ maxChanges: 250, windowMs: 30_000 }));
	});
});
