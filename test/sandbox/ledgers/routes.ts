/**
 * The routes of contract §8 over the ledgers: page lists with the documented filters, lookups by id (and
 * by code where the catalog has it), the two creates, a payment's lines, the `…/extract` feeds (§8.1:
 * strictly after (modified_at, card_pos), deleted records kept) and the SDK windows. Every path comes
 * from the catalog; anything else is left to the record routes (undefined).
 */
import type { FilterDef, ResourceDef } from '../../../nodes/ExoConnect/catalog';
import { listFiltersOf, listLimits, lookupSegments, lookupsOf, offers, resources, routes, updatesLimits } from '../../../nodes/ExoConnect/catalog';
import { createSchema, validate } from '../../../nodes/ExoConnect/schemas';
import { isoWithOffset } from '../clock';
import { ApiError, invalid } from '../errors';
import type { ApiAnswer, ApiRequest } from '../routes';
import { boolParam, intParam, timeParam } from '../routes';
import type { Json, StoredRecord } from '../store';
import type { LedgerKey, Ledgers } from './book';
import type { SdkWindows } from './windows';

/** The §8 resources: the catalog's resources that the updates helper does not serve. */
const ledgerResources = resources.filter((r) => r.extract !== undefined);

/** Where each filter looks in the documented record. */
const FILTER_PATHS: Record<string, string> = {
	customer_id: 'customer.id',
	customer_code: 'customer.code',
	supplier_id: 'supplier.id',
	supplier_code: 'supplier.code',
	product_id: 'product.id',
	product_code: 'product.code',
	transaction_type: 'transaction_type.id',
	invoice_type: 'invoice_type.id',
	payment_type: 'payment_type.id',
	bank_number: 'bank_number',
};

const valueAt = (record: Json, path: string): unknown =>
	path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Json)[key] : undefined), record);

type Test = (record: StoredRecord, rendered: Json) => boolean;

function filterTests(resource: ResourceDef, query: Record<string, string>): Test[] {
	const tests: Test[] = [];
	for (const filter of listFiltersOf(resource) as FilterDef[]) {
		const raw = query[filter.name];
		if (raw === undefined || raw === '') continue;
		if (filter.name === 'active_only') {
			if (boolParam(query, filter.name, false)) tests.push((_, r) => (r.status as Json).is_active !== false);
		} else if (filter.name === 'on_hold_only') {
			// a customer payment is on hold when one of its lines is; a supplier payment shows no such flag
			if (boolParam(query, filter.name, false)) tests.push((record) => ((record.data._lines as Json[] | undefined) ?? []).some((l) => l.on_hold === true));
		} else if (filter.name === 'from_datetime' || filter.name === 'to_datetime') {
			const bound = timeParam(query, filter.name) as number;
			tests.push(filter.name === 'from_datetime' ? (record) => record.modifiedAt >= bound : (record) => record.modifiedAt <= bound);
		} else if (filter.name === 'description_prefix') {
			const prefix = raw.toLocaleLowerCase('fr');
			tests.push((_, r) => String(r.name ?? r.description ?? '').toLocaleLowerCase('fr').startsWith(prefix));
		} else {
			if (filter.kind === 'integer' || filter.kind === 'enumeration') intParam(query, filter.name, 0, 0);
			const path = FILTER_PATHS[filter.name] ?? filter.name;
			tests.push((_, r) => String(valueAt(r, path) ?? '') === raw.trim());
		}
	}
	return tests;
}

function matching(book: Ledgers, resource: ResourceDef, records: StoredRecord[], query: Record<string, string>): StoredRecord[] {
	const tests = filterTests(resource, query);
	if (!tests.length) return records;
	const entity = resource.key as LedgerKey;
	return records.filter((record) => {
		const rendered = book.render(entity, record);
		return tests.every((test) => test(record, rendered));
	});
}

function list(book: Ledgers, resource: ResourceDef, query: Record<string, string>, keep: (r: StoredRecord) => boolean = () => true): ApiAnswer {
	const entity = resource.key as LedgerKey;
	const page = intParam(query, 'page', 1, 1);
	const pageSize = intParam(query, 'page_size', listLimits.defaultPageSize, 1, listLimits.maxPageSize);
	const brief = boolParam(query, 'brief', true);
	const records = matching(book, resource, book.store.table(entity).liveRecords().filter(keep), query);
	const slice = records.slice((page - 1) * pageSize, page * pageSize);
	return {
		status: 200,
		body: {
			items: slice.map((r) => (brief ? book.brief(entity, r) : book.render(entity, r))),
			page,
			page_size: pageSize,
			total: records.length,
			total_pages: Math.ceil(records.length / pageSize),
		},
	};
}

/** §8.1: full records strictly after (cursor_modified_at, cursor_card_pos), oldest first, deleted ones kept. */
function extract(book: Ledgers, resource: ResourceDef, query: Record<string, string>): ApiAnswer {
	const entity = resource.key as LedgerKey;
	const limit = intParam(query, 'limit', updatesLimits.defaultLimit, 1, updatesLimits.maxLimit);
	const at = timeParam(query, 'cursor_modified_at');
	const pos = query.cursor_card_pos === undefined || query.cursor_card_pos === '' ? undefined : intParam(query, 'cursor_card_pos', 0, 0);
	const order = matching(book, resource, book.store.table(entity).changeOrder(), query);
	const after = (r: StoredRecord) => at === undefined || r.modifiedAt > at || (r.modifiedAt === at && pos !== undefined && r.id > pos);
	const start = order.findIndex(after);
	const page = start < 0 ? [] : order.slice(start, start + limit);
	const last = page.at(-1);
	return {
		status: 200,
		body: {
			items: page.map((r) => book.render(entity, r)),
			count: page.length,
			has_more: start >= 0 && start + page.length < order.length,
			next_cursor: last
				? { modified_at: isoWithOffset(last.modifiedAt), card_pos: last.id }
				: { modified_at: query.cursor_modified_at ?? null, card_pos: pos ?? null },
		},
	};
}

function find(book: Ledgers, resource: ResourceDef, by: string, key: string): StoredRecord {
	const table = book.store.table(resource.key);
	let record: StoredRecord | undefined;
	if (by === lookupSegments.code) record = table.holder(key);
	else {
		if (!/^\d+$/.test(key)) throw invalid(['path', 'id'], 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing');
		record = table.records.get(Number(key));
	}
	if (!record || record.isDeleted) throw new ApiError(404, `${resource.displayName} ${key} not found`);
	return record;
}

/** The body as the catalog's schema reads it; `<party>_id` stands for `<party>_code`; our own keys dropped. */
function createBody(book: Ledgers, resource: ResourceDef, body: unknown, party: 'customer' | 'supplier'): Json {
	const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
	const clean = Object.fromEntries(Object.entries(input).filter(([key]) => !key.startsWith('_')));
	const resolved = book.resolvePartyId(clean, party);
	const result = validate<Json>(createSchema(resource), resolved);
	if (!result.ok) {
		throw new ApiError(422, result.problems.map((p) => ({ loc: ['body', ...p.path], msg: p.message, type: p.message === 'is required' ? 'missing' : 'value_error' })));
	}
	return result.value;
}

const notAllowed = (allowed: string[]) => new ApiError(405, 'Method Not Allowed', { allow: allowed.join(', ') });

/** `C/by-…/{key}` and `C/by-id/{id}/{sub}` of a §8 resource, from the catalog's record paths. */
function recordRequest(path: string): { resource: ResourceDef; by: string; key: string; sub?: string } | undefined {
	for (const resource of ledgerResources) {
		const base = `${resource.recordPath ?? resource.path}/`;
		if (!offers(resource, 'get') || !path.startsWith(base)) continue;
		const [by, rawKey, sub, ...rest] = path.slice(base.length).split('/');
		const known = lookupsOf(resource).map((l) => lookupSegments[l] as string);
		if (!known.includes(by) || !rawKey || rest.length) continue;
		if (sub !== undefined && !(by === lookupSegments.id && resource.subLists?.some((s) => s.key === sub))) continue;
		try {
			return { resource, by, key: decodeURIComponent(rawKey), sub };
		} catch {
			return undefined;
		}
	}
	return undefined;
}

/** Answers a §8 request, or undefined when the path is not one of §8's. */
export function ledgerAnswer(book: Ledgers, windows: SdkWindows, request: ApiRequest): ApiAnswer | undefined {
	const { method, path, query } = request;
	const read = (run: () => ApiAnswer) => {
		if (method !== 'GET') throw notAllowed(['GET']);
		return run();
	};
	if (path === routes.sdkWindows) return read(() => ({ status: 200, body: windows.answer(query.organisation_id) }));
	if (path === routes.arInvoices) {
		// the receivables ledger's invoices only
		const ledger = ledgerResources.find((r) => r.key === 'customer_transactions') as ResourceDef;
		return read(() => list(book, ledger, query, (r) => (r.data.transaction_type as Json).id === 3));
	}
	for (const resource of ledgerResources) {
		const entity = resource.key as LedgerKey;
		if (resource.extract && path === resource.extract) return read(() => extract(book, resource, query));
		const hasList = offers(resource, 'getMany') && resource.many !== 'extract';
		const createHere = offers(resource, 'create') && path === (resource.createPath ?? resource.path);
		if (createHere && method === 'POST') {
			const party = entity === 'customer_transactions' ? 'customer' : 'supplier';
			const body = createBody(book, resource, request.body, party);
			const record = entity === 'customer_transactions' ? book.createArTransaction(body) : book.createApInvoice(body);
			return { status: 201, body: { success: true, created_id: record.id } };
		}
		if (hasList && path === resource.path) {
			if (method !== 'GET') throw notAllowed(createHere ? ['GET', 'POST'] : ['GET']);
			return list(book, resource, query);
		}
		if (createHere) throw notAllowed(['POST']);
	}
	const route = recordRequest(path);
	if (!route) return undefined;
	if (method !== 'GET') throw notAllowed(['GET']);
	const entity = route.resource.key as LedgerKey;
	const record = find(book, route.resource, route.by, route.key);
	if (route.sub) {
		const items = book.paymentLines(record);
		return { status: 200, body: { items, count: items.length } };
	}
	return { status: 200, body: book.render(entity, record) };
}
