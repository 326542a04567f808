/** Parameters of the Helper operations (changed records, entities). System → Get Status has none. */
import type { INodeProperties } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { changeFeed, coreResources, resources } from '../catalog';
import { returnAllAndLimit } from './limitProperties';
import { HELPER, Operation } from './resourceOperation';

const getChanges = { show: { resource: [HELPER], operation: [Operation.getChanges] } };

const choices = (list: ResourceDef[]) =>
	list.map((r) => ({ name: r.pluralName, value: r.key, description: `Acomba: ${r.frenchName}` })).sort((a, b) => a.name.localeCompare(b.name));

/** The updates helper's entities (§3), by their API key: the trigger's choices when the server cannot list them. */
export const entityOptions = choices(coreResources);

/** Helper › Get Changes reads any change feed: the updates helper's entities and the extracts (§8.1). */
const feedEntityOptions = choices(resources.filter((r) => changeFeed(r) !== undefined));

export const helperProperties: INodeProperties[] = [
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		options: feedEntityOptions,
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
