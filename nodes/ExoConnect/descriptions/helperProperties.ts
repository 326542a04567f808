/** Parameters of the Helper operations (changed records, entities). System → Get Status has none. */
import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { changeFeed, resources } from '../catalog';
import { returnAllAndLimit } from './limitProperties';
import { HELPER, Operation } from './resourceOperation';

const getChanges = { show: { resource: [HELPER], operation: [Operation.getChanges] } };

const choices = (list: ResourceDef[]) =>
	list.map((r) => ({ name: r.pluralName, value: r.key, description: `Acomba: ${r.frenchName}` })).sort((a, b) => a.name.localeCompare(b.name));

/**
 * Every entity with a change feed, by its API key: the updates helper's (§3) and the extracts (§8.1). The
 * trigger watches them and Helper › Get Changes reads them.
 */
export const entityOptions = choices(resources.filter((r) => changeFeed(r) !== undefined));

export const helperProperties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		options: entityOptions,
		default: 'customers',
		displayOptions: getChanges,
		description: 'The kind of record whose changes to get',
	},
	{
		displayName: 'Changed After',
		name: 'since',
		type: 'dateTime',
		default: '',
		displayOptions: getChanges,
		description:
			"Only changes at or after this time, read in the workflow's time zone unless it gives its offset; empty: from the oldest change ExoConnect knows",
	},
	...returnAllAndLimit(getChanges),
	{
		displayName: 'Include Full Record',
		name: 'includeRecord',
		type: 'boolean',
		default: true,
		displayOptions: getChanges,
		description: 'Whether to return each changed record whole (no extra request) instead of only its ID and code',
	},
];
