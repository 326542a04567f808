/**
 * Finding the records that hold a key the API has no lookup route for (a sales order's reference): the
 * list is read with the filters the caller chose (documented ones only), as far as it goes, and every
 * record read is checked by the caller's test. A server that ignores a filter can make this read more,
 * never answer "none" for a record that exists.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { listLimits } from '../catalog';
import { listPage, listRecords } from './paginate';
import type { ApiContext, TransportOptions } from './request';
import { openSession } from './session';

export interface KeySearch {
	resource: ResourceDef;
	/** list filters narrowing the search; full records (`brief=false`) are always asked */
	filters: IDataObject;
	/** whether a record holds the key: checked on every record read */
	holds: (record: IDataObject) => boolean;
	/** the most records read; a longer list is not read on */
	maxRecords: number;
	itemIndex?: number;
}

/** `found`: every record of the list that holds the key. `tooMany`: the list is longer than `maxRecords`. */
export type KeySearchResult = { found: IDataObject[] } | { tooMany: true; total?: number };

export async function searchByKey(ctx: ApiContext, search: KeySearch, options?: TransportOptions): Promise<KeySearchResult> {
	const { resource, holds, maxRecords, itemIndex } = search;
	const filters = { ...search.filters, brief: false };
	const session = options?.session ?? openSession(ctx);
	const first = await listPage(ctx, resource, 1, listLimits.maxPageSize, filters, itemIndex, { ...options, session });
	const total = typeof first.total === 'number' ? first.total : undefined;
	if (total !== undefined && total > maxRecords) return { tooMany: true, total };
	// one record past the most tells a list that is too long, whatever its announced total said
	const records = await listRecords(ctx, resource, filters, maxRecords + 1, itemIndex, { ...options, session, firstPage: first });
	if (records.length > maxRecords) return { tooMany: true, total };
	return { found: records.filter(holds) };
}
