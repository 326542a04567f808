import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import type { RetryPolicy } from '../../nodes/ExoConnect/transport';
import { defaultRetryPolicy, listRecords } from '../../nodes/ExoConnect/transport';
import type { RecordedRequest, ScriptedAnswer } from '../helpers/scriptedServer';
import { useScriptedServer } from '../helpers/scriptedServer';


const products = resourceByKey('products') as ResourceDef;
const fast: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 };

const scripted = useScriptedServer((url) => ({ baseUrl: url, relayPath: 'acme', apiKey: 'k-123' }));
const context = () => scripted.context();

interface CollectionOptions {
	/** the server's own page size cap (the contract's is 500) */
	cap?: number;
	/** replace or remove (undefined) the totals the server reports */
	total?: number | undefined;
	totalPages?: number | undefined;
}

/** A collection of `count` products served by page, as the contract describes it (§2 List details). */
function collection(count: number, options: CollectionOptions = {}) {
	return (request: RecordedRequest): ScriptedAnswer => {
		const page = Number(request.query.page);
		const size = Math.min(Number(request.query.page_size), options.cap ?? 500);
		const start = (page - 1) * size;
		const items: IDataObject[] = [];
		for (let i = start; i < Math.min(start + size, count); i++) items.push({ id: i + 1, code: `P-${i + 1}` });
		const body: IDataObject = { items, page, page_size: size, total: count, total_pages: Math.ceil(count / size) };
		if ('total' in options) body.total = options.total;
		if ('totalPages' in options) body.total_pages = options.totalPages;
		return { body };
	};
}

/** `page=N&page_size=M` of every list request, by page (pages asked together may arrive in any order). */
const pagesAsked = () =>
	scripted.server.requests
		.map((r) => ({ page: Number(r.query.page), text: `${r.query.page}@${r.query.page_size}` }))
		.sort((a, b) => a.page - b.page)
		.map((r) => r.text);
const ids = (records: IDataObject[]) => records.map((r) => r.id);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('listRecords', () => {
	it('answers an empty collection with one request and no records', async () => {
		scripted.server.setFallback(collection(0));
		expect(await listRecords(context(), products, {}, undefined)).toEqual([]);
		expect(pagesAsked()).toEqual(['1@500']);
		expect(scripted.server.requests[0].path).toBe('/acme/api/inventory/products');
	});

	it('reads a collection that fits in one page with one request', async () => {
		scripted.server.setFallback(collection(30));
		const records = await listRecords(context(), products, {}, undefined);
		expect(ids(records)).toEqual(oneTo(30));
		expect(pagesAsked()).toEqual(['1@500']);
	});

	it('asks for one more page after an exact multiple of the page size even when total says the list ended', async () => {
		// 1000 records at 500: page 2 is full, and a total that is too small cannot be told from a right one
		scripted.server.setFallback(collection(1000));
		const records = await listRecords(context(), products, {}, undefined);
		expect(ids(records)).toEqual(oneTo(1000));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('asks for one more (empty) page after an exact multiple when the server gives no total', async () => {
		// without total a full page 2 may be followed by more, so only the empty page 3 ends the list
		scripted.server.setFallback(collection(1000, { total: undefined, totalPages: undefined }));
		const records = await listRecords(context(), products, {}, undefined);
		expect(ids(records)).toEqual(oneTo(1000));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('stops on a partial last page', async () => {
		scripted.server.setFallback(collection(1100, { total: undefined }));
		const records = await listRecords(context(), products, {}, undefined);
		expect(ids(records)).toEqual(oneTo(1100));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('does not lose records when total_pages is too small', async () => {
		scripted.server.setFallback(collection(1100, { totalPages: 1 }));
		const records = await listRecords(context(), products, {}, undefined);
		expect(ids(records)).toEqual(oneTo(1100));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('does not ask for pages past the end when total_pages is too large', async () => {
		// no total either: the short page 3 alone ends the list
		scripted.server.setFallback(collection(1100, { totalPages: 40, total: undefined }));
		const records = await listRecords(context(), products, {}, undefined);
		expect(ids(records)).toHaveLength(1100);
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('keeps reading when total is missing and total_pages is wrong', async () => {
		scripted.server.setFallback(collection(1200, { total: undefined, totalPages: 1 }));
		expect(ids(await listRecords(context(), products, {}, undefined))).toEqual(oneTo(1200));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('reads everything from a server whose page size cap is lower than 500', async () => {
		// the server serves 100 per page and says so in page_size: full pages of 100 are not "short"
		scripted.server.setFallback(collection(250, { cap: 100, total: undefined, totalPages: undefined }));
		expect(ids(await listRecords(context(), products, {}, undefined))).toEqual(oneTo(250));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('asks for exactly `limit` records when the limit is below the page size cap', async () => {
		scripted.server.setFallback(collection(1000));
		const records = await listRecords(context(), products, {}, 7);
		expect(ids(records)).toEqual(oneTo(7));
		expect(pagesAsked()).toEqual(['1@7']);
	});

	it('cuts a page that holds more than the limit (a server that ignores page_size)', async () => {
		scripted.server.setFallback({ body: { items: oneTo(50).map((id) => ({ id })), page: 1, page_size: 50, total: 50 } });
		expect(ids(await listRecords(context(), products, {}, 7))).toEqual(oneTo(7));
		expect(scripted.server.requests).toHaveLength(1);
	});

	it('reads a limit above the cap at 500 per page and stops as soon as it has enough', async () => {
		scripted.server.setFallback(collection(2000));
		const records = await listRecords(context(), products, {}, 1200);
		expect(ids(records)).toEqual(oneTo(1200));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('returns fewer than the limit when the collection is smaller', async () => {
		scripted.server.setFallback(collection(12));
		expect(ids(await listRecords(context(), products, {}, 100))).toEqual(oneTo(12));
		expect(pagesAsked()).toEqual(['1@100']);
	});

	it('sends the filters with every page', async () => {
		scripted.server.setFallback(collection(600));
		await listRecords(context(), products, { active_only: true, description_prefix: 'Café', product_group_code: 'G/1' }, undefined);
		expect(scripted.server.requests.map((r) => r.query)).toEqual([
			{ active_only: 'true', description_prefix: 'Café', product_group_code: 'G/1', page: '1', page_size: '500' },
			{ active_only: 'true', description_prefix: 'Café', product_group_code: 'G/1', page: '2', page_size: '500' },
		]);
	});

	it('fails on an answer without items, naming the address, rather than returning an empty list', async () => {
		scripted.server.setFallback({ body: { page: 1, page_size: 500 } });
		const error = await listRecords(context(), products, {}, undefined, 0).then(
			() => undefined,
			(e: unknown) => e as NodeApiError,
		);
		expect(error?.message).toBe(`The answer to GET /acme${products.path} is not ExoConnect's data: an object without items where ExoConnect sends a list`);
		expect(error?.description).toMatch(/Base URL "http:\/\/127\.0\.0\.1:\d+", Relay Path "acme"/);
		expect(scripted.server.requests).toHaveLength(1);
	});

	it('says so when the page cap cuts a list, instead of returning it cut short', async () => {
		scripted.server.setFallback((request) => ({
			body: { items: oneTo(500).map((i) => ({ id: (Number(request.query.page) - 1) * 500 + i })), page: Number(request.query.page), page_size: 500 },
		}));
		const error = await listRecords(context(), products, {}, undefined, 2, { maxPages: 3 }).then(
			() => undefined,
			(e: unknown) => e as NodeOperationError,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('The list of products is longer than the node reads at once');
		expect(error?.description).toContain('stopped after 3 pages (1,500 records) and ExoConnect still had more');
		expect(error?.context.itemIndex).toBe(2);
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('returns a list that ends exactly at the page cap', async () => {
		scripted.server.setFallback(collection(1400));
		expect(ids(await listRecords(context(), products, {}, undefined, 0, { maxPages: 3 }))).toEqual(oneTo(1400));
	});

	it.each([
		['a total that is too small', { total: 600 }],
		['a total of one page', { total: 500, totalPages: 1 }],
	])('keeps reading while pages come full despite %s', async (_name, lie) => {
		scripted.server.setFallback(collection(1300, lie));
		expect(ids(await listRecords(context(), products, {}, undefined))).toEqual(oneTo(1300));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});

	it('throws the mapped error of a failing page, with the item index', async () => {
		const pages = collection(1200);
		scripted.server.setFallback((request, index) => (index === 0 ? pages(request) : { status: 401, body: { detail: 'Invalid API key' } }));
		const error = await listRecords(context(), products, {}, undefined, 3, { retry: fast }).then(
			() => undefined,
			(e: unknown) => e as NodeApiError,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('ExoConnect rejected the API key');
		expect(error?.context.itemIndex).toBe(3);
		// once page 1 told the total, pages 2 and 3 were asked for together; both settled before the error
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500']);
	});
});


describe('listRecords in parallel', () => {
	it('asks for the pages after the first a few at a time once the total is known, and keeps their order', async () => {
		// answers out of order: later pages answer first
		const pages = collection(2600);
		scripted.server.setFallback((request) => ({ ...pages(request), delayMs: 40 - Number(request.query.page) * 5 }));
		const records = await listRecords(context(), products, {}, undefined, 0);
		expect(ids(records)).toEqual(oneTo(2600));
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500', '4@500', '5@500', '6@500']);
	});

	it('asks for the closing page of an exactly full list first, so that its short answer never holds back the end', async () => {
		scripted.server.setFallback(collection(5000)); // ten full pages, then the empty page 11 that closes the list
		const records = await listRecords(context(), products, {}, undefined, 0);
		expect(ids(records)).toEqual(oneTo(5000));
		// an empty closing page does not stop the asking: every page up to it is read
		expect(scripted.server.requests.map((r) => Number(r.query.page))).toEqual([1, 11, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('throws the failure of a closing page asked first once the records reach it, after every page settled', async () => {
		const pages = collection(2000);
		scripted.server.setFallback((request) => (request.query.page === '5' ? { status: 401, body: { detail: 'Invalid API key' } } : pages(request)));
		const error = await listRecords(context(), products, {}, undefined, 1, { retry: fast }).then(
			() => undefined,
			(e: unknown) => e as NodeApiError,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.context.itemIndex).toBe(1);
		expect(pagesAsked()).toEqual(['1@500', '2@500', '3@500', '4@500', '5@500']);
	});

	it('keeps four pages on the wire: a slow page holds back only itself, and the records keep their order', async () => {
		const pages = collection(4600); // pages 2 to 10 after the first
		let onWire = 0;
		let most = 0;
		const askedWhilePage2Pending: number[] = [];
		let page2Pending = false;
		scripted.server.setFallback((request) => {
			const page = Number(request.query.page);
			if (page2Pending) askedWhilePage2Pending.push(page);
			if (page === 2) page2Pending = true;
			most = Math.max(most, ++onWire);
			const delayMs = page === 2 ? 300 : 10;
			// set before the server's own reply timer of the same delay: it fires first
			// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals -- test tooling: mirrors the scripted server's reply timer
			setTimeout(() => {
				onWire--;
				if (page === 2) page2Pending = false;
			}, delayMs);
			return { ...pages(request), delayMs };
		});
		const records = await listRecords(context(), products, {}, undefined, 0);
		expect(ids(records)).toEqual(oneTo(4600));
		// while page 2 took its time, the three other slots went on through pages 3 to 10
		expect(askedWhilePage2Pending).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
		expect(most).toBe(4);
	});
});
