/** Sends one API call through n8n's authenticated HTTP helper, with the retry policy and error mapping. */
import type { IAdditionalCredentialOptions, IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import type { AnswerShape } from './answers';
import { headerValue, notExoConnectData, redirectTarget, shapeProblem, unexpectedAnswer } from './answers';
import type { ApiContext } from './context';
import { CREDENTIAL_TYPE } from './credentials';
import type { RequestDescription } from './errors';
import { baseUrlError, clientError, httpError, isWrite, networkCode, networkError, tlsCode } from './errors';
import type { Failure, RetryPolicy } from './retry';
import { defaultRetryPolicy, isRetryable, parseRetryAfter, retryDelayMs } from './retry';
import type { LookupBy } from './urls';
import { addressProblem, joinUrl } from './urls';
import type { ApiSession } from './session';
import { openSession } from './session';
import { WriteNotStarted } from './writeGate';

export type { ApiContext };

export interface ApiCall {
	method: IHttpRequestMethods;
	/** a catalog route, see urls.ts */
	route: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** for readable errors: which resource and record the call is about */
	resource?: ResourceDef;
	lookup?: { by: LookupBy; key: string | number };
	itemIndex?: number;
	/**
	 * What a GET expects back (see answers.ts), any JSON object unless said: an answer of another shape is
	 * an error naming the credential's address. `any` for a caller that judges the answer itself.
	 */
	answer?: AnswerShape | 'any';
}

export interface TransportOptions {
	retry?: RetryPolicy;
	timeoutMs?: number;
	/** the run's session (credential read once, one gate): without it the call opens one of its own */
	session?: ApiSession;
}

const DEFAULT_TIMEOUT_MS = 60_000;

type AuthenticatedRequest = (
	this: ApiContext,
	credentialsType: string,
	requestOptions: IHttpRequestOptions,
	additionalCredentialOptions?: IAdditionalCredentialOptions,
) => Promise<IN8nHttpFullResponse>;

export async function apiRequest<T = IDataObject>(
	ctx: ApiContext,
	call: ApiCall,
	options: TransportOptions = {},
): Promise<T> {
	const policy = options.retry ?? defaultRetryPolicy;
	const session = options.session ?? openSession(ctx);
	const { credentials, handed } = await session.credentials();
	const badBase = addressProblem(credentials);
	if (badBase) throw baseUrlError(ctx.getNode(), badBase, call.itemIndex);
	const url = joinUrl(credentials.baseUrl, credentials.relayPath, call.route);
	const described: RequestDescription = {
		method: call.method,
		url,
		resource: call.resource,
		lookup: call.lookup,
		itemIndex: call.itemIndex,
		baseUrl: credentials.baseUrl,
		relayPath: credentials.relayPath,
	};
	const send = ctx.helpers.httpRequestWithAuthentication as unknown as AuthenticatedRequest;
	let target = url;
	let qs = call.qs;
	let hops = 0;
	const gate = session.gate;

	for (let attempt = 1; ; ) {
		let response: IN8nHttpFullResponse | undefined;
		let networkFailure: unknown;
		await gate.enter();
		// a write not yet sent when the run began to stop is never sent (its retries are the same write)
		if (attempt === 1 && hops === 0 && isWrite(call.method) && gate.stopped()) {
			gate.release();
			throw new WriteNotStarted(ctx.getNode());
		}
		try {
			response = await send.call(ctx, CREDENTIAL_TYPE, {
				method: call.method,
				url: target,
				qs,
				body: call.body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// redirects are judged in answers.ts: n8n's helper would send the API key to any host
				disableFollowRedirect: true,
				timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			}, handed);
		} catch (error) {
			// not a network failure (a cancelled execution, a refused certificate…): nothing to retry
			if (!networkCode(error) || tlsCode(error)) throw clientError(ctx.getNode(), error, described);
			networkFailure = error;
		} finally {
			gate.release();
		}

		if (response && response.statusCode >= 300 && response.statusCode < 400) {
			const next = redirectTarget(ctx.getNode(), described, response, target, hops);
			if (typeof next !== 'string') throw next;
			// a Location without a query of its own keeps the call's (page, filters…)
			qs = new URL(next).search ? undefined : call.qs;
			target = next;
			hops++;
			continue;
		}
		if (response && response.statusCode < 300) {
			const unexpected = unexpectedAnswer(() => ctx.getNode(), described, response.statusCode, response.body);
			if (unexpected) throw unexpected;
			if (!isWrite(call.method) && call.answer !== 'any') {
				const problem = shapeProblem(call.answer ?? 'object', response.body);
				if (problem) throw notExoConnectData(ctx.getNode(), described, response.statusCode, response.body, problem);
			}
			return response.body as T;
		}
		const failure: Failure = response ? { status: response.statusCode } : { network: networkCode(networkFailure) as string };

		const retryAfterMs = response ? parseRetryAfter(headerValue(response, 'retry-after')) : undefined;
		const delay =
			attempt <= policy.maxRetries && isRetryable(call.method, failure)
				? retryDelayMs(policy, attempt, retryAfterMs)
				: undefined;
		if (delay === undefined) {
			throw 'status' in failure
				? httpError(ctx.getNode(), failure.status, response?.body, described, retryAfterMs)
				: networkError(ctx.getNode(), networkFailure, failure.network, described);
		}
		// a 429 is the relay's word for the whole client: every request of the run waits (see writeGate.ts)
		if ('status' in failure && failure.status === 429) gate.closeFor(delay);
		else await sleep(delay);
		attempt++;
	}
}
