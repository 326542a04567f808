/**
 * A status answer without ExoConnect's time: Start From Now must fail its poll and say where to look, never
 * seed a cursor from n8n's own clock. (An answer that is not JSON, or a feed page without `items`, is
 * refused by the transport for every read, the trigger's included.)
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';

export async function notExoConnect(ctx: IPollFunctions, what: string): Promise<NodeOperationError> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE).catch(() => ({}))) as IDataObject;
	const relayPath = typeof credentials.relayPath === 'string' && credentials.relayPath.trim() !== '' ? `Relay Path "${credentials.relayPath.trim()}"` : 'no Relay Path';
	return new NodeOperationError(ctx.getNode(), "ExoConnect's address answered with something that is not ExoConnect", {
		description: `The answer to ${what} was not ExoConnect's JSON (often a web page, from a wrong address or a proxy). Check the Base URL "${String(credentials.baseUrl ?? '').trim()}" and ${relayPath} in the ExoConnect credential: they must lead to the ExoConnect API itself.`,
	});
}
