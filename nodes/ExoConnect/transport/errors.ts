/** Turns ExoConnect's FastAPI-style answers and network failures into plain-words NodeApiErrors. */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { describePath } from '../schemas';
import { credentialAdvice } from './advice';
import type { BaseUrlProblem, LookupBy } from './urls';
import { hostOf } from './urls';

export interface RequestDescription {
	method: string;
	url: string;
	resource?: ResourceDef;
	lookup?: { by: LookupBy; key: string | number };
	itemIndex?: number;
}

interface DetailItem {
	loc?: Array<string | number>;
	msg?: string;
}

export const WRITE_CAUTION =
	'ExoConnect may have written the record before the failure and the node does not resend writes on its own: look the record up in Acomba before running the node again, so that nothing is created twice.';

/**
 * NodeApiError swaps a message that contains a Node error code (EPERM in a code like "DEEPERMAN",
 * ECONNREFUSED…) for n8n's generic text; ours already say it in plain words, so they are put back.
 */
export function apiError(
	node: INode,
	response: JsonObject,
	options: { message: string; description: string; httpCode?: string; itemIndex?: number },
): NodeApiError {
	const error = new NodeApiError(node, response, options);
	error.message = options.message;
	return error;
}

export function isWrite(method: string): boolean {
	return method.toUpperCase() !== 'GET';
}

/** The server's own words: `detail` as text, or the 422 list joined. */
export function serverMessage(body: unknown, resource?: ResourceDef): string | undefined {
	if (body === null || body === undefined || body === '') return undefined;
	if (typeof body === 'string') return body.slice(0, 500);
	const detail = (body as { detail?: unknown }).detail;
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) return validationSummary(detail as DetailItem[], resource);
	return undefined;
}

/** `[{loc: ['body','details',2,'description'], msg}]` → "Line 3, Description: msg". */
export function validationSummary(items: DetailItem[], resource?: ResourceDef): string {
	return items
		.map((item) => {
			const loc = item.loc ?? [];
			const [where, ...path] = loc;
			const field =
				where === 'body'
					? describePath(resource, path)
					: path.length
						? `Parameter ${path.join('.')}`
						: String(where ?? 'Request');
			return `${field}: ${item.msg ?? 'is invalid'}`;
		})
		.join('; ');
}

function recordName(request: RequestDescription): string | undefined {
	const { resource, lookup } = request;
	if (!resource || !lookup) return undefined;
	const label = lookup.by === 'id' ? 'ID' : resource.codeLabel;
	return `${resource.displayName} with ${label} "${lookup.key}"`;
}

function secondsText(ms: number | undefined): string {
	if (ms === undefined) return '';
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	return ` Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

export function httpError(
	node: INode,
	status: number,
	body: unknown,
	request: RequestDescription,
	retryAfterMs?: number,
): NodeApiError {
	const said = serverMessage(body, request.resource);
	const saidLine = said ? `ExoConnect said: "${said}". ` : '';
	let message: string;
	let description: string;
	switch (true) {
		case status === 401 || status === 403:
			message = 'ExoConnect rejected the API key';
			description = `${saidLine}${credentialAdvice.key}`;
			break;
		case status === 404: {
			const record = recordName(request);
			message = record ? `${record} was not found` : `ExoConnect does not know ${request.method} ${new URL(request.url).pathname}`;
			description = record
				? `${saidLine}Check the ${request.lookup?.by === 'id' ? 'ID' : 'code'}, or pick the record from the list. Codes are compared exactly as Acomba stores them.`
				: `${saidLine}${credentialAdvice.address}`;
			break;
		}
		case status === 405:
			message = said ?? 'ExoConnect does not allow this operation';
			description = 'Acomba does not allow this change through ExoConnect; this item wrote nothing.';
			break;
		case status === 409:
			message = said ?? 'A record with this code already exists';
			description = 'This item wrote nothing. Use the Update operation to change the existing record, or choose another code.';
			break;
		case status === 400 || status === 422:
			message = `ExoConnect refused the data${said ? `: ${said}` : ''}`;
			description = 'This item wrote nothing. Correct the fields named above and run the item again.';
			break;
		case status === 429:
			message = 'ExoConnect is receiving too many requests (rate limited)';
			description = `${saidLine}This is temporary and the request was not processed.${secondsText(retryAfterMs)} Lower the number of items per run or spread the runs out.`;
			break;
		case status === 503:
			message = 'Acomba is temporarily unavailable';
			description = `${saidLine}The Acomba connection of ExoConnect is down, usually during a maintenance window or while the company file is closed. This is temporary.${secondsText(retryAfterMs)}${isWrite(request.method) ? ` ${WRITE_CAUTION}` : ''}`;
			break;
		default:
			message = `ExoConnect answered with an error (HTTP ${status})`;
			description = `${saidLine}${status >= 500 ? 'This is a server-side problem, often temporary. ' : ''}${isWrite(request.method) ? WRITE_CAUTION : 'Try again later; if it persists, contact your ExoConnect administrator.'}`;
	}
	return apiError(node, { status, body } as unknown as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/** Node/axios network error codes that say the request never got an answer. */
export function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		// ERR_* are axios/Node codes such as ERR_CANCELED (execution cancelled) or ERR_INVALID_URL: no network failure
		if (typeof current.code === 'string' && /^E(?!RR_)[A-Z_]+$/.test(current.code)) return current.code;
		if (typeof current.message === 'string' && /socket hang up|timeout of \d+ms exceeded/i.test(current.message)) {
			return /timeout/i.test(current.message) ? 'ETIMEDOUT' : 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

export function networkError(node: INode, error: unknown, code: string, request: RequestDescription): NodeApiError {
	const host = hostOf(request.url);
	const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
	const unreachable = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH';
	const message = timedOut
		? `ExoConnect at ${host} did not answer in time`
		: unreachable
			? `Cannot reach ExoConnect at ${host}`
			: `The connection to ExoConnect at ${host} was interrupted`;
	const advice = unreachable
		? "Check the Base URL in the credential and that the ExoConnect service (or the machine running it) is up. "
		: 'This is usually temporary. ';
	const caution = isWrite(request.method) && !unreachable ? WRITE_CAUTION : '';
	// a plain object: n8n-core's own NodeApiError would be handed back as is by the constructor
	const said = (error as { message?: unknown } | undefined)?.message;
	const cause: JsonObject = { message: typeof said === 'string' ? said : code, networkCode: code };
	return apiError(node, cause, {
		message,
		description: `${advice}${caution}`.trim() + ` (${code})`,
		itemIndex: request.itemIndex,
	});
}

/** The credential's Base URL cannot be used (see baseUrlProblem): said before anything is sent. */
export function baseUrlError(node: INode, { problem, fix }: BaseUrlProblem, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The Base URL of the ExoConnect credential ${problem}`, {
		itemIndex,
		description: `${fix} Nothing was sent to ExoConnect.`,
	});
}

/**
 * An error n8n's HTTP helper threw that is no network failure (a cancelled execution, a refused certificate…).
 * The helper already wrapped it in a NodeApiError, and wrapping that again hands back the same object
 * without our item index: the index is set on it instead.
 */
export function helperError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	const wrapped =
		error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeApiError(node, error as JsonObject, { itemIndex });
	if (itemIndex !== undefined && wrapped.context.itemIndex === undefined) wrapped.context.itemIndex = itemIndex;
	return wrapped;
}

/** Return All reached the page cap while ExoConnect still answered full pages: said, never cut silently. */
export function pageCapError(node: INode, resource: ResourceDef, pages: number, records: number, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The list of ${resource.pluralName.toLowerCase()} is longer than the node reads at once`, {
		itemIndex,
		description: `The node stopped after ${pages.toLocaleString('en-US')} pages (${records.toLocaleString('en-US')} records) and ExoConnect still had more; rather than a list silently cut short, nothing is returned. Narrow the list with filters: Modified After and Modified Before read it period by period, Name Starts With part by part.`,
	});
}
