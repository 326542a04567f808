/**
 * The API's routes, answered from the store: lists, lookups, create, update (contract §2–4), the helpers
 * (§5) and the status (§6), for the record resources of §3 (§8 is answered in ledgers/). Every path
 * comes from the catalog; query errors are FastAPI's 422s.
 */
import type { EntityKey, FilterDef, ResourceDef } from '../../nodes/ExoConnect/catalog';
import { coreResources as resources, listLimits, lookupSegments, routes, updatesLimits } from '../../nodes/ExoConnect/catalog';
import { createSchema, updateSchema, validate } from '../../nodes/ExoConnect/schemas';
import { isoWithOffset } from './clock';
import { ApiError, invalid } from './errors';
import type { Json, Store, StoredRecord } from './store';

export interface ApiRequest {
	method: string;
	/** path without the relay prefix, still URL-encoded */
	path: string;
	query: Record<string, string>;
	body: unknown;
}

export interface ApiAnswer {
	status: number;
	body: unknown;
}

/** What `GET /system/status` reports. */
export const SERVICE = { apiVersion: '1.1.0', company: 'Démo Acomba inc.' } as const;

const byPath = new Map(resources.map((r) => [r.path, r]));

// ---- query parameters, parsed as FastAPI (pydantic) does ------------------------------------------

export function intParam(query: Record<string, string>, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
	const raw = query[name];
	if (raw === undefined) return fallback;
	if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
		throw invalid(['query', name], 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing');
	}
	const value = Number(raw);
	if (value < min) throw invalid(['query', name], `Input should be greater than or equal to ${min}`, 'greater_than_equal');
	if (value > max) throw invalid(['query', name], `Input should be less than or equal to ${max}`, 'less_than_equal');
	return value;
}

const TRUE = ['true', '1', 'yes', 'on', 't', 'y'];
const FALSE = ['false', '0', 'no', 'off', 'f', 'n'];

export function boolParam(query: Record<string, string>, name: string, fallback: boolean): boolean {
	const raw = query[name];
	if (raw === undefined) return fallback;
	const text = raw.trim().toLowerCase();
	if (TRUE.includes(text)) return true;
	if (FALSE.includes(text)) return false;
	throw invalid(['query', name], 'Input should be a valid boolean, unable to interpret input', 'bool_parsing');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A timestamp as epoch ms; no offset means the company's time zone (-05:00), as the server's own clock. */
export function timeParam(query: Record<string, string>, name: string): number | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	const match = DATE_TIME.exec(raw.trim());
	const offset = match?.[3] ? (match[3].toUpperCase() === 'Z' ? 'Z' : match[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '-05:00';
	const value = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00'}${offset}`) : Number.NaN;
	if (Number.isNaN(value)) throw invalid(['query', name], 'Input should be a valid datetime', 'datetime_parsing');
	return value;
}

function dateParam(query: Record<string, string>, name: string): string | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	if (!DATE.test(raw) || Number.isNaN(Date.parse(raw))) {
		throw invalid(['query', name], 'Input should be a valid date in the format YYYY-MM-DD', 'date_from_datetime_parsing');
	}
	return raw;
}

// ---- list -----------------------------------------------------------------------------------------

type Test = (record: StoredRecord) => boolean;

/**
 * The resource's own filters, from the catalog: `<field>_from` / `<field>_to` on a date field
 * (`date_from` → `date`), anything else an exact match on the field of the same name (`customer_code`).
 */
function resourceFilterTests(resource: ResourceDef, query: Record<string, string>): Test[] {
	const tests: Test[] = [];
	for (const filter of resource.filters as FilterDef[]) {
		if (filter.kind === 'date') {
			const value = dateParam(query, filter.name);
			if (value === undefined) continue;
			const [, field, bound] = /^(.*)_(from|to)$/.exec(filter.name) ?? [];
			if (!field) continue;
			tests.push(bound === 'from' ? (r) => String(r.data[field] ?? '') >= value : (r) => String(r.data[field] ?? '') <= value);
		} else if (filter.kind === 'boolean') {
			if (query[filter.name] === undefined) continue;
			const value = boolParam(query, filter.name, false);
			tests.push((r) => (r.data[filter.name] !== false) === value);
		} else {
			const value = query[filter.name];
			if (value === undefined || value === '') continue;
			tests.push((r) => String(r.data[filter.name] ?? '') === value);
		}
	}
	return tests;
}

function list(store: Store, resource: ResourceDef, query: Record<string, string>): ApiAnswer {
	const page = intParam(query, 'page', 1, 1);
	const pageSize = intParam(query, 'page_size', listLimits.defaultPageSize, 1, listLimits.maxPageSize);
	const brief = boolParam(query, 'brief', true);
	const tests: Test[] = [];
	if (boolParam(query, 'active_only', false)) tests.push((r) => r.data.is_active !== false);
	const from = timeParam(query, 'from_datetime');
	if (from !== undefined) tests.push((r) => r.modifiedAt >= from);
	const to = timeParam(query, 'to_datetime');
	if (to !== undefined) tests.push((r) => r.modifiedAt <= to);
	const prefix = query.description_prefix?.toLocaleLowerCase('fr');
	if (prefix) tests.push((r) => store.nameOf(resource.key, r).toLocaleLowerCase('fr').startsWith(prefix));
	tests.push(...resourceFilterTests(resource, query));

	const live = store.table(resource.key).liveRecords();
	const records = tests.length ? live.filter((r) => tests.every((test) => test(r))) : live;
	const total = records.length;
	const slice = records.slice((page - 1) * pageSize, page * pageSize);
	return {
		status: 200,
		body: {
			items: slice.map((r) => (brief ? store.brief(resource.key, r) : store.render(resource.key, r))),
			page,
			page_size: pageSize,
			total,
			total_pages: Math.ceil(total / pageSize),
		},
	};
}

// ---- records --------------------------------------------------------------------------------------

function find(store: Store, resource: ResourceDef, by: string, key: string): StoredRecord {
	const table = store.table(resource.key);
	let record: StoredRecord | undefined;
	if (by === lookupSegments.code) {
		record = table.holder(key);
	} else {
		if (!/^\d+$/.test(key)) {
			throw invalid(['path', 'id'], 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing');
		}
		record = table.records.get(Number(key));
	}
	if (!record || record.isDeleted) throw new ApiError(404, `${resource.displayName} ${key} not found`);
	return record;
}

function validated(schema: ReturnType<typeof createSchema>, body: unknown): Json {
	const result = validate<Json>(schema, body);
	if (!result.ok) {
		throw new ApiError(
			422,
			result.problems.map((p) => ({
				loc: ['body', ...p.path],
				msg: p.message,
				type: p.message === 'is required' ? 'missing' : 'value_error',
			})),
		);
	}
	return result.value;
}

// ---- helpers (§5) ---------------------------------------------------------------------------------

/** §5.1's `created`, as the store's reading says: after `since` alone, or after the whole cursor. */
function createdAfter(store: Store, r: StoredRecord, since: number | undefined, cursorId: number | undefined): boolean {
	if (since === undefined || r.createdAt > since) return true;
	return store.createdReading === 'cursor' && r.createdAt === since && r.id > (cursorId ?? 0);
}

function updates(store: Store, query: Record<string, string>): ApiAnswer {
	if (query.entity === undefined) throw invalid(['query', 'entity'], 'Field required', 'missing');
	const resource = resources.find((r) => r.key === query.entity);
	if (!resource) {
		throw invalid(['query', 'entity'], `Input should be ${resources.map((r) => `'${r.key}'`).join(', ')}`, 'enum');
	}
	const entity: EntityKey = resource.key;
	const limit = intParam(query, 'limit', updatesLimits.defaultLimit, 1, updatesLimits.maxLimit);
	const since = timeParam(query, 'since');
	const cursorId = query.cursor_id === undefined || query.cursor_id === '' ? undefined : intParam(query, 'cursor_id', 0, 0);
	const includeRecord = boolParam(query, 'include_record', false);
	const order = store.table(entity).changeOrder();
	// first change strictly after (since, cursor_id), by binary search over (modifiedAt, id)
	let start = 0;
	if (since !== undefined) {
		let hi = order.length;
		while (start < hi) {
			const mid = (start + hi) >> 1;
			const r = order[mid];
			const after = r.modifiedAt > since || (r.modifiedAt === since && cursorId !== undefined && r.id > cursorId);
			if (after) hi = mid;
			else start = mid + 1;
		}
	}
	const page = order.slice(start, start + limit);
	const items = page.map((r) => ({
		entity,
		id: r.id,
		code: r.data.code,
		event: r.isDeleted ? 'deleted' : createdAfter(store, r, since, cursorId) ? 'created' : 'updated',
		modified_at: isoWithOffset(r.modifiedAt),
		record: includeRecord ? store.render(entity, r) : null,
	}));
	const last = page.at(-1);
	return {
		status: 200,
		body: {
			items,
			count: items.length,
			has_more: start + page.length < order.length,
			next_cursor: last
				? { since: isoWithOffset(last.modifiedAt), cursor_id: last.id }
				: { since: query.since ?? null, cursor_id: cursorId ?? null },
		},
	};
}

function entities(store: Store): ApiAnswer {
	return {
		status: 200,
		body: {
			items: resources.map((r) => {
				const last = store.table(r.key).changeOrder().at(-1);
				return {
					entity: r.key,
					label: r.pluralName,
					path: r.path,
					supports_updates: true,
					count: store.table(r.key).liveRecords().length,
					last_modified_at: last ? isoWithOffset(last.modifiedAt) : null,
				};
			}),
		},
	};
}

// ---- dispatch -------------------------------------------------------------------------------------

const methodNotAllowed = (allowed: string[], detail = 'Method Not Allowed') => new ApiError(405, detail, { allow: allowed.join(', ') });

/** `C/by-code/{code}` or `C/by-id/{id}`; the raw path is split before decoding, a code may hold an encoded "/". */
function recordRoute(path: string): { resource: ResourceDef; by: string; key: string } | undefined {
	const parts = path.split('/');
	const rawKey = parts.pop() ?? '';
	const by = parts.pop() ?? '';
	const resource = byPath.get(parts.join('/'));
	if (!resource || (by !== lookupSegments.code && by !== lookupSegments.id) || rawKey === '') return undefined;
	try {
		return { resource, by, key: decodeURIComponent(rawKey) };
	} catch {
		return undefined; // a malformed %-escape matches no route
	}
}

/** Answers one authenticated API request, or throws an ApiError. */
export function answer(store: Store, request: ApiRequest): ApiAnswer {
	const { method, path, query } = request;
	const helper = (run: () => ApiAnswer) => {
		if (method !== 'GET') throw methodNotAllowed(['GET']);
		return run();
	};
	if (path === routes.status) {
		return helper(() => ({
			status: 200,
			body: {
				status: 'ok',
				api_version: SERVICE.apiVersion,
				server_time: isoWithOffset(store.clock.seconds()),
				sdk: { connected: true, company: SERVICE.company },
			},
		}));
	}
	if (path === routes.updates) return helper(() => updates(store, query));
	if (path === routes.entities) return helper(() => entities(store));

	const collection = byPath.get(path);
	if (collection) {
		if (method === 'GET') return list(store, collection, query);
		if (method === 'POST') {
			const body = validated(createSchema(collection), request.body);
			const record = store.create(collection.key, body, undefined, { viaApi: true });
			return { status: 201, body: { success: true, created_id: record.id } };
		}
		throw methodNotAllowed(['GET', 'POST']);
	}

	const route = recordRoute(path);
	if (!route) throw new ApiError(404, 'Not Found');
	const { resource, by, key } = route;
	if (method === 'PUT' && !resource.update) {
		throw methodNotAllowed(['GET'], `${resource.pluralName} cannot be modified in Acomba`);
	}
	if (method !== 'GET' && method !== 'PUT') throw methodNotAllowed(resource.update ? ['GET', 'PUT'] : ['GET']);
	if (method === 'GET') return { status: 200, body: store.render(resource.key, find(store, resource, by, key)) };
	// FastAPI validates the body before the handler looks the record up
	const body = validated(updateSchema(resource), request.body);
	const record = find(store, resource, by, key);
	store.update(resource.key, record.id, body, { viaApi: true });
	return { status: 200, body: { success: true, updated_id: record.id } };
}
