/**
 * The credential's Test button (n8n's `credentialTest`, named by `testedBy` on both nodes). A declarative
 * test request can only match status codes: n8n then shows a bare `ERR_INVALID_URL`, `ECONNREFUSED` or
 * `EPROTO`, and calls any 200 a success, a web server's HTML page included. This one checks the address
 * as every request does, says what a network failure means as the node does, and accepts only
 * ExoConnect's own status answer.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { routes } from '../catalog';
import { bodyKind, shapeProblem } from './answers';
import type { ExoConnectCredentials } from './credentials';
import { apiKeyHeaders } from './credentials';
import type { Explained, RequestDescription } from './errors';
import { cut, httpProblem, networkCode, networkProblem, serverMessage, tlsCode } from './errors';
import { addressProblem, joinUrl } from './urls';

/** n8n's name of the test: the nodes' `testedBy` and their `methods.credentialTest` key. */
export const CREDENTIAL_TEST = 'exoConnectApiTest';

const TIMEOUT_MS = 15_000;

/** The legacy request helper's answer with `resolveWithFullResponse` (the only helper a credential test has). */
interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

const failed = ({ message, description }: Explained): INodeCredentialTestResult => ({
	status: 'Error',
	message: `${message.replace(/[.:]$/, '')}. ${description}`,
});

/** What a 2xx answer to GET /system/status is when it is not ExoConnect's status, or undefined when it is. */
function notStatus(body: unknown): string | undefined {
	const problem = shapeProblem('object', body);
	if (problem) return problem;
	return typeof (body as IDataObject).status === 'string' ? undefined : 'a JSON object without the status ExoConnect reports';
}

export async function testCredential(ctx: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as unknown as Partial<ExoConnectCredentials>;
	const bad = addressProblem(data);
	if (bad) return { status: 'Error', message: `The ${bad.field ?? 'Base URL'} ${bad.problem}. ${bad.fix}` };
	if (String(data.apiKey ?? '').trim() === '') {
		return { status: 'Error', message: 'The API key is empty. Copy it from the ExoConnect manager (Clés d\'API).' };
	}
	const url = joinUrl(String(data.baseUrl), data.relayPath, routes.status);
	const request: RequestDescription = { method: 'GET', url, baseUrl: data.baseUrl, relayPath: data.relayPath };
	let response: FullResponse;
	try {
		// a credential test's context offers only this (request-style) helper; no redirect is followed,
		// so the key is never sent on to another address
		response = (await ctx.helpers.request({
			method: 'GET',
			uri: url,
			headers: apiKeyHeaders(data.apiKey),
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			followAllRedirects: false,
			timeout: TIMEOUT_MS,
		})) as FullResponse;
	} catch (error) {
		const code = tlsCode(error) ?? networkCode(error);
		if (code) return failed(networkProblem(code, request));
		const said = (error as { message?: unknown } | undefined)?.message;
		return { status: 'Error', message: `The request to ${url} failed: ${typeof said === 'string' ? cut(said) : 'unknown error'}` };
	}
	const status = response.statusCode;
	if (status >= 300 && status < 400) {
		const location = response.headers?.location ?? response.headers?.Location;
		return {
			status: 'Error',
			message: `The address redirects${typeof location === 'string' ? ` to ${cut(location, 200)}` : ''} (HTTP ${status}). Enter the address it redirects to as the Base URL (often https:// in place of http://, or a path added or removed): the node never follows a redirect to another address.`,
		};
	}
	if (status >= 400 || status < 200) {
		// what to check first, the server's own words after it
		const said = serverMessage(response.body);
		const { message } = failed(httpProblem(status, undefined, request));
		return { status: 'Error', message: `${message}${said ? ` (ExoConnect said: "${said}")` : ''}` };
	}
	const problem = notStatus(response.body);
	if (problem) {
		return {
			status: 'Error',
			message: `Something answered at ${url}, but not ExoConnect: it sent ${bodyKind(response.body)} (${problem}). Check the Base URL and Relay Path: they must lead to the ExoConnect API, not to a web site or a proxy's page.`,
		};
	}
	const version = (response.body as IDataObject).api_version;
	return { status: 'OK', message: `Connected to ExoConnect${typeof version === 'string' ? ` ${version}` : ''}` };
}
