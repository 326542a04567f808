import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from './actions/run/router';
import { nodeProperties } from './descriptions';
import { nodeSubtitle } from './descriptions/subtitle';
import { credentialTest, listSearch, loadOptions, resourceMapping } from './methods';

export class ExoConnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ExoConnect',
		name: 'exoConnect',
		icon: { light: 'file:exoconnect.svg', dark: 'file:exoconnect.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: nodeSubtitle,
		description: 'Read and write Acomba customers, products, quotes, orders, invoices and more through ExoConnect',
		defaults: { name: 'ExoConnect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exoConnectApi', required: true, testedBy: 'exoConnectApiTest' }],
		properties: nodeProperties,
	};

	methods = { listSearch, loadOptions, resourceMapping, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this);
	}
}
