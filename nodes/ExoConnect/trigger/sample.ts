/**
 * "Fetch Test Event": the entity's most recent change of the chosen events (looked for in its last day,
 * then its last 30 days), so the user sees real data while building the workflow. Reads only; the cursor
 * and the other state stay exactly as they were.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { routes, updatesLimits } from '../catalog';
import type { Change } from '../transport';
import { apiRequest, walkFeed } from '../transport';
import type { TriggerConfig } from './config';
import { readConfig } from './config';
import { notExoConnect } from './notExoConnect';
import { changeItem } from './items';
import { serverClock } from './poll';
import { instant } from './state';

interface EntityInfo {
	entity: string;
	last_modified_at?: string | null;
}

/** How far back a test event is looked for, and how many changes are read at most to find one */
const LOOK_BACK_MS = [1_000, 24 * 60 * 60_000, 30 * 24 * 60 * 60_000];
const MAX_PAGES = 10;

async function latestMatching(ctx: IPollFunctions, config: TriggerConfig, fromMs: number | undefined): Promise<Change | undefined> {
	let latest: Change | undefined;
	let pages = 0;
	const from = fromMs === undefined ? {} : { at: new Date(fromMs).toISOString() };
	const walk = walkFeed(ctx, { feed: config.feed, from, includeRecord: config.includeRecord }, () =>
		pages < MAX_PAGES ? updatesLimits.maxLimit : 0,
	);
	for await (const page of walk) {
		if (!page.recognised) throw await notExoConnect(ctx, 'the changes feed');
		pages++;
		for (const change of page.changes) if (config.events.includes(change.event)) latest = change;
	}
	return latest;
}

/**
 * Where to look for an entity the entities route does not list (the extract feeds): the last day, then the
 * last 30 days of ExoConnect's own clock, and only then its oldest changes — a feed read from its start
 * shows the oldest payment of the books, not a recent one.
 */
async function recentStarts(ctx: IPollFunctions): Promise<Array<number | undefined>> {
	const { serverTime } = await serverClock(ctx, false);
	const reference = serverTime === undefined ? Date.now() : instant(serverTime);
	return [...LOOK_BACK_MS.slice(1).map((back) => reference - back), undefined];
}

export async function sampleChange(ctx: IPollFunctions): Promise<INodeExecutionData[][]> {
	const config = readConfig(ctx);
	const label = config.resource.pluralName.toLowerCase();
	const entities = await apiRequest<{ items?: EntityInfo[] }>(ctx, { method: 'GET', route: routes.entities }).catch(() => ({
		items: [] as EntityInfo[],
	}));
	const last = Date.parse(entities.items?.find((e) => e.entity === config.resource.key)?.last_modified_at ?? '');
	// the last second first (cheap), then further back: a rarer event (a deletion) may be older
	const starts: Array<number | undefined> = Number.isNaN(last) ? await recentStarts(ctx) : LOOK_BACK_MS.map((back) => last - back);
	for (const start of starts) {
		const latest = await latestMatching(ctx, config, start);
		if (latest) return [[changeItem(latest)]];
	}
	const events = config.events.join(' or ');
	throw new NodeOperationError(ctx.getNode(), `No ${events} change of ${label} found in Acomba recently`, {
		description: `Make such a change to a record of this kind in Acomba (or choose other Events), then fetch a test event again. The trigger itself does not depend on this test.`,
	});
}
