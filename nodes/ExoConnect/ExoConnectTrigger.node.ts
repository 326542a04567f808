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
import { triggerSubtitle } from './descriptions/subtitle';
import { credentialTest } from './methods/credentialTest';
import { apiRequest } from './transport';
import { pollChanges } from './trigger/poll';
import { triggerProperties } from './trigger/properties';

// every Events list (the updates feed's and the extracts'), so that "changed" reads "Changed" like "created"
const eventChoices = triggerProperties.filter((p) => p.name === 'events').flatMap((p) => (p.options ?? []) as Array<{ name: string; value: string }>);
import { sampleChange } from './trigger/sample';

export class ExoConnectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ExoConnect Trigger',
		name: 'exoConnectTrigger',
		icon: { light: 'file:exoconnect.svg', dark: 'file:exoconnect.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggerSubtitle(eventChoices),
		// n8n's nodes panel shows one ExoConnect entry for both nodes, with the trigger's description: it speaks for both
		description: 'Read and write Acomba records through ExoConnect, or start a workflow when they change',
		defaults: { name: 'ExoConnect Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'exoConnectApi', required: true, testedBy: 'exoConnectApiTest' }],
		properties: triggerProperties,
	};

	methods = {
		credentialTest,
		loadOptions: {
			/**
			 * Every entity of the catalog, by the name a user reads, whether or not a credential is set; the
			 * record counts are added when ExoConnect answers.
			 */
			async getEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const counts = new Map<string, number>();
				try {
					const answer = await apiRequest<{ items?: Array<{ entity: string; count?: number }> }>(this, {
						method: 'GET',
						route: routes.entities,
					});
					for (const e of answer.items ?? []) if (typeof e.count === 'number') counts.set(e.entity, e.count);
				} catch {
					// no credential yet, or ExoConnect unreachable: the list is the catalog's alone
				}
				return entityOptions.map((option) => {
					const count = counts.get(option.value);
					return count === undefined ? option : { ...option, description: `${count} records` };
				});
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await sampleChange(this);
		return await pollChanges(this);
	}
}
