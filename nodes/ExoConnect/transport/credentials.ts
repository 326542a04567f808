/**
 * The ExoConnect credential of a call. n8n reads a credential from its database and decrypts it on every
 * `getCredentials`, and its authenticated request helper does it once more unless it is handed the data:
 * a sync of thousands of records would pay that twice per request. So the data read here is handed to
 * the helper, and an action node's run reads it once for all its items. A trigger's context lives as long
 * as its activation, so a trigger reads it on every call: a key changed in n8n is used at the next poll.
 */
import type { IAdditionalCredentialOptions } from 'n8n-workflow';

import type { ApiContext } from './context';

export const CREDENTIAL_TYPE = 'exoConnectApi';

/** The header that carries the key; outer spaces of a pasted key are dropped (a header cannot carry a line break). */
export function apiKeyHeaders(apiKey: unknown): Record<string, string> {
	return { 'x-api-key': String(apiKey ?? '').trim() };
}

export interface ExoConnectCredentials {
	baseUrl: string;
	relayPath?: string;
	apiKey: string;
}

interface Read {
	credentials: ExoConnectCredentials;
	/** the helper's option that spares it a second read of the credential */
	handed: IAdditionalCredentialOptions;
}

const perRun = new WeakMap<object, Promise<Read>>();

async function read(ctx: ApiContext): Promise<Read> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as ExoConnectCredentials;
	const chosen = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const decrypted = { id: chosen?.id ?? '', name: chosen?.name ?? '', type: CREDENTIAL_TYPE, data: { ...credentials } };
	return { credentials, handed: { credentialsDecrypted: decrypted } };
}

/** The credential of the call, and the option that hands it to n8n's helper. */
export async function credentialsOf(ctx: ApiContext): Promise<Read> {
	// only an action node's context (it has input data) is one run of the node
	if (!('getInputData' in ctx)) return await read(ctx);
	let cached = perRun.get(ctx);
	if (!cached) {
		cached = read(ctx);
		perRun.set(ctx, cached);
		// a failed read (no credential chosen) is not remembered: each item says so
		cached.catch(() => perRun.delete(ctx));
	}
	return await cached;
}
