/**
 * Answers that are not what the call asked for. n8n's helper is told never to follow a redirect: a POST
 * sent on after a 302 becomes a GET of the list that looks like success, and a custom `x-api-key` header
 * (unlike Authorization and cookies) would be sent on to whatever host the redirect names. Reads follow
 * a redirect here, to the same scheme, host and port only; writes never do.
 */
import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject, NodeApiError } from 'n8n-workflow';

import type { RequestDescription } from './errors';
import { apiError, cut, isWrite, keptBody, serverMessage, WRITE_CAUTION } from './errors';

/** Redirects a read may follow in a row (same address only). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const CHECK_BASE_URL =
	'Check the Base URL and Relay Path in the ExoConnect credential: if the address redirects (often http:// to https://, or a path added or removed), enter the address it redirects to.';

export function headerValue(response: IN8nHttpFullResponse, name: string): unknown {
	const headers = response.headers as Record<string, unknown> | undefined;
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key ? headers[key] : undefined;
}

function operationName(method: string): string {
	return method.toUpperCase() === 'POST' ? 'create' : method.toUpperCase() === 'PUT' ? 'update' : 'request';
}

function redirectError(node: INode, request: RequestDescription, status: number, message: string, why: string): NodeApiError {
	return apiError(node, { status, redirect: message } as unknown as JsonObject, {
		message,
		description: `${why} ${CHECK_BASE_URL}`,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/**
 * Where a 3xx answer to the request at `current` leads, when a read may go there; otherwise the error to
 * throw. Every hop must stay on the scheme, host and port of the first request (`request.url`).
 */
export function redirectTarget(
	node: INode,
	request: RequestDescription,
	response: IN8nHttpFullResponse,
	current: string,
	hops: number,
): string | NodeApiError {
	const status = response.statusCode;
	const location = headerValue(response, 'location');
	const target = typeof location === 'string' && REDIRECT_STATUSES.has(status) && URL.canParse(location, current) ? new URL(location, current) : undefined;
	if (!target) {
		return redirectError(node, request, status, `ExoConnect answered HTTP ${status} instead of data`, 'This answer does not come from the ExoConnect API.');
	}
	const shown = `${target.origin}${target.pathname}`;
	if (isWrite(request.method)) {
		return redirectError(
			node,
			request,
			status,
			`The ${operationName(request.method)} was not sent: ExoConnect's address redirects to ${shown}`,
			'Creates and updates are never sent on to another address (a redirected create can turn into a read of the list), and ExoConnect did not process this one.',
		);
	}
	if (target.origin !== new URL(request.url).origin) {
		return redirectError(
			node,
			request,
			status,
			`ExoConnect's address redirects to another server (${target.origin})`,
			'The node follows a redirect only on the same address, so that the API key is never sent to another server.',
		);
	}
	if (hops >= MAX_REDIRECTS) {
		return redirectError(node, request, status, `ExoConnect's address redirects more than ${MAX_REDIRECTS} times`, 'The redirects seem to go round in circles.');
	}
	return target.href;
}

function isListEnvelope(body: unknown): boolean {
	return Array.isArray(body) || (typeof body === 'object' && body !== null && Array.isArray((body as IDataObject).items));
}

function confirmsWrite(body: unknown): boolean {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
	const answer = body as IDataObject;
	return answer.success === true || answer.created_id !== undefined || answer.updated_id !== undefined;
}

/**
 * A 2xx answer that is not what was asked for: a write whose answer does not confirm it (no `success`,
 * `created_id` or `updated_id`), or a list where one record was asked for. Undefined when it is fine.
 * `nodeOf` is called only for an error: n8n's getNode() copies the whole node, and most answers are fine.
 */
export function unexpectedAnswer(nodeOf: () => INode, request: RequestDescription, status: number, body: unknown): NodeApiError | undefined {
	if (isWrite(request.method)) {
		if (confirmsWrite(body)) return undefined;
		const said = serverMessage(body, request.resource);
		const saidLine = said && typeof body === 'object' ? `ExoConnect said: "${said}". ` : '';
		return apiError(nodeOf(), { status, body: keptBody(body, request.resource) } as unknown as JsonObject, {
			message: `ExoConnect's answer does not confirm the ${operationName(request.method)}`,
			description: `${saidLine}The answer holds no success, created_id or updated_id, so it may not come from the ExoConnect API. ${CHECK_BASE_URL} ${WRITE_CAUTION}`,
			httpCode: String(status),
			itemIndex: request.itemIndex,
		});
	}
	if (!request.lookup || !isListEnvelope(body)) return undefined;
	const what = request.resource ? `one ${request.resource.displayName.toLowerCase()}` : 'one record';
	return apiError(nodeOf(), { status, body: { answer: 'a list' } } as unknown as JsonObject, {
		message: `ExoConnect answered with a list where ${what} was asked for`,
		description: `The node never returns a list in place of a record. Check the ${request.lookup.by === 'id' ? 'ID' : 'code'}, or pick the record By ID. ${CHECK_BASE_URL}`,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/**
 * What a read expects back (contract §2, §9): `object` any JSON object (status, a sub-list's owner…),
 * `record` an object with its `id`, `list` an object whose `items` is a list of objects, `lines` a list of
 * objects given bare or as `items`.
 */
export type AnswerShape = 'object' | 'record' | 'list' | 'lines';

const isPlainObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A body in words, for a message: "an HTML page", "the text "…"", "a number"… */
export function bodyKind(body: unknown): string {
	if (body === undefined || body === '') return 'an empty answer';
	if (body === null) return 'JSON null';
	if (typeof body === 'string') {
		const text = body.trim();
		if (/^<(!doctype|html|head|body|\?xml)|<\/(html|body|div|p)>/i.test(text)) return 'an HTML page';
		return `the text "${cut(text.replace(/\s+/g, ' '), 60)}"`;
	}
	if (typeof body === 'number' || typeof body === 'boolean') return `the ${typeof body} ${String(body)}`;
	if (Array.isArray(body)) return 'a list';
	if (typeof body === 'object') return 'an object';
	return `a ${typeof body}`;
}

function listProblem(items: unknown[]): string | undefined {
	const index = items.findIndex((item) => !isPlainObject(item));
	return index === -1 ? undefined : `entry ${index + 1} of its list is ${bodyKind(items[index])}, not a record`;
}

/** Why `body` is not the shape a read expects, or undefined when it is. */
export function shapeProblem(shape: AnswerShape, body: unknown): string | undefined {
	if (shape === 'lines' && Array.isArray(body)) return listProblem(body);
	if (!isPlainObject(body)) return `${bodyKind(body)} where ExoConnect sends a JSON object`;
	switch (shape) {
		case 'record':
			return body.id === undefined || body.id === null ? 'an object without id where ExoConnect sends a record' : undefined;
		case 'list':
		case 'lines':
			return Array.isArray(body.items) ? listProblem(body.items) : 'an object without items where ExoConnect sends a list';
		default:
			return undefined;
	}
}

/**
 * A 2xx answer to a read that is not ExoConnect's data (an HTML page from a web server or a proxy at the
 * address, a list without `items`, a record without `id`): an error naming the address, never an empty
 * list or a page of HTML as a record.
 */
/** the errors notExoConnectData made: a caller that tolerates passing failures must not tolerate these */
const notExoConnectErrors = new WeakSet<object>();

export function notExoConnectData(node: INode, request: RequestDescription, status: number, body: unknown, problem: string): NodeApiError {
	const { origin, pathname } = new URL(request.url);
	const relay = request.relayPath?.trim() ? `Relay Path "${request.relayPath.trim()}"` : 'no Relay Path';
	const error = apiError(node, { status, body: { answer: bodyKind(body) } } as unknown as JsonObject, {
		message: `The answer to ${request.method.toUpperCase()} ${pathname} is not ExoConnect's data: ${problem}`,
		description: `The node asked ${origin}${pathname} (Base URL "${request.baseUrl?.trim() ?? origin}", ${relay}) and got HTTP ${status} with ${bodyKind(body)}. The address may lead to a web page, a proxy or another service rather than the ExoConnect API, or the service answered with data the node does not know. Check the Base URL and Relay Path in the ExoConnect credential (its Test button checks them); nothing was written.`,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
	notExoConnectErrors.add(error);
	return error;
}

/** Whether an error says the answer was not ExoConnect's data: a wrong address, never a passing failure. */
export const isNotExoConnectData = (error: unknown): boolean => typeof error === 'object' && error !== null && notExoConnectErrors.has(error);
