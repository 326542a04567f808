/**
 * The ExoConnect credential of a call. n8n reads a credential from its database and decrypts it on every
 * `getCredentials`, and its authenticated request helper does it once more unless it is handed the data:
 * a sync of thousands of records would pay that twice per request. So the data read here is handed to
 * the helper, and an action node's run reads it once for all its items (its session, session.ts). A call
 * made outside a run (a trigger's poll, a list in the editor) reads it each time: a changed key is used at once.
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

export interface CredentialRead {
	credentials: ExoConnectCredentials;
	/** the helper's option that spares it a second read of the credential */
	handed: IAdditionalCredentialOptions;
}

/** The credential of the call, and the option that hands it to n8n's helper (a session keeps it for a run: session.ts). */
export async function readCredentials(ctx: ApiContext): Promise<CredentialRead> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as ExoConnectCredentials;
	const chosen = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const decrypted = { id: chosen?.id ?? '', name: chosen?.name ?? '', type: CREDENTIAL_TYPE, data: { ...credentials } };
	return { credentials, handed: { credentialsDecrypted: decrypted } };
}
