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
	/** the credential's address, for errors that say to check it */
	baseUrl?: string;
	relayPath?: string;
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

/** How much of the server's own words an error repeats: a server may answer megabytes. */
export const MAX_SAID_LENGTH = 500;

/** `text` cut to `max` characters, with … when something was left out. */
export function cut(text: string, max = MAX_SAID_LENGTH): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The server's own words: `detail` as text, or the 422 list joined; cut to MAX_SAID_LENGTH. */
export function serverMessage(body: unknown, resource?: ResourceDef): string | undefined {
	if (body === null || body === undefined || body === '') return undefined;
	if (typeof body === 'string') return cut(body);
	if (typeof body !== 'object') return undefined;
	const detail = (body as { detail?: unknown }).detail;
	if (typeof detail === 'string') return cut(detail);
	// only the first problems are read: a list of a million is no more helpful than its start
	if (Array.isArray(detail)) return cut(validationSummary(detail.slice(0, 20) as DetailItem[], resource));
	return undefined;
}

/** Bodies larger than this are not kept whole in an error (n8n stores the error with the execution). */
const MAX_KEPT_BODY = 10_000;

/** The answer as an error keeps it: whole when small, else the server's words only. */
export function keptBody(body: unknown, resource?: ResourceDef): unknown {
	if (typeof body === 'string') return cut(body, MAX_KEPT_BODY);
	let size = 0;
	try {
		size = JSON.stringify(body)?.length ?? 0;
	} catch {
		size = Infinity;
	}
	return size <= MAX_KEPT_BODY ? body : { detail: serverMessage(body, resource) ?? null, cut: `the answer (${size === Infinity ? 'unreadable' : `${size.toLocaleString('en-US')} characters`}) is not kept whole` };
}

/** `[{loc: ['body','details',2,'description'], msg}]` → "Line 3, Description: msg". */
export function validationSummary(items: DetailItem[], resource?: ResourceDef): string {
	return items
		.map((item) => {
			const loc = Array.isArray(item?.loc) ? item.loc : [];
			const [where, ...path] = loc;
			const field =
				where === 'body'
					? describePath(resource, path)
					: path.length
						? `Parameter ${path.join('.')}`
						: String(where ?? 'Request');
			return `${field}: ${typeof item?.msg === 'string' ? cut(item.msg, 200) : 'is invalid'}`;
		})
		.join('; ');
}

function recordName(request: RequestDescription): string | undefined {
	const { resource, lookup } = request;
	if (!resource || !lookup) return undefined;
	const label = lookup.by === 'id' ? 'ID' : resource.codeLabel;
	return `${resource.displayName} with ${label} "${lookup.key}"`;
}

/** " Try again in 30 seconds." — a Retry-After of 400 digits is "more than a day", never "Infinity seconds". */
export function secondsText(ms: number | undefined): string {
	if (ms === undefined || Number.isNaN(ms)) return '';
	const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds <= 120) return ` Try again in ${plural(seconds, 'second')}.`;
	if (seconds <= 120 * 60) return ` Try again in ${plural(Math.ceil(seconds / 60), 'minute')}.`;
	if (seconds <= 24 * 3600) return ` Try again in ${plural(Math.ceil(seconds / 3600), 'hour')}.`;
	return ' ExoConnect asks to wait more than a day before trying again.';
}

/** What a failure says: the error's message and description, for the node's errors and the credential's Test alike. */
export interface Explained {
	message: string;
	description: string;
}

export function httpProblem(status: number, body: unknown, request: RequestDescription, retryAfterMs?: number): Explained {
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
	return { message, description };
}

export function httpError(
	node: INode,
	status: number,
	body: unknown,
	request: RequestDescription,
	retryAfterMs?: number,
): NodeApiError {
	const { message, description } = httpProblem(status, body, request, retryAfterMs);
	return apiError(node, { status, body: keptBody(body, request.resource) } as unknown as JsonObject, {
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

/** TLS failures Node reports by code: the address speaks no HTTPS, or its certificate is not trusted. */
const TLS_CODES = /^(EPROTO|ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

/** The TLS code of an error (or of one of its causes), when the failure is TLS's. */
export function tlsCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
		if (typeof current.code === 'string' && TLS_CODES.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export function networkProblem(code: string, request: RequestDescription): Explained {
	const host = hostOf(request.url);
	const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
	const unreachable = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH';
	const https = request.url.toLowerCase().startsWith('https:');
	if (TLS_CODES.test(code)) {
		// EPROTO / wrong version number: https:// spoken to a service that answers plain http
		const noHttps = code === 'EPROTO' || code.startsWith('ERR_SSL_');
		return {
			message: noHttps ? `ExoConnect at ${host} does not answer HTTPS` : `The HTTPS certificate of ExoConnect at ${host} is not trusted`,
			description: `${
				noHttps && https
					? `The Base URL starts with https://, but the service at this address speaks plain http: write the Base URL with http:// if it is your own ExoConnect service on your network, or check the port.`
					: `Check the Base URL in the credential: the service's certificate does not match its address, has expired or is self-signed. Ask your ExoConnect administrator for a valid certificate, or use the address the certificate was made for.`
			} Nothing reached ExoConnect. (${code})`,
		};
	}
	const message = timedOut
		? `ExoConnect at ${host} did not answer in time`
		: unreachable
			? `Cannot reach ExoConnect at ${host}`
			: `The connection to ExoConnect at ${host} was interrupted`;
	const advice = unreachable
		? "Check the Base URL in the credential and that the ExoConnect service (or the machine running it) is up. "
		: 'This is usually temporary. ';
	const caution = isWrite(request.method) && !unreachable ? WRITE_CAUTION : '';
	return { message, description: `${advice}${caution}`.trim() + ` (${code})` };
}

export function networkError(node: INode, error: unknown, code: string, request: RequestDescription): NodeApiError {
	const { message, description } = networkProblem(code, request);
	// a plain object: n8n-core's own NodeApiError would be handed back as is by the constructor, and the
	// client's error holds the request's headers (the API key)
	const said = (error as { message?: unknown } | undefined)?.message;
	const cause: JsonObject = { message: typeof said === 'string' ? said : code, networkCode: code };
	return apiError(node, cause, { message, description, itemIndex: request.itemIndex });
}

/** The credential's Base URL or Relay Path cannot be used (see addressProblem): said before anything is sent. */
export function baseUrlError(node: INode, { field = 'Base URL', problem, fix }: BaseUrlProblem, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The ${field} of the ExoConnect credential ${problem}`, {
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

/** The plain words of an HTTP client's error, without the request it carried (its headers hold the API key). */
function plainCause(error: unknown): JsonObject {
	const found = error as { message?: unknown; code?: unknown; cause?: { message?: unknown; code?: unknown } } | undefined;
	const message = typeof found?.message === 'string' ? found.message : typeof found?.cause?.message === 'string' ? found.cause.message : 'request failed';
	const code = typeof found?.code === 'string' ? found.code : typeof found?.cause?.code === 'string' ? found.cause.code : undefined;
	return { message: cut(message), ...(code ? { code } : {}) };
}

/**
 * An error the HTTP helper threw before any answer that is no network failure to retry: a refused
 * certificate is explained as the network failures are; anything else (a cancelled execution) keeps n8n's
 * wrapping. Either way the client's error, whose request config holds the x-api-key header (not
 * enumerable, but any logger that walks `cause` finds it), is replaced by its plain words.
 */
export function clientError(node: INode, error: unknown, request: RequestDescription): NodeApiError | NodeOperationError {
	const tls = tlsCode(error);
	if (tls) return apiError(node, { ...plainCause(error), networkCode: tls }, { ...networkProblem(tls, request), itemIndex: request.itemIndex });
	const wrapped = helperError(node, error, request.itemIndex);
	if (wrapped.cause !== undefined && wrapped.cause !== null) wrapped.cause = plainCause(wrapped.cause) as unknown as Error;
	return wrapped;
}

/** A change feed still going at the page cap: said, never read forever nor cut silently. */
export function feedCapError(node: INode, entity: string, pages: number, changes: number, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The change feed of ${entity.replace(/_/g, ' ')} is longer than the node reads at once`, {
		itemIndex,
		description: `The node stopped after ${pages.toLocaleString('en-US')} pages (${changes.toLocaleString('en-US')} changes) and ExoConnect still had more; rather than a list silently cut short, nothing is returned. Read it in parts: a Limit, or Changed After (Helper › Get Changes) or the filters (Get Many) period by period.`,
	});
}

/** Return All reached the page cap while ExoConnect still answered full pages: said, never cut silently. */
export function pageCapError(node: INode, resource: ResourceDef, pages: number, records: number, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The list of ${resource.pluralName.toLowerCase()} is longer than the node reads at once`, {
		itemIndex,
		description: `The node stopped after ${pages.toLocaleString('en-US')} pages (${records.toLocaleString('en-US')} records) and ExoConnect still had more; rather than a list silently cut short, nothing is returned. Narrow the list with filters: Modified After and Modified Before read it period by period, Name Starts With part by part.`,
	});
}
