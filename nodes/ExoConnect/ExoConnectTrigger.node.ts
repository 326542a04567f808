import type {
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routes } from './catalog';
import { entityOptions } from './descriptions';
import { apiRequest } from './transport';
import { pollChanges } from './trigger/poll';
import { triggerProperties } from './trigger/properties';
import { sampleChange } from './trigger/sample';

export class ExoConnectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ExoConnect Trigger',
		name: 'exoConnectTrigger',
		icon: { light: 'file:exoconnect.svg', dark: 'file:exoconnect.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["entity"] + " changes"}}',
		description: 'Starts the workflow when Acomba records are created, updated or deleted',
		defaults: { name: 'ExoConnect Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exoConnectApi', required: true }],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: {
			/** Entities as the server lists them; the catalog's when that call fails. */
			async getEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				try {
					const answer = await apiRequest<{ items?: Array<{ entity: string; label?: string; count?: number }> }>(this, {
						method: 'GET',
						route: routes.entities,
					});
					const known = new Map<string, (typeof entityOptions)[number]>(entityOptions.map((o) => [o.value, o]));
					const listed = (answer.items ?? [])
						.filter((e) => known.has(e.entity))
						.map((e) => ({
							name: known.get(e.entity)?.name ?? e.label ?? e.entity,
							value: e.entity,
							description: e.count === undefined ? known.get(e.entity)?.description : `${e.count} records`,
						}));
					return listed.length ? listed.sort((a, b) => a.name.localeCompare(b.name)) : entityOptions;
				} catch {
					return entityOptions;
				}
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await sampleChange(this);
		return await pollChanges(this);
	}
}
