import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

/** A node that only lends its real ExecuteContext to transport tests; it makes no call of its own. */
export const probe: INodeType = {
	description: {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Test probe',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'exoConnectApi', required: true }],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [[]];
	},
};
