/** The one keyset walker, over both cursor spellings (updates helper §5.1, extract §8.1), against a scripted scripted.server. */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { extractFeed, updatesFeed, updatesLimits } from '../../nodes/ExoConnect/catalog';
import type { FeedPage, FeedQuery, RetryPolicy } from '../../nodes/ExoConnect/transport';
import { atOrBefore, defaultRetryPolicy, feedPage, walkFeed } from '../../nodes/ExoConnect/transport';
import type { ScriptedAnswer } from '../helpers/scriptedServer';
import { useScriptedServer } from '../helpers/scriptedServer';

const fast: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 };

const scripted = useScriptedServer((url) => ({ baseUrl: url, relayPath: 'acme', apiKey: 'k-123' }));
const context = () => scripted.context();

const update = (id: number, at: string, event = 'updated') => ({ entity: 'customers', id, code: `C${id}`, event, modified_at: at, record: null });

function updatesPage(items: IDataObject[], hasMore: boolean, next: { since: string; cursor_id: number }): ScriptedAnswer {
	return { body: { items, count: items.length, has_more: hasMore, next_cursor: next } };
}

async function collect(pages: AsyncGenerator<FeedPage>): Promise<{ pages: FeedPage[]; error?: NodeApiError }> {
	const seen: FeedPage[] = [];
	try {
		for await (const page of pages) seen.push(page);
	} catch (error) {
		return { pages: seen, error: error as NodeApiError };
	}
	return { pages: seen };
}

const customers: FeedQuery = { feed: updatesFeed('customers'), from: { at: '2026-03-05T10:00:00-05:00', id: 3 }, includeRecord: false };

describe('walkFeed over the updates helper', () => {
	it('follows next_cursor from page to page until has_more is false, asking pageSize() before each request', async () => {
		scripted.server.enqueue(
			updatesPage([update(4, 'T1'), update(5, 'T1')], true, { since: 'T1', cursor_id: 5 }),
			updatesPage([update(6, 'T1'), update(2, 'T2')], true, { since: 'T2', cursor_id: 2 }),
			updatesPage([update(9, 'T3')], false, { since: 'T3', cursor_id: 9 }),
		);
		const sizes = [2, 7, 1];
		const { pages, error } = await collect(walkFeed(context(), customers, () => sizes.shift() ?? 0));
		expect(error).toBeUndefined();
		expect(pages.map((p) => p.changes.map((c) => c.id))).toEqual([[4, 5], [6, 2], [9]]);
		expect(scripted.server.requests[0].path).toBe('/acme/api/helpers/updates');
		expect(scripted.server.requests.map((r) => r.query)).toEqual([
			{ entity: 'customers', since: '2026-03-05T10:00:00-05:00', cursor_id: '3', limit: '2', include_record: 'false' },
			{ entity: 'customers', since: 'T1', cursor_id: '5', limit: '7', include_record: 'false' },
			{ entity: 'customers', since: 'T2', cursor_id: '2', limit: '1', include_record: 'false' },
		]);
	});

	it('reads the credential once for all the pages of one walk (one session), not once per page', async () => {
		scripted.server.enqueue(
			updatesPage([update(4, 'T1')], true, { since: 'T1', cursor_id: 4 }),
			updatesPage([update(5, 'T2')], true, { since: 'T2', cursor_id: 5 }),
			updatesPage([update(6, 'T3')], false, { since: 'T3', cursor_id: 6 }),
		);
		const ctx = context();
		const getCredentials = ctx.getCredentials.bind(ctx);
		let reads = 0;
		ctx.getCredentials = (async (...args: Parameters<typeof getCredentials>) => {
			reads++;
			return await getCredentials(...args);
		}) as typeof ctx.getCredentials;
		const { pages } = await collect(walkFeed(ctx, customers, () => 5));
		expect(pages).toHaveLength(3);
		expect(reads).toBe(1);
	});

	it('sends cursor_id=0 with a time alone ("at or after"), and nothing of the cursor from the oldest change', async () => {
		scripted.server.setFallback(updatesPage([], false, { since: 'T0', cursor_id: 0 }));
		await collect(walkFeed(context(), { ...customers, from: { at: '2026-03-05T10:00:00-05:00' } }, () => 5));
		await collect(walkFeed(context(), { ...customers, from: {}, includeRecord: true }, () => 5000));
		expect(scripted.server.requests.map((r) => r.query)).toEqual([
			{ entity: 'customers', since: '2026-03-05T10:00:00-05:00', cursor_id: '0', limit: '5', include_record: 'false' },
			{ entity: 'customers', limit: String(updatesLimits.maxLimit), include_record: 'true' },
		]);
	});

	it('stops on an empty page even when has_more says otherwise, and when pageSize() says 0', async () => {
		scripted.server.enqueue(updatesPage([], true, { since: 'T1', cursor_id: 1 }));
		scripted.server.setFallback(updatesPage([update(1, 'T9')], true, { since: 'T9', cursor_id: 1 }));
		expect((await collect(walkFeed(context(), customers, () => 5))).pages.map((p) => p.changes)).toEqual([[]]);
		let left = 2;
		const { pages } = await collect(walkFeed(context(), customers, () => left--));
		expect(pages).toHaveLength(2);
		expect(scripted.server.requests).toHaveLength(3);
	});

	it("keeps only the asked entity's changes from a server that ignores `entity`, moving over the others", async () => {
		const product = (id: number, at: string) => ({ ...update(id, at), entity: 'products', code: `P${id}` });
		const at = '2026-03-05T10:00:05-05:00';
		scripted.server.enqueue(
			// only other entities' changes: not the feed's end, and counted for nothing
			updatesPage([product(4, at), product(5, at)], true, { since: at, cursor_id: 5 }),
			// a page ending on another entity's change is followed from one id before it: a customer may share its keyset
			updatesPage([update(6, at), product(7, at)], true, { since: at, cursor_id: 7 }),
			updatesPage([product(7, at), update(7, at), product(8, at)], false, { since: at, cursor_id: 8 }),
		);
		const sizes: number[] = [];
		let kept = 0;
		const walk = walkFeed(context(), customers, () => (sizes.push(3 - kept), 3 - kept));
		const pages: FeedPage[] = [];
		for await (const page of walk) {
			pages.push(page);
			kept += page.changes.length;
		}
		expect(pages.map((p) => p.changes.map((c) => `${c.entity}:${c.id}`))).toEqual([[], ['customers:6'], ['customers:7']]);
		expect(sizes).toEqual([3, 3, 2]);
		expect(scripted.server.requests.map((r) => [r.query.cursor_id, r.query.limit])).toEqual([
			['3', '3'],
			['4', '3'],
			['6', '2'],
		]);
		expect(pages.at(-1)?.passed).toEqual({ at, id: 7 });
	});

	it('keeps a change whose entity is written some other way: only another entity of the catalog is dropped', async () => {
		scripted.server.enqueue(updatesPage([{ ...update(4, 'T1'), entity: 'Customer' }, { ...update(5, 'T1'), entity: 'suppliers' }], false, { since: 'T1', cursor_id: 5 }));
		const { pages } = await collect(walkFeed(context(), customers, () => 5));
		expect(pages.map((p) => p.changes.map((c) => `${c.entity}:${c.id}`))).toEqual([['Customer:4']]);
	});

	describe('with a wider request (widen)', () => {
		/** pageSize() for a walk of one page */
		const once = (size: number) => {
			let left = 1;
			return () => (left-- > 0 ? size : 0);
		};
		const S = '2026-03-05T10:00:05-05:00';
		const widened: FeedQuery = {
			...customers,
			from: { at: S, id: 3 },
			widen: (_, size) => ({ from: { at: '2026-03-05T10:00:04-05:00', id: 99 }, limit: size + 2 }),
		};

		it('asks the wider request and keeps only what comes after the cursor, at most pageSize() of it', async () => {
			scripted.server.enqueue(
				updatesPage([update(1, S), update(3, S), update(4, S, 'created'), update(5, S), update(6, S)], true, { since: S, cursor_id: 6 }),
			);
			const { pages } = await collect(walkFeed(context(), widened, once(2)));
			expect(pages[0].changes.map((c) => [c.id, c.event])).toEqual([[4, 'created'], [5, 'updated']]);
			// the page was trimmed: the next one starts after the last change kept, not after the answer's end
			expect(pages[0].next).toEqual({ at: S, id: 5 });
			expect(scripted.server.requests[0].query).toEqual(expect.objectContaining({ since: '2026-03-05T10:00:04-05:00', cursor_id: '99', limit: '4' }));
		});

		it('probe: asks strictly after the cursor first, and the wider request only when something is there', async () => {
			const probing: FeedQuery = { ...widened, widen: (_, size) => ({ from: { at: '2026-03-05T10:00:04-05:00', id: 99 }, limit: size, probe: true }) };
			scripted.server.enqueue(
				updatesPage([], false, { since: S, cursor_id: 3 }),
				updatesPage([update(4, S)], false, { since: S, cursor_id: 4 }),
				updatesPage([update(1, S), update(4, S, 'created')], false, { since: S, cursor_id: 4 }),
			);
			expect((await collect(walkFeed(context(), probing, once(5)))).pages.map((p) => p.changes)).toEqual([[]]);
			const { pages } = await collect(walkFeed(context(), probing, once(5)));
			expect(pages.map((p) => p.changes.map((c) => [c.id, c.event]))).toEqual([[[4, 'created']]]);
			expect(scripted.server.requests.map((r) => [r.query.since, r.query.cursor_id])).toEqual([
				[S, '3'],
				[S, '3'],
				['2026-03-05T10:00:04-05:00', '99'],
			]);
		});

		it('asks the wider request again at the feed maximum when changes up to the cursor fill it (a late commit behind the cursor)', async () => {
			scripted.server.enqueue(
				updatesPage([update(1, S), update(2, S)], true, { since: S, cursor_id: 2 }),
				updatesPage([update(1, S), update(2, S), update(7, S, 'created')], false, { since: S, cursor_id: 7 }),
			);
			const { pages } = await collect(walkFeed(context(), widened, once(5)));
			expect(pages.map((p) => p.changes.map((c) => [c.id, c.event]))).toEqual([[[7, 'created']]]);
			expect(scripted.server.requests.map((r) => [r.query.since, r.query.cursor_id, r.query.limit])).toEqual([
				['2026-03-05T10:00:04-05:00', '99', '7'],
				['2026-03-05T10:00:04-05:00', '99', String(updatesLimits.maxLimit)],
			]);
		});

		it('asks strictly after the cursor when even the feed maximum holds only changes up to it', async () => {
			scripted.server.enqueue(
				updatesPage([update(1, S), update(2, S)], true, { since: S, cursor_id: 2 }),
				updatesPage([update(1, S), update(2, S)], true, { since: S, cursor_id: 2 }),
				updatesPage([update(7, S)], false, { since: S, cursor_id: 7 }),
			);
			const { pages } = await collect(walkFeed(context(), widened, once(5)));
			expect(pages.map((p) => p.changes.map((c) => c.id))).toEqual([[7]]);
			expect(scripted.server.requests.map((r) => [r.query.since, r.query.cursor_id, r.query.limit])).toEqual([
				['2026-03-05T10:00:04-05:00', '99', '7'],
				['2026-03-05T10:00:04-05:00', '99', String(updatesLimits.maxLimit)],
				[S, '3', '5'],
			]);
		});
	});

	it('yields the earlier pages before a failing page throws the mapped error', async () => {
		scripted.server.enqueue(updatesPage([update(4, 'T1')], true, { since: 'T1', cursor_id: 4 }), { status: 500, body: { detail: 'database is locked' } });
		const { pages, error } = await collect(walkFeed(context(), { ...customers, itemIndex: 0 }, () => 10, { retry: fast }));
		expect(pages.map((p) => p.changes.map((c) => c.id))).toEqual([[4]]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.description).toContain('database is locked');
		expect(scripted.server.requests.map((r) => r.query.cursor_id)).toEqual(['3', '4']);
	});
});

describe('walkFeed over an extract', () => {
	const payments = extractFeed('customer_payments', '/api/customers/payments/extract');
	const payment = (id: number, at: string, deleted = false) => ({
		id,
		code: `PAI-${id}`,
		status: { is_active: !deleted, is_deleted: deleted },
		metadata: { unique_id: `u${id}`, updated_at: at },
		sync: { cursor: { card_pos: id, modified_at: at }, extracted_at: at, organisation_id: 1 },
	});

	it('spells the cursor cursor_modified_at / cursor_card_pos, reads next_cursor {modified_at, card_pos}, and names events without guessing', async () => {
		scripted.server.enqueue(
			{ body: { items: [payment(7, 'T1'), payment(8, 'T2', true)], count: 2, has_more: true, next_cursor: { modified_at: 'T2', card_pos: 8 } } },
			{ body: { items: [payment(9, 'T3')], count: 1, has_more: false, next_cursor: { modified_at: 'T3', card_pos: 9 } } },
		);
		const { pages } = await collect(
			walkFeed(context(), { feed: payments, from: { at: 'T0', id: 6 }, filters: { customer_code: 'JACHETE' } }, () => 2),
		);
		expect(scripted.server.requests.map((r) => [r.path, r.query])).toEqual([
			['/acme/api/customers/payments/extract', { customer_code: 'JACHETE', cursor_modified_at: 'T0', cursor_card_pos: '6', limit: '2' }],
			['/acme/api/customers/payments/extract', { customer_code: 'JACHETE', cursor_modified_at: 'T2', cursor_card_pos: '8', limit: '2' }],
		]);
		expect(pages.flatMap((p) => p.changes.map((c) => [c.id, c.code, c.event, c.modified_at]))).toEqual([
			[7, 'PAI-7', 'changed', 'T1'],
			[8, 'PAI-8', 'deleted', 'T2'],
			[9, 'PAI-9', 'changed', 'T3'],
		]);
		expect(pages[0].changes[0].record).toEqual(payment(7, 'T1'));
	});

	it('continues after the last item when a server leaves next_cursor out', async () => {
		scripted.server.enqueue({ body: { items: [payment(7, '2026-03-05T10:00:00-05:00')], has_more: true } });
		const page = await feedPage(context(), { feed: payments, from: {} }, {}, 50);
		expect(page.next).toEqual({ at: '2026-03-05T10:00:00-05:00', id: 7 });
	});
});

describe('atOrBefore', () => {
	const mark = { at: '2026-03-05T10:00:00-05:00', id: 5 };
	it('orders by time, then id; a mark without id sits before its second', () => {
		expect(atOrBefore(mark, '2026-03-05T14:59:59Z', 99)).toBe(true);
		expect(atOrBefore(mark, '2026-03-05T15:00:00Z', 5)).toBe(true);
		expect(atOrBefore(mark, '2026-03-05T15:00:00Z', 6)).toBe(false);
		expect(atOrBefore({ at: mark.at }, '2026-03-05T10:00:00-05:00', 1)).toBe(false);
		expect(atOrBefore({}, '2000-01-01T00:00:00Z', 1)).toBe(false);
	});
});
