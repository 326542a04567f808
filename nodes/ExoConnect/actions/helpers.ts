/** Helper (changed records, entities) and System (status) operations. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { EntityKey } from '../catalog';
import { resourceByKey, routes } from '../catalog';
import { apiRequest, changePages } from '../transport';
import { inputError } from './input';
import { apiValue, BLANK } from './values';

/** Effectively unbounded for Return All; pages are still fetched 500 at a time. */
const ALL_CHANGES = Number.MAX_SAFE_INTEGER;

export async function getChangesOperation(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const entity = ctx.getNodeParameter('entity', itemIndex) as string;
	if (!resourceByKey(entity)) {
		throw inputError(ctx, undefined, [{ path: ['Entity'], message: `"${entity}" is not an ExoConnect entity` }], itemIndex);
	}
	const since = apiValue({ kind: 'dateTime' }, ctx.getNodeParameter('since', itemIndex, ''));
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? ALL_CHANGES : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const includeRecord = ctx.getNodeParameter('includeRecord', itemIndex, true) as boolean;
	const changes: IDataObject[] = [];
	const pages = changePages(
		ctx,
		{ entity: entity as EntityKey, cursor: since === BLANK ? {} : { since: since as string }, includeRecord, itemIndex },
		limit,
	);
	for await (const page of pages) changes.push(...(page.items as unknown as IDataObject[]));
	return changes.slice(0, limit);
}

export async function getEntitiesOperation(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const answer = await apiRequest<{ items?: IDataObject[] }>(ctx, { method: 'GET', route: routes.entities, itemIndex });
	return answer.items ?? [];
}

export async function getStatusOperation(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return [await apiRequest(ctx, { method: 'GET', route: routes.status, itemIndex })];
}
