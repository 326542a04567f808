/**
 * Get Many of a resource without a page list (contract §8.2): its extract, walked by the transport's one
 * keyset walker from the oldest change, until the feed has no more or the Limit is reached.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FeedDef } from '../../catalog';
import { updatesLimits } from '../../catalog';
import { walkFeed } from '../../transport';
import type { RecordTest } from './ledgerAnswers';

export async function extractRecords(
	ctx: IExecuteFunctions,
	feed: FeedDef,
	filters: IDataObject,
	limit: number | undefined,
	keep: RecordTest | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const wanted = limit ?? Number.MAX_SAFE_INTEGER;
	const records: IDataObject[] = [];
	// with a filter of ours, any page may hold few matches: ask for full pages until enough matched
	const pageSize = () => (records.length >= wanted ? 0 : keep ? updatesLimits.maxLimit : wanted - records.length);
	for await (const page of walkFeed(ctx, { feed, from: {}, filters, itemIndex }, pageSize)) {
		for (const change of page.changes) {
			// a deleted record stays in the feed (§8.1); a list does not show it
			if (change.event === 'deleted' || !change.record) continue;
			if (!keep || keep(change.record)) records.push(change.record);
		}
	}
	return records.slice(0, wanted);
}
