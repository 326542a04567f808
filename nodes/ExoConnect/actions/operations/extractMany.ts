/**
 * Get Many of a resource without a page list (contract §8.2): its extract, walked by the transport's one
 * keyset walker from the oldest change, until the feed has no more or the Limit is reached. One row per
 * record, whatever changed while the feed was read.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FeedDef } from '../../catalog';
import { updatesLimits } from '../../catalog';
import { walkFeed } from '../../transport';
import type { RecordTest } from './ledgerAnswers';
import type { RunContext } from '../run/runContext';

export async function extractRecords(
	run: RunContext,
	feed: FeedDef,
	filters: IDataObject,
	limit: number | undefined,
	keep: RecordTest | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const wanted = limit ?? Number.MAX_SAFE_INTEGER;
	// by record id: a record changed during the walk comes again further on (the feed is ordered by change
	// time), and is one row, its latest version, where the feed now has it
	const records = new Map<number | string, IDataObject>();
	let unnamed = 0;
	// with a filter of ours, any page may hold few matches: ask for full pages until enough matched
	const pageSize = () => (records.size >= wanted ? 0 : keep ? updatesLimits.maxLimit : wanted - records.size);
	for await (const page of walkFeed(run.ctx, { feed, from: {}, filters, itemIndex }, pageSize, run.api)) {
		for (const change of page.changes) {
			// ids start at 1; a record without one is a row of its own
			const id = change.id > 0 ? change.id : `unnamed-${unnamed++}`;
			records.delete(id);
			// a deleted record stays in the feed (§8.1); a list does not show it
			if (change.event === 'deleted' || !change.record) continue;
			if (!keep || keep(change.record)) records.set(id, change.record);
		}
	}
	return [...records.values()].slice(0, wanted);
}
