/** Parameters of the System operations: Get SDK Windows may name the organisation (§8.2). */
import type { INodeProperties } from 'n8n-workflow';

import { Operation, SYSTEM } from './resourceOperation';

export const systemProperties: INodeProperties[] = [
	{
		displayName: 'Organisation ID',
		name: 'organisationId',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: [SYSTEM], operation: [Operation.getSdkWindows] } },
		description: "Leave empty for the credential's own organisation",
	},
	{
		displayName:
			'Reads only: one request per route, one record per list. The first item sums up which routes answered as expected. Please attach the whole output to an issue (see the README), even when every route answered: it tells which of our inferred routes your ExoConnect has.',
		name: 'checkCompatibilityNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [SYSTEM], operation: [Operation.checkCompatibility] } },
	},
];
