/**
 * The API's routes, answered from the store: lists, lookups, create, update (contract §2–4), the helpers
 * (§5) and the status (§6). Every path comes from the catalog.
 */
import type { EntityKey, ResourceDef } from '../../nodes/ExoConnect/catalog';
import { listLimits, lookupSegments, resources, routes, updatesLimits } from '../../nodes/ExoConnect/catalog';
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

const byPath = new Map(resources.map((r) => [r.path, r]));

function intParam(query: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
	const raw = query[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw invalid(['query', name], `Input should be a whole number between ${min} and ${max}`, 'int_parsing');
	}
	return value;
}

function boolParam(query: Record<string, string>, name: string, fallback: boolean): boolean {
	const raw = query[name];
	if (raw === undefined || raw === '') return fallback;
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	throw invalid(['query', name], 'Input should be a valid boolean', 'bool_parsing');
}

function timeParam(query: Record<string, string>, name: string): number | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	const value = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00-05:00` : raw);
	if (Number.isNaN(value)) throw invalid(['query', name], 'Input should be a valid datetime', 'datetime_parsing');
	return value;
}

function dateParam(query: Record<string, string>, name: string): string | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw invalid(['query', name], 'Input should be a valid date (YYYY-MM-DD)', 'date_parsing');
	return raw;
}

function list(store: Store, resource: ResourceDef, query: Record<string, string>): ApiAnswer {
	const page = intParam(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
	const pageSize = intParam(query, 'page_size', listLimits.defaultPageSize, 1, listLimits.maxPageSize);
	const brief = boolParam(query, 'brief', true);
	const activeOnly = boolParam(query, 'active_only', false);
	const from = timeParam(query, 'from_datetime');
	const to = timeParam(query, 'to_datetime');
	const prefix = query.description_prefix?.toLocaleLowerCase('fr');
	const dateFrom = dateParam(query, 'date_from');
	const dateTo = dateParam(query, 'date_to');
	const codeFilters = resource.filters.filter((f) => f.relation && query[f.name]).map((f) => [f.name, query[f.name]] as const);

	let records = store.table(resource.key).liveRecords();
	const filtered = activeOnly || from !== undefined || to !== undefined || prefix || dateFrom || dateTo || codeFilters.length;
	if (filtered) {
		records = records.filter((r) => {
			const d = r.data;
			if (activeOnly && d.is_active === false) return false;
			if (from !== undefined && r.modifiedAt < from) return false;
			if (to !== undefined && r.modifiedAt > to) return false;
			if (prefix && !store.nameOf(resource.key, r).toLocaleLowerCase('fr').startsWith(prefix)) return false;
			if (dateFrom && String(d.date) < dateFrom) return false;
			if (dateTo && String(d.date) > dateTo) return false;
			return codeFilters.every(([name, value]) => d[name] === value);
		});
	}
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

function find(store: Store, resource: ResourceDef, by: string, rawKey: string): StoredRecord {
	const key = decodeURIComponent(rawKey);
	const table = store.table(resource.key);
	const id = by === lookupSegments.code ? table.byCode.get(key) : /^\d+$/.test(key) ? Number(key) : undefined;
	const record = id === undefined ? undefined : table.records.get(id);
	if (!record || record.isDeleted) throw new ApiError(404, `${resource.displayName} ${key} not found`);
	return record;
}

function validated(schema: ReturnType<typeof createSchema>, body: unknown): Json {
	const result = validate<Json>(schema, body);
	if (!result.ok) {
		throw new ApiError(
			422,
			result.problems.map((p) => ({ loc: ['body', ...p.path], msg: p.message, type: 'value_error' })),
		);
	}
	return result.value;
}

function updates(store: Store, query: Record<string, string>): ApiAnswer {
	const entity = query.entity as EntityKey;
	const resource = resources.find((r) => r.key === entity);
	if (!resource) throw invalid(['query', 'entity'], `Input should be one of ${resources.map((r) => r.key).join(', ')}`, 'enum');
	const limit = intParam(query, 'limit', updatesLimits.defaultLimit, 1, updatesLimits.maxLimit);
	const since = timeParam(query, 'since');
	const cursorId = query.cursor_id === undefined || query.cursor_id === '' ? undefined : intParam(query, 'cursor_id', 0, 0, Number.MAX_SAFE_INTEGER);
	const includeRecord = boolParam(query, 'include_record', false);
	const order = store.table(entity).changeOrder();
	// first change strictly after (since, cursor_id), by binary search over (modifiedAt, id)
	let lo = 0;
	if (since !== undefined) {
		let hi = order.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			const r = order[mid];
			const after = r.modifiedAt > since || (r.modifiedAt === since && cursorId !== undefined && r.id > cursorId);
			if (after) hi = mid;
			else lo = mid + 1;
		}
	}
	const start = lo;
	const page = order.slice(start, start + limit);
	const items = page.map((r) => ({
		entity,
		id: r.id,
		code: r.data.code,
		event: r.isDeleted ? 'deleted' : since === undefined || r.createdAt > since ? 'created' : 'updated',
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
				const order = store.table(r.key).changeOrder();
				const last = order.at(-1);
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

const methodNotAllowed = () => new ApiError(405, 'Method Not Allowed');

/** Answers one authenticated API request, or throws an ApiError. */
export function answer(store: Store, request: ApiRequest): ApiAnswer {
	const { method, path, query } = request;
	if (path === routes.status) {
		if (method !== 'GET') throw methodNotAllowed();
		return {
			status: 200,
			body: { status: 'ok', api_version: '1.1.0', server_time: isoWithOffset(store.clock.seconds()), sdk: { connected: true, company: 'Démo Acomba inc.' } },
		};
	}
	if (path === routes.updates) {
		if (method !== 'GET') throw methodNotAllowed();
		return updates(store, query);
	}
	if (path === routes.entities) {
		if (method !== 'GET') throw methodNotAllowed();
		return entities(store);
	}
	const collection = byPath.get(path);
	if (collection) {
		if (method === 'GET') return list(store, collection, query);
		if (method === 'POST') {
			const body = validated(createSchema(collection), request.body);
			const record = store.create(collection.key, body);
			return { status: 201, body: { success: true, created_id: record.id } };
		}
		throw methodNotAllowed();
	}
	// C/by-code/{code} or C/by-id/{id}: split the raw path first, a code may hold an encoded "/"
	const parts = path.split('/');
	const key = parts.pop() ?? '';
	const by = parts.pop() ?? '';
	const resource = byPath.get(parts.join('/'));
	if (!resource || (by !== lookupSegments.code && by !== lookupSegments.id) || key === '') {
		throw new ApiError(404, 'Not Found');
	}
	const record = find(store, resource, by, key);
	if (method === 'GET') return { status: 200, body: store.render(resource.key, record) };
	if (method === 'PUT') {
		if (!resource.update) throw new ApiError(405, `${resource.pluralName} cannot be modified in Acomba`);
		const body = validated(updateSchema(resource), request.body);
		store.update(resource.key, record.id, body, { viaApi: true });
		return { status: 200, body: { success: true, updated_id: record.id } };
	}
	throw methodNotAllowed();
}
