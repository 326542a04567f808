/** Parameters of the Helper operations (changed records, entities). System → Get Status has none. */
import type { INodeProperties } from 'n8n-workflow';

import { resources } from '../catalog';
import { returnAllAndLimit } from './limitProperties';
import { HELPER, Operation } from './resourceOperation';

const getChanges = { show: { resource: [HELPER], operation: [Operation.getChanges] } };

/** Entity choices shared by the Helper and the trigger: every catalog resource, by its API key. */
export const entityOptions = resources
	.map((r) => ({ name: r.pluralName, value: r.key, description: `Acomba: ${r.frenchName}` }))
	.sort((a, b) => a.name.localeCompare(b.name));

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
