/**
 * "Fetch Test Event": the entity's most recent change, so the user sees real data while building the
 * workflow. Reads only; the cursor and the other state stay exactly as they were.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resourceByKey, routes, updatesLimits } from '../catalog';
import { apiRequest, getChanges } from '../transport';
import { readConfig } from './config';
import { changeItem } from './poll';

interface EntityInfo {
	entity: string;
	last_modified_at?: string | null;
}

export async function sampleChange(ctx: IPollFunctions): Promise<INodeExecutionData[][]> {
	const config = readConfig(ctx);
	const label = resourceByKey(config.entity)?.pluralName.toLowerCase() ?? config.entity;
	const entities = await apiRequest<{ items?: EntityInfo[] }>(ctx, { method: 'GET', route: routes.entities });
	const last = entities.items?.find((e) => e.entity === config.entity)?.last_modified_at;
	const page = last
		? await getChanges(ctx, {
				entity: config.entity,
				// one second before the last change: the updates helper returns that last second
				cursor: { since: new Date(Date.parse(last) - 1000).toISOString() },
				includeRecord: config.includeRecord,
				limit: updatesLimits.maxLimit,
			})
		: undefined;
	const changes = page?.items ?? [];
	const matching = changes.filter((c) => config.events.includes(c.event));
	const latest = (matching.length ? matching : changes).at(-1);
	if (!latest) {
		throw new NodeOperationError(ctx.getNode(), `No changes of ${label} found in Acomba yet`, {
			description: 'Create or change a record of this kind in Acomba, then fetch a test event again.',
		});
	}
	return [[changeItem(latest)]];
}
