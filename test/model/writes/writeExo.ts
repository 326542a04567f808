/**
 * ExoConnect's record routes (contract §2) answered in-process from the records model (test/model), for the
 * model-based tests of the writes: list, get by code or ID, create, update — the PUT with the model's
 * semantics (a nested object or list replaces the stored one). A fault can be planned on the n-th write of
 * a run: a 409 race (someone creates the code just before our POST), a 429 with Retry-After (not processed),
 * or a 503 or a timeout AFTER the write was committed.
 */
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { resourceByKey } from '../../../nodes/ExoConnect/catalog';
import type { Json } from '../index';
import { ConflictError, fullRecord, NotFoundError, RecordStore } from '../index';

export const BASE_URL = 'http://exo.writes.model';
export const ENTITY = 'customers';
export const QUOTES = 'quotes';
const pathOf = (entity: string) => (resourceByKey(entity) as { path: string }).path;
const ENTITIES = [ENTITY, QUOTES].map((entity) => ({ entity, path: pathOf(entity) }));

export type WriteFault =
	| { kind: 'race'; onWrite: number; theirs: Json }
	| { kind: '429'; onWrite: number; retryAfterS: number }
	| { kind: '503-after-commit'; onWrite: number }
	| { kind: 'timeout-after-commit'; onWrite: number };

export interface Served {
	method: string;
	path: string;
	qs: IDataObject;
	body?: Json;
	status: number | 'timeout';
}

const json = (statusCode: number, body: unknown, headers: IDataObject = {}): IN8nHttpFullResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body: body as IN8nHttpFullResponse['body'],
});

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class WriteExo {
	readonly store = new RecordStore();

	constructor() {
		// contract §4: a document's update accepts a sales rep but does not save it
		this.store.fill.set(QUOTES, (data, _store, existing) => {
			if (!existing) return data;
			const saved = { ...data };
			delete saved.sales_rep_code;
			return saved;
		});
	}
	readonly served: Served[] = [];
	/** codes someone else created during this run, just before our POST (a race) */
	readonly raced = new Set<string>();
	private clock = Date.parse('2026-03-02T15:00:00Z');
	private writesThisRun = 0;
	private fault?: WriteFault;

	/** A new run: its writes are counted from 0 and may meet `fault`. */
	startRun(fault?: WriteFault): void {
		this.writesThisRun = 0;
		this.fault = fault;
		this.served.length = 0;
		this.raced.clear();
	}

	private tick(): { at: number } {
		this.clock += 1000;
		return { at: this.clock };
	}

	/** Live records by code, their stored data. */
	snapshot(entity = ENTITY): Map<string, Json> {
		const out = new Map<string, Json>();
		for (const record of this.store.visible(entity, Number.POSITIVE_INFINITY)) if (!record.deleted) out.set(record.code, clone(record.data));
		return out;
	}

	seed(data: Json, entity = ENTITY): void {
		this.store.create(entity, data, this.tick());
	}

	/** The writes served in this run (POST and PUT), including refused ones. */
	writes(): Served[] {
		return this.served.filter((r) => r.method !== 'GET');
	}

	/** n8n's authenticated request helper, answered from the model. */
	helper() {
		return async (_type: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
			const url = new URL(String(options.url));
			const method = String(options.method ?? 'GET').toUpperCase();
			const qs = { ...Object.fromEntries(url.searchParams), ...((options.qs as IDataObject | undefined) ?? {}) };
			const body = options.body === undefined ? undefined : clone(options.body as Json);
			const served: Served = { method, path: decodeURIComponent(url.pathname), qs, body, status: 200 };
			this.served.push(served);
			const fault = method === 'GET' ? undefined : this.fault?.onWrite === this.writesThisRun++ ? this.fault : undefined;
			if (fault?.kind === '429') {
				served.status = 429;
				return json(429, { detail: 'Too many requests' }, { 'retry-after': String(fault.retryAfterS) });
			}
			if (fault?.kind === 'race' && method === 'POST' && body?.code !== undefined && !this.store.byCode(ENTITY, String(body.code), Number.POSITIVE_INFINITY)) {
				this.store.create(ENTITY, { ...fault.theirs, code: body.code }, this.tick());
				this.raced.add(String(body.code));
			}
			const answer = this.answer(method, served.path, qs, body);
			served.status = answer.statusCode;
			if (answer.statusCode < 300 && fault?.kind === '503-after-commit') {
				served.status = 503;
				return json(503, { detail: 'Acomba SDK unavailable' });
			}
			if (answer.statusCode < 300 && fault?.kind === 'timeout-after-commit') {
				served.status = 'timeout';
				throw Object.assign(new Error(`timeout of ${String(options.timeout ?? 60_000)}ms exceeded`), { code: 'ETIMEDOUT' });
			}
			return answer;
		};
	}

	private live(entity: string, by: string, key: string) {
		const all = this.store.visible(entity, Number.POSITIVE_INFINITY).filter((r) => !r.deleted);
		return by === 'id' ? all.find((r) => r.id === Number(key)) : all.find((r) => r.code === key);
	}

	private answer(method: string, path: string, qs: IDataObject, body: Json | undefined): IN8nHttpFullResponse {
		const route = ENTITIES.find((e) => path === e.path || path.startsWith(`${e.path}/`));
		if (!route) return json(404, { detail: 'Not Found' });
		const { entity } = route;
		try {
			if (path === route.path) {
				if (method === 'POST') {
					const created = this.store.create(entity, body ?? {}, this.tick());
					return json(201, { success: true, created_id: created.id });
				}
				return this.list(entity, qs);
			}
			const match = /^\/by-(code|id)\/(.+)$/.exec(path.slice(route.path.length));
			const record = match ? this.live(entity, match[1], match[2]) : undefined;
			if (!match || !record) return json(404, { detail: `${entity} ${match?.[2] ?? path} not found` });
			if (method === 'PUT') {
				this.store.update(entity, record.id, body ?? {}, this.tick());
				return json(200, { success: true, updated_id: record.id });
			}
			return json(200, fullRecord(record));
		} catch (error) {
			if (error instanceof ConflictError) return json(409, { detail: error.message });
			if (error instanceof NotFoundError) return json(404, { detail: error.message });
			return json(500, { detail: (error as Error).message });
		}
	}

	private list(entity: string, qs: IDataObject): IN8nHttpFullResponse {
		const all = this.store
			.visible(entity, Number.POSITIVE_INFINITY)
			.filter((r) => !r.deleted)
			.sort((a, b) => a.id - b.id);
		const page = Math.max(1, Number(qs.page ?? 1));
		const size = Math.max(1, Math.min(500, Number(qs.page_size ?? 50)));
		const slice = all.slice((page - 1) * size, page * size);
		const brief = String(qs.brief ?? 'true') !== 'false';
		const items = slice.map((r) => (brief ? { id: r.id, code: r.code, name: r.data.description, updated_at: fullRecord(r).updated_at } : fullRecord(r)));
		return json(200, { items, page, page_size: size, total: all.length, total_pages: Math.ceil(all.length / size) });
	}
}
