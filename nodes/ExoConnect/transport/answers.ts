/**
 * Answers that are not what the call asked for. n8n's helper is told never to follow a redirect: a POST
 * sent on after a 302 becomes a GET of the list that looks like success, and a custom `x-api-key` header
 * (unlike Authorization and cookies) would be sent on to whatever host the redirect names. Reads follow
 * a redirect here, to the same scheme, host and port only; writes never do.
 */
import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject, NodeApiError } from 'n8n-workflow';

import type { RequestDescription } from './errors';
import { apiError, isWrite, serverMessage, WRITE_CAUTION } from './errors';

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
		return apiError(nodeOf(), { status, body } as unknown as JsonObject, {
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
