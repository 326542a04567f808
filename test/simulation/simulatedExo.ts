/**
 * ExoConnect as the simulation's trigger sees it: n8n's authenticated HTTP helper answered in-process from
 * the model (test/model), with the faults a history injects. No socket, no real waiting: slow answers and
 * timeouts pass on the simulated clock.
 */
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { resources, routes } from '../../nodes/ExoConnect/catalog';
import type { FeedReadings, RecordStore } from '../model';
import { extractAnswer, fullRecord, iso, parseInstant, updatesAnswer } from '../model';
import type { VirtualTime } from './virtualTime';

export const BASE_URL = 'http://exo.simulated';

/** What one request can meet. */
export type Fault =
	| { kind: '500' }
	| { kind: '503'; retryAfter?: number }
	| { kind: '429'; retryAfter: number }
	| { kind: 'timeout' }
	| { kind: 'html' }
	| { kind: 'redirect'; offsite: boolean }
	| { kind: 'slow'; seconds: number };

export type RequestKind = 'status' | 'windows' | 'feed' | 'record' | 'other';

export interface Served {
	kind: RequestKind;
	path: string;
	qs: IDataObject;
	fault?: Fault;
	at: number;
}

/** extract route → entity, record collection path → entity */
const extractRoutes = new Map(resources.filter((r) => typeof r.extract === 'string').map((r) => [r.extract as string, r.key as string]));
const recordPaths = resources.map((r) => [r.recordPath ?? r.path, r.key as string] as const).sort((a, b) => b[0].length - a[0].length);

const json = (statusCode: number, body: unknown, headers: IDataObject = {}): IN8nHttpFullResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body: body as IN8nHttpFullResponse['body'],
});

export class SimulatedExo {
	/** ids whose by-id read answers 500 every time (a record that keeps failing) */
	readonly brokenRecords = new Set<string>();
	readonly served: Served[] = [];
	/** when ExoConnect last answered its clock (the seed of Start From Now is that time) */
	lastStatusAt = Number.NEGATIVE_INFINITY;
	/** `entity/id@second` → how many writes had happened when a feed first showed that key */
	readonly shown = new Map<string, { writes: number; deleted: boolean }>();
	/**
	 * A slow status answer tells the time the server had when the request arrived (true) or when it answered
	 * (false, the default: a request queued before being served). The trigger's clock measure cannot tell.
	 */
	clockAtArrival = false;
	/** every request answers an HTML page with 200 (a Base URL pointing at a web site or a proxy's login) */
	wrongBaseUrl = false;

	constructor(
		readonly store: RecordStore,
		readonly time: VirtualTime,
		readonly readings: FeedReadings,
		/** ExoConnect's clock minus ours */
		readonly skewMs: number,
	) {}

	serverNow(): number {
		return this.time.now + this.skewMs;
	}

	classify(path: string): RequestKind {
		if (path === routes.status) return 'status';
		if (path === routes.sdkWindows) return 'windows';
		if (path === routes.updates || extractRoutes.has(path)) return 'feed';
		if (/\/by-id\/\d+$/.test(path)) return 'record';
		return 'other';
	}

	/**
	 * The helper a poll's context gets. `nextFault` is asked once per request; `hold` (the fast-check scheduler
	 * of an overlap) decides when each answer is released; `dead` (a restarted n8n) never answers again.
	 */
	helper(
		nextFault: (kind: RequestKind, forced?: Fault) => Fault | undefined,
		hold?: <T>(p: Promise<T>, label: string) => Promise<T>,
		dead?: () => boolean,
	) {
		return async (_type: string, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
			if (dead?.()) return await new Promise<never>(() => undefined);
			const url = new URL(String(options.url));
			const qs = { ...Object.fromEntries(url.searchParams), ...((options.qs as IDataObject | undefined) ?? {}) };
			const kind = this.classify(url.pathname);
			const forced: Fault | undefined = this.wrongBaseUrl ? { kind: 'html' } : this.isBroken(url.pathname) ? { kind: '500' } : undefined;
			const fault = nextFault(kind, forced);
			this.served.push({ kind, path: url.pathname, qs, fault, at: this.time.now });
			if (hold) await hold(Promise.resolve(), `${kind} ${url.pathname}`);
			const early = this.clockAtArrival && kind === 'status' ? this.answer(url.pathname, qs) : undefined;
			if (fault?.kind === 'slow') await this.time.sleep(fault.seconds * 1000);
			if (fault?.kind === 'timeout') {
				await this.time.sleep(Number(options.timeout ?? 60_000));
				throw Object.assign(new Error(`timeout of ${String(options.timeout ?? 60_000)}ms exceeded`), { code: 'ETIMEDOUT' });
			}
			if (dead?.()) return await new Promise<never>(() => undefined);
			switch (fault?.kind) {
				case '500':
					return json(500, { detail: 'Internal Server Error' });
				case '503':
					return json(503, { detail: 'Acomba SDK unavailable' }, fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) });
				case '429':
					return json(429, { detail: 'Too many requests' }, { 'retry-after': String(fault.retryAfter) });
				case 'html':
					return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>Sign in</body></html>' as unknown as IN8nHttpFullResponse['body'] };
				case 'redirect':
					return {
						statusCode: 302,
						headers: { location: fault.offsite ? 'https://login.example.com/sso' : `${BASE_URL}/moved${url.pathname}` },
						body: '',
					};
			}
			return early ?? this.answer(url.pathname, qs);
		};
	}

	/** `entity/id` of a by-id path, if it is one */
	recordKey(path: string): string | undefined {
		const byId = /^(.*)\/by-id\/(\d+)$/.exec(path);
		const entity = byId && recordPaths.find(([p]) => p === byId[1])?.[1];
		return byId && entity ? `${entity}/${byId[2]}` : undefined;
	}

	isBroken(path: string): boolean {
		const key = this.recordKey(path);
		return key !== undefined && this.brokenRecords.has(key);
	}

	/** The answer of a healthy ExoConnect, from the model at the server's clock. */
	answer(path: string, qs: IDataObject): IN8nHttpFullResponse {
		const now = this.serverNow();
		if (path === routes.status) this.lastStatusAt = now;
		if (path === routes.status) return json(200, { status: 'ok', api_version: '1.1.0', server_time: iso(now), sdk: { connected: true, company: 'Simulated' } });
		if (path === routes.sdkWindows) return json(200, { organisation_id: 'model', items: [] });
		const feedEntity = path === routes.updates ? String(qs.entity) : extractRoutes.get(path);
		if (feedEntity !== undefined) {
			const extract = path !== routes.updates;
			const since = parseInstant(extract ? qs.cursor_modified_at : qs.since);
			const idText = extract ? qs.cursor_card_pos : qs.cursor_id;
			const request = {
				entity: feedEntity,
				since: Number.isNaN(since) ? undefined : since,
				cursorId: idText === undefined || idText === '' ? undefined : Number(idText),
				limit: qs.limit === undefined ? undefined : Number(qs.limit),
				includeRecord: String(qs.include_record) === 'true',
				now,
			};
			const answer = extract ? extractAnswer(this.store, request, this.readings) : updatesAnswer(this.store, request, this.readings);
			for (const item of answer.items as IDataObject[]) {
				const at = Date.parse(String(extract ? (item.sync as IDataObject).cursor && ((item.sync as IDataObject).cursor as IDataObject).modified_at : item.modified_at));
				const key = `${feedEntity}/${String(item.id)}@${Math.floor(at / 1000) * 1000}`;
				const deleted = extract ? (item.status as IDataObject).is_deleted === true : item.event === 'deleted';
				if (!this.shown.has(key)) this.shown.set(key, { writes: this.store.writes, deleted });
			}
			return json(200, answer);
		}
		const key = this.recordKey(path);
		if (key) {
			if (this.brokenRecords.has(key)) return json(500, { detail: 'Internal Server Error' });
			const [entity, id] = key.split('/');
			const view = this.store.view(entity, Number(id), now);
			return view && !view.deleted ? json(200, fullRecord(view)) : json(404, { detail: `${entity} ${id} not found` });
		}
		return json(404, { detail: 'Not Found' });
	}
}
