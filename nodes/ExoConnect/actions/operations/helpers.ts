/** Helper (changed records, entities) and System (status) operations. */
import type { IDataObject } from 'n8n-workflow';

import { changeFeed, resourceByKey, routes } from '../../catalog';
import { instantInZone } from '../../timestamps';
import { apiRequest, walkFeed } from '../../transport';
import { isBlank } from '../../userInput';
import { inputError } from '../input/input';
import type { RunContext } from '../run/runContext';

/** Effectively unbounded for Return All; pages are still fetched 500 at a time. */
const ALL_CHANGES = Number.MAX_SAFE_INTEGER;

export async function getChangesOperation(run: RunContext, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const entity = ctx.getNodeParameter('entity', itemIndex) as string;
	const resource = resourceByKey(entity);
	const feed = resource && changeFeed(resource);
	if (!feed) {
		throw inputError(ctx, undefined, [{ path: ['Entity'], message: `"${entity}" is not an ExoConnect entity with a change feed` }], itemIndex);
	}
	const sinceValue = ctx.getNodeParameter('since', itemIndex, '') as unknown;
	// a date typed without offset is the workflow's time zone's, as in the trigger's Start Date
	const since = isBlank(sinceValue) ? undefined : instantInZone(sinceValue, ctx.getTimezone());
	if (!isBlank(sinceValue) && since === undefined) {
		throw inputError(ctx, undefined, [{ path: ['Changed After'], message: `"${String(sinceValue)}" is not a date` }], itemIndex);
	}
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? ALL_CHANGES : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const includeRecord = ctx.getNodeParameter('includeRecord', itemIndex, true) as boolean;
	const changes: IDataObject[] = [];
	const pages = walkFeed(
		ctx,
		{ feed, from: since === undefined ? {} : { at: since }, includeRecord, itemIndex },
		() => limit - changes.length,
		run.api,
	);
	for await (const page of pages) changes.push(...(page.changes as unknown as IDataObject[]));
	return changes.slice(0, limit);
}

export async function getEntitiesOperation(run: RunContext, itemIndex: number): Promise<IDataObject[]> {
	const answer = await apiRequest<{ items?: IDataObject[] }>(run.ctx, { method: 'GET', route: routes.entities, itemIndex, answer: 'list' }, run.api);
	return answer.items ?? [];
}

/** System › Get SDK Windows: one item per maintenance window, with its organisation (§8.2). */
export async function getSdkWindowsOperation(run: RunContext, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const organisation = ctx.getNodeParameter('organisationId', itemIndex, '') as unknown;
	const qs: IDataObject = isBlank(organisation) ? {} : { organisation_id: String(organisation).trim() };
	const answer = await apiRequest<{ organisation_id?: unknown; items?: IDataObject[] }>(ctx, {
		method: 'GET',
		route: routes.sdkWindows,
		qs,
		itemIndex,
		answer: 'list',
	}, run.api);
	const items = Array.isArray(answer.items) ? answer.items : [];
	return items.map((window) => ({ organisation_id: (answer.organisation_id as string | undefined) ?? null, ...window }));
}

export async function getStatusOperation(run: RunContext, itemIndex: number): Promise<IDataObject[]> {
	return [await apiRequest(run.ctx, { method: 'GET', route: routes.status, itemIndex }, run.api)];
}
