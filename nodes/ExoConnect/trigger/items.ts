/** The item a change becomes: the same shape from a poll and from Fetch Test Event. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Change } from '../transport';

export function changeItem(change: Change, warning?: string): INodeExecutionData {
	const { event, entity, id, code, modified_at, record } = change;
	const json: IDataObject = { event, entity, id, code, modified_at, record: record ?? null };
	if (warning) json.warning = warning;
	return { json };
}
