/** Sends one API call through n8n's authenticated HTTP helper, with the retry policy and error mapping. */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import type { RequestDescription } from './errors';
import { httpError, networkCode, networkError } from './errors';
import type { Failure, RetryPolicy } from './retry';
import { defaultRetryPolicy, isRetryable, parseRetryAfter, retryDelayMs } from './retry';
import type { LookupBy } from './urls';
import { joinUrl } from './urls';

export const CREDENTIAL_TYPE = 'exoConnectApi';

/** Every n8n context the package calls the API from. */
export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface ExoConnectCredentials {
	baseUrl: string;
	relayPath?: string;
	apiKey: string;
}

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
}

export interface TransportOptions {
	retry?: RetryPolicy;
	timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

type AuthenticatedRequest = (
	this: ApiContext,
	credentialsType: string,
	requestOptions: IHttpRequestOptions,
) => Promise<IN8nHttpFullResponse>;

export async function apiRequest<T = IDataObject>(
	ctx: ApiContext,
	call: ApiCall,
	options: TransportOptions = {},
): Promise<T> {
	const policy = options.retry ?? defaultRetryPolicy;
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as ExoConnectCredentials;
	const url = joinUrl(credentials.baseUrl, credentials.relayPath, call.route);
	const described: RequestDescription = {
		method: call.method,
		url,
		resource: call.resource,
		lookup: call.lookup,
		itemIndex: call.itemIndex,
	};
	const send = ctx.helpers.httpRequestWithAuthentication as unknown as AuthenticatedRequest;

	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let failure: Failure;
		let networkFailure: unknown;
		try {
			response = await send.call(ctx, CREDENTIAL_TYPE, {
				method: call.method,
				url,
				qs: call.qs,
				body: call.body,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			});
		} catch (error) {
			const code = networkCode(error);
			// not a network failure (missing credential, cancelled execution…): nothing to retry
			if (!code) throw new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: call.itemIndex });
			networkFailure = error;
		}

		if (response) {
			if (response.statusCode < 400) return response.body as T;
			failure = { status: response.statusCode };
		} else {
			failure = { network: networkCode(networkFailure) as string };
		}

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
		await sleep(delay);
	}
}

function headerValue(response: IN8nHttpFullResponse, name: string): unknown {
	const headers = response.headers as Record<string, unknown> | undefined;
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key ? headers[key] : undefined;
}
