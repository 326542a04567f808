/**
 * System › Check Compatibility: asks every route the catalog reads (GET only, one record per page) and
 * reports, route by route, whether this ExoConnect answers it as the node reads it (contract §9). Most
 * paths and field names are our inference: the report tells a user with a live server, and us, which hold.
 * One route failing is one line of the report, never a failed node.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FeedDef, FieldDef, ResourceDef } from '../../catalog';
import { answerKeys, changeFeed, coreResources, lookupsOf, manyFeed, resources, routes, searchable } from '../../catalog';
import type { ApiCall, LookupBy } from '../../transport';
import { apiRequest, collectionRoute, defaultRetryPolicy, isDotSegment, recordRoute, serverMessage, subListRoute } from '../../transport';
import { runInOrder } from '../run/parallel';
import type { RunContext } from '../run/runContext';

export const RouteStatus = {
	ok: 'OK',
	notFound: 'Not Found (404)',
	error: 'Error',
	shape: 'Shape Differs',
	notChecked: 'Not Checked',
	/** the summary's, when some route differs */
	differs: 'Differs',
} as const;
type Status = (typeof RouteStatus)[keyof typeof RouteStatus];

export interface RouteReport extends IDataObject {
	resource: string;
	check: string;
	status: Status;
	http_status: number | null;
	path: string;
	query: string;
	detail: string;
}

/** One record per page is enough to see the shape, and is light on the server. */
const ONE = 1;
/** Resources checked at once: each asks its list, then its lookups, one after the other. */
const PARALLEL_RESOURCES = 4;
/** A check should answer in seconds: one retry of a temporary failure, then the line says what happened. */
const CHECK_OPTIONS = { retry: { ...defaultRetryPolicy, maxRetries: 1 } };
const MAX_KEYS_SHOWN = 30;
const MAX_SAID = 300;
const SYSTEM = 'System';
const HELPER = 'Helper';

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the record shows the dotted path; a `null` on the way is a field shown empty. */
function shows(record: IDataObject, path: string): boolean {
	let value: unknown = record;
	for (const key of path.split('.')) {
		if (value === null) return true;
		if (!isObject(value) || !(key in value)) return false;
		value = value[key];
	}
	return true;
}

/** Each key spec (`a|b`: either) the answer does not show. */
const missingKeys = (answer: IDataObject, specs: readonly string[]): string[] =>
	specs.filter((spec) => !spec.split('|').some((path) => shows(answer, path)));

/** `"price" or "prices.regular"`, `"items"` */
const quoted = (specs: string[]) => specs.map((spec) => spec.split('|').map((key) => `"${key}"`).join(' or ')).join(', ');

function keysShown(answer: unknown): string {
	if (!isObject(answer)) return Array.isArray(answer) ? 'a bare list' : `${answer === null ? 'null' : typeof answer}`;
	const keys = Object.keys(answer);
	const shown = keys.slice(0, MAX_KEYS_SHOWN).join(', ');
	return keys.length ? `keys ${shown}${keys.length > MAX_KEYS_SHOWN ? ', …' : ''}` : 'no keys';
}

/** Where a record shows a catalog field: its body name, an alias, its documented place, or `<thing> {code}`. */
function fieldPaths(field: FieldDef): string {
	const paths = [field.name, ...(field.aliases ?? [])];
	if (field.shownAs) paths.push(field.shownAs);
	// the same reading as recordShape.relatedCode: `sales_rep_code` or `sales_rep {id, code}`
	if (field.relation && field.name.endsWith('_code')) paths.push(field.name.slice(0, -'_code'.length));
	return paths.join('|');
}

interface Judgement {
	/** what the node reads and the answer lacks: the route's shape differs */
	problems: string[];
	/** worth telling, not a difference (an empty list, optional fields this record does not show) */
	notes: string[];
}

const judgement = (problems: string[] = [], notes: string[] = []): Judgement => ({ problems, notes });

/**
 * A full record against what the node reads: its id, its code where it is looked up by code, the fields a
 * create requires (record resources, whose bodies and records share names) and the fields local filters
 * read. The other fields are optional: a record may leave out one it has no value for, so they are a note.
 */
function recordJudgement(resource: ResourceDef, record: IDataObject, what = 'the record'): Judgement {
	const specs: string[] = [...answerKeys.record];
	if (lookupsOf(resource).includes('code')) specs.push(...answerKeys.recordCode);
	const required = new Set(coreResources.includes(resource) ? resource.createRequired : []);
	const fields = coreResources.includes(resource) ? resource.fields.filter((f) => !f.readOnly) : [];
	const bodyName = new Map(fields.map((f) => [fieldPaths(f), f.name]));
	const requiredPaths = fields.filter((f) => required.has(f.name)).map(fieldPaths);
	const optionalPaths = fields.filter((f) => !required.has(f.name)).map(fieldPaths);
	specs.push(...requiredPaths, ...(resource.localFilters ?? []).map((f) => f.path));
	const missing = missingKeys(record, specs);
	const unseen = missingKeys(record, optionalPaths).map((spec) => bodyName.get(spec) ?? spec);
	return judgement(
		missing.length ? [`${what} has no ${quoted(missing)} (it has ${keysShown(record)})`] : [],
		unseen.length ? [`Fields the node reads and writes that ${what} does not show (it may have no value for them): ${unseen.join(', ')}.`] : [],
	);
}

/** An answer that must be an object holding `envelope` keys; its first item, when it has one. */
function envelopeJudgement(answer: unknown, envelope: readonly string[], what: string): { judged: Judgement; first?: unknown } {
	if (!isObject(answer)) return { judged: judgement([`${what} is not an object with ${quoted([...envelope])}: it is ${keysShown(answer)}`]) };
	const missing = missingKeys(answer, envelope);
	if (missing.length) return { judged: judgement([`${what} has no ${quoted(missing)} (it has ${keysShown(answer)})`]) };
	const items = answer[envelope[0]];
	if (!Array.isArray(items)) return { judged: judgement([`"${envelope[0]}" is not a list`]) };
	if (items.length === 0) return { judged: judgement([], ['The list is empty: its records could not be checked.']) };
	return { judged: judgement(), first: items[0] };
}

function itemJudgement(first: unknown, judge: (item: IDataObject) => Judgement): Judgement {
	return isObject(first) ? judge(first) : judgement([`a list entry is not a record: it is ${keysShown(first)}`]);
}

const merge = (a: Judgement, b: Judgement): Judgement => judgement([...a.problems, ...b.problems], [...a.notes, ...b.notes]);

function listJudgement(resource: ResourceDef, answer: unknown): Judgement {
	const { judged, first } = envelopeJudgement(answer, answerKeys.pageList, 'the list');
	if (first === undefined) return judged;
	return itemJudgement(first, (item) => {
		const specs: string[] = [...answerKeys.record];
		if (lookupsOf(resource).includes('code')) specs.push(...answerKeys.recordCode);
		if (searchable(resource)) specs.push(...answerKeys.recordName);
		const missing = missingKeys(item, specs);
		return judgement(missing.length ? [`a list item has no ${quoted(missing)} (it has ${keysShown(item)})`] : []);
	});
}

function feedJudgement(resource: ResourceDef, feed: FeedDef, answer: unknown): Judgement {
	const { judged, first } = envelopeJudgement(answer, answerKeys.feed, 'the feed');
	if (first === undefined) return judged;
	return itemJudgement(first, (item) => {
		if (feed.kind === 'extract') {
			const missing = missingKeys(item, answerKeys.extractItem);
			const keyset = judgement(missing.length ? [`an item has no ${quoted(missing)} (it has ${keysShown(item)})`] : []);
			return merge(keyset, recordJudgement(resource, item, 'an item'));
		}
		const missing = missingKeys(item, answerKeys.updatesItem);
		const change = judgement(missing.length ? [`a change has no ${quoted(missing)} (it has ${keysShown(item)})`] : []);
		// the fields a record may leave out are noted once, on Get by ID
		return isObject(item.record) ? merge(change, judgement(recordJudgement(resource, item.record, "a change's record").problems)) : change;
	});
}

function lookupJudgement(resource: ResourceDef, answer: unknown, by: LookupBy, key: string): Judgement {
	if (!isObject(answer)) return judgement([`the answer is not a record: it is ${keysShown(answer)}`]);
	const found = by === 'id' ? answer.id : answer.code;
	const other =
		found !== undefined && found !== null && String(found) !== key
			? [`asked for ${by === 'id' ? 'ID' : 'code'} ${key}, the answer is the record with ${String(found)}`]
			: [];
	const record = recordJudgement(resource, answer);
	return merge(judgement(other), by === 'id' ? record : judgement(record.problems));
}

function keysJudgement(answer: unknown, keys: readonly string[], what: string): Judgement {
	const missing = isObject(answer) ? missingKeys(answer, keys) : [...keys];
	return judgement(missing.length ? [`${what} has no ${quoted(missing)} (it has ${keysShown(answer)})`] : []);
}

function answerJudgement(answer: unknown, envelope: readonly string[], item: readonly string[], what: string): Judgement {
	const { judged, first } = envelopeJudgement(answer, envelope, what);
	if (first === undefined) return judged;
	return itemJudgement(first, (entry) => {
		const missing = missingKeys(entry, item);
		return judgement(missing.length ? [`an item has no ${quoted(missing)} (it has ${keysShown(entry)})`] : []);
	});
}

// ---- asking ---------------------------------------------------------------------------------------

const queryText = (qs: IDataObject | undefined): string =>
	Object.entries(qs ?? {})
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
		.join('&');

const cut = (text: string) => (text.length > MAX_SAID ? `${text.slice(0, MAX_SAID)}…` : text);

/** The line of a route that did not answer 2xx (or answered something the transport refused). */
function failedReport(error: unknown, call: ApiCall): Pick<RouteReport, 'status' | 'http_status' | 'detail'> {
	if (!(error instanceof NodeApiError)) {
		const message = (error as Error | undefined)?.message ?? String(error);
		return { status: RouteStatus.error, http_status: null, detail: message };
	}
	const code = Number(error.httpCode);
	const httpStatus = Number.isInteger(code) && code > 0 ? code : null;
	const said = serverMessage((error.errorResponse as IDataObject | undefined)?.body);
	const saidText = said && !error.message.includes(said) ? ` ExoConnect said: "${cut(said)}".` : '';
	if (httpStatus === 404) {
		const lookup = call.lookup;
		return {
			status: RouteStatus.notFound,
			http_status: 404,
			detail: lookup
				? `The record the list just gave (${lookup.by === 'id' ? 'ID' : 'code'} ${lookup.key}) is not found at this path: the lookup path differs on this server.${saidText}`
				: `This server has no such route: the path differs on this server.${saidText}`,
		};
	}
	// a 2xx the transport refused: the answer is not what the node reads
	if (httpStatus !== null && httpStatus < 300) return { status: RouteStatus.shape, http_status: httpStatus, detail: error.message };
	return { status: RouteStatus.error, http_status: httpStatus, detail: `${error.message.replace(/\.$/, '')}.${saidText}` };
}

/** Without the address or the key nothing can be checked: the node fails with the transport's own advice. */
function isFatal(error: unknown): boolean {
	if (error instanceof NodeOperationError) return true;
	if (!(error instanceof NodeApiError)) return false;
	const code = Number(error.httpCode);
	return code === 401 || code === 403 || !(Number.isInteger(code) && code > 0);
}

interface Asked {
	report: RouteReport;
	answer?: unknown;
	error?: unknown;
}

async function ask(
	run: RunContext,
	where: { resource: string; check: string },
	call: ApiCall,
	judge: (answer: unknown) => Judgement,
): Promise<Asked> {
	const line = (outcome: Pick<RouteReport, 'status' | 'http_status' | 'detail'>): RouteReport => ({
		...where,
		status: outcome.status,
		http_status: outcome.http_status,
		path: call.route,
		query: queryText(call.qs),
		detail: outcome.detail,
	});
	let answer: unknown;
	try {
		answer = await apiRequest<unknown>(run.ctx, { ...call, answer: 'any' }, { ...CHECK_OPTIONS, ...run.api });
	} catch (error) {
		return { report: line(failedReport(error, call)), error };
	}
	const { problems, notes } = judge(answer);
	const detail = problems.length
		? `Differs from what the node reads: ${problems.join('; ')}.${notes.length ? ` ${notes.join(' ')}` : ''}`
		: ['Answered as the node reads it.', ...notes].join(' ');
	return { report: line({ status: problems.length ? RouteStatus.shape : RouteStatus.ok, http_status: 200, detail }), answer };
}

function notChecked(where: { resource: string; check: string }, path: string, why: string): RouteReport {
	return { ...where, status: RouteStatus.notChecked, http_status: null, path, query: '', detail: why };
}

/** The first record of a list or feed answer, when it is one. */
function firstRecord(answer: unknown): IDataObject | undefined {
	const items = isObject(answer) ? answer.items : undefined;
	const first: unknown = Array.isArray(items) ? items[0] : undefined;
	return isObject(first) ? first : undefined;
}

const keyText = (value: unknown): string | undefined =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

const feedCall = (feed: FeedDef, itemIndex: number): ApiCall => ({
	method: 'GET',
	route: feed.route,
	// the updates helper's record switch on: the check reads the records it carries too
	qs: { ...feed.fixed, limit: ONE, ...(feed.recordSwitch ? { [feed.recordSwitch]: true } : {}) },
	itemIndex,
});

const LOOKUP_LABEL: Record<LookupBy, string> = { id: 'ID', code: 'Code' };

/** A resource's routes: its list (or extract), its lookups of the record listed, its sub-lists and its change feed. */
async function checkResource(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<RouteReport[]> {
	const reports: RouteReport[] = [];
	const name = resource.displayName;
	const many = manyFeed(resource);
	const listed = many
		? await ask(run, { resource: name, check: 'List (extract)' }, feedCall(many, itemIndex), (a) => feedJudgement(resource, many, a))
		: await ask(
				run,
				{ resource: name, check: 'List' },
				{ method: 'GET', route: collectionRoute(resource), qs: { page: 1, page_size: ONE, brief: true }, resource, itemIndex },
				(a) => listJudgement(resource, a),
			);
	reports.push(listed.report);
	const sample = firstRecord(listed.answer);
	const id = keyText(sample?.id);
	const keys: Record<LookupBy, string | undefined> = { id, code: keyText(sample?.code) };
	const nothingListed = listed.answer === undefined ? 'The list did not answer: no record to look up.' : 'The list gave no record to look up.';

	for (const by of lookupsOf(resource)) {
		const where = { resource: name, check: `Get by ${LOOKUP_LABEL[by]}` };
		const key = keys[by];
		if (key === undefined || isDotSegment(key)) {
			const why = key === undefined ? nothingListed : `The record listed has the code "${key}", which a path cannot carry.`;
			reports.push(notChecked(where, decodeURI(recordRoute(resource, by, `{${by}}`)), why));
			continue;
		}
		const call: ApiCall = { method: 'GET', route: recordRoute(resource, by, key), resource, lookup: { by, key }, itemIndex };
		reports.push((await ask(run, where, call, (a) => lookupJudgement(resource, a, by, key))).report);
	}

	for (const sub of resource.subLists ?? []) {
		const where = { resource: name, check: `${sub.key.charAt(0).toUpperCase()}${sub.key.slice(1)}` };
		if (id === undefined) {
			reports.push(notChecked(where, decodeURI(subListRoute(resource, '{id}', sub.key)), nothingListed));
			continue;
		}
		const call: ApiCall = { method: 'GET', route: subListRoute(resource, id, sub.key), resource, itemIndex };
		const judge = (a: unknown) => (Array.isArray(a) ? judgement() : envelopeJudgement(a, answerKeys.subList, 'the answer').judged);
		reports.push((await ask(run, where, call, judge)).report);
	}

	const changes = changeFeed(resource);
	if (changes && changes.route !== many?.route) {
		const check = changes.kind === 'updates' ? 'Changes (updates helper)' : 'Changes (extract)';
		reports.push((await ask(run, { resource: name, check }, feedCall(changes, itemIndex), (a) => feedJudgement(resource, changes, a))).report);
	}
	return reports;
}

function summary(reports: RouteReport[], apiVersion: string | undefined): RouteReport {
	const checked = reports.filter((r) => r.status !== RouteStatus.notChecked);
	const differing = checked.filter((r) => r.status !== RouteStatus.ok);
	const skipped = reports.length - checked.length;
	const shown = differing.slice(0, 12).map((r) => `${r.resource} › ${r.check} (${r.status})`);
	const more = differing.length > shown.length ? ` and ${differing.length - shown.length} more` : '';
	const detail = [
		`${checked.length - differing.length} of ${checked.length} routes answered as expected${skipped ? `; ${skipped} not checked (nothing to look up)` : ''}.`,
		`API version: ${apiVersion ?? 'unknown'}.`,
		differing.length ? `Differing: ${shown.join('; ')}${more}.` : '',
	].filter(Boolean).join(' ');
	return {
		resource: 'All Routes',
		check: 'Summary',
		status: differing.length ? RouteStatus.differs : RouteStatus.ok,
		http_status: null,
		path: '',
		query: '',
		detail,
		api_version: apiVersion ?? null,
	};
}

export async function checkCompatibilityOperation(run: RunContext, itemIndex: number): Promise<IDataObject[]> {
	const status = await ask(run, { resource: SYSTEM, check: 'Status' }, { method: 'GET', route: routes.status, itemIndex }, (a) =>
		keysJudgement(a, answerKeys.status, 'the status'),
	);
	if (status.error !== undefined && isFatal(status.error)) throw status.error;
	const version = isObject(status.answer) ? keyText(status.answer.api_version) : undefined;
	const windows = await ask(run, { resource: SYSTEM, check: 'SDK Windows' }, { method: 'GET', route: routes.sdkWindows, itemIndex }, (a) =>
		answerJudgement(a, answerKeys.sdkWindows, answerKeys.sdkWindow, 'the answer'),
	);
	const entities = await ask(run, { resource: HELPER, check: 'Entities' }, { method: 'GET', route: routes.entities, itemIndex }, (a) =>
		answerJudgement(a, answerKeys.entities, answerKeys.entity, 'the answer'),
	);
	const outcomes = await runInOrder(resources.length, PARALLEL_RESOURCES, async (i) => await checkResource(run, resources[i], itemIndex), false);
	const perResource = outcomes.flatMap((outcome, i): RouteReport[] => {
		if (outcome?.ok) return outcome.value;
		const message = (outcome?.error as Error | undefined)?.message ?? 'not run';
		const where = { resource: resources[i].displayName, check: 'List' };
		return [{ ...notChecked(where, collectionRoute(resources[i]), `The check itself failed: ${message}`), status: RouteStatus.error }];
	});
	const reports = [status.report, windows.report, entities.report, ...perResource];
	return [summary(reports, version), ...reports];
}
