/**
 * A 200 answer that is not ExoConnect's JSON (an HTML page from a wrong Base URL, a proxy's or a login
 * page): the trigger must fail its poll and say where to look, never seed a cursor from n8n's own clock or
 * read "no changes" from it forever.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';

export async function notExoConnect(ctx: IPollFunctions, what: string): Promise<NodeOperationError> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE).catch(() => ({}))) as IDataObject;
	const relayPath = typeof credentials.relayPath === 'string' && credentials.relayPath.trim() !== '' ? credentials.relayPath : 'none';
	return new NodeOperationError(ctx.getNode(), "ExoConnect's address answered with something that is not ExoConnect", {
		description: `The answer to ${what} was not ExoConnect's JSON (often a web page, from a wrong address or a proxy). Check the Base URL (${String(credentials.baseUrl ?? '')}) and Relay Path (${relayPath}) in the ExoConnect credential: they must lead to the ExoConnect API itself.`,
	});
}
