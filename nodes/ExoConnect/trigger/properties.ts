/** Parameters of the ExoConnect Trigger. */
import type { INodeProperties } from 'n8n-workflow';

import { resources } from '../catalog';
import { feedEvents, limits } from './config';

/** Entities by feed: their Events differ (an extract cannot tell created from updated) */
const watched = {
	updates: resources.filter((r) => r.extract === undefined).map((r) => r.key),
	extract: resources.filter((r) => typeof r.extract === 'string').map((r) => r.key),
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Entity Name or ID',
		name: 'entity',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEntities' },
		default: 'customers',
		required: true,
		description:
			'The kind of Acomba record to watch. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Created', value: 'created', description: 'A record was added' },
			{ name: 'Deleted', value: 'deleted', description: 'A record was deleted' },
			{ name: 'Updated', value: 'updated', description: 'A record was changed' },
		],
		default: [...feedEvents.updates.usual],
		required: true,
		displayOptions: { show: { entity: watched.updates } },
		description: 'Which changes start the workflow',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Changed', value: 'changed', description: 'A record was added or changed (this feed does not tell which)' },
			{ name: 'Deleted', value: 'deleted', description: 'A record was deleted' },
		],
		default: [...feedEvents.extract.usual],
		required: true,
		displayOptions: { show: { entity: watched.extract } },
		description:
			'Which changes start the workflow. ExoConnect reports these records through an extract that does not tell a new record from a changed one, so both come as Changed.',
	},
	{
		displayName: 'Include Full Record',
		name: 'includeRecord',
		type: 'boolean',
		default: true,
		displayOptions: { show: { entity: watched.updates } },
		description: 'Whether to include the whole record with each change (no extra request)',
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{
				name: 'Now',
				value: 'now',
				description: 'Only changes made after the workflow is activated',
			},
			{ name: 'A Date', value: 'date', description: 'Changes made after a date, then every new one' },
			{
				name: 'Everything',
				value: 'everything',
				description: 'Every change ExoConnect knows, oldest first, then every new one',
			},
		],
		default: 'now',
		description:
			'Where the trigger starts the first time it runs. Later edits do not move it: it goes on from the last change it processed (rename the node to start over).',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { startFrom: ['date'] } },
		description: "Changes from this moment on are emitted (read in the workflow's time zone unless the date says its offset)",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Late Change Window (Seconds)',
				name: 'lateChangeWindow',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: limits.maxWindowSeconds },
				default: 60,
				description:
					'While a change saved late by Acomba (with an older time) is still possible, each poll rereads this many seconds before the last change it saw, so such a change is still caught, never twice. At most 600; 0 turns it off.',
			},
			{
				displayName: 'Max Changes per Poll',
				name: 'maxChanges',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 500,
				description: 'The rest is emitted by the next polls, in order',
			},
		],
	},
];
