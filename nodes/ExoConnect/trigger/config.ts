/** The trigger's parameters, read once per poll. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EntityKey } from '../catalog';
import { resourceByKey } from '../catalog';
import type { Change } from '../transport';

export type StartFrom = 'now' | 'date' | 'everything';

export interface TriggerConfig {
	entity: EntityKey;
	events: Array<Change['event']>;
	includeRecord: boolean;
	startFrom: StartFrom;
	startDate?: string;
	maxChanges: number;
	windowMs: number;
	/** identifies the cursor: changing any of these starts over */
	key: string;
}

export const defaults = { maxChanges: 500, lateChangeWindowSeconds: 60 } as const;

export function readConfig(ctx: IPollFunctions): TriggerConfig {
	const entity = ctx.getNodeParameter('entity') as string;
	if (!resourceByKey(entity)) {
		throw new NodeOperationError(ctx.getNode(), `"${entity}" is not an ExoConnect entity`, {
			description: 'Choose the entity again in the trigger.',
		});
	}
	const events = [...(ctx.getNodeParameter('events', ['created', 'updated']) as Array<Change['event']>)].sort();
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event', {
			description: 'Pick Created, Updated or Deleted under Events.',
		});
	}
	const startFrom = ctx.getNodeParameter('startFrom', 'now') as StartFrom;
	const startDate = startFrom === 'date' ? String(ctx.getNodeParameter('startDate', '') || '') : undefined;
	if (startFrom === 'date' && (!startDate || Number.isNaN(Date.parse(startDate)))) {
		throw new NodeOperationError(ctx.getNode(), 'Start Date is required when Start From is "A Date"');
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const maxChanges = Math.max(1, Math.floor(Number(options.maxChanges ?? defaults.maxChanges)));
	const windowSeconds = Math.max(0, Number(options.lateChangeWindow ?? defaults.lateChangeWindowSeconds));
	return {
		entity: entity as EntityKey,
		events,
		includeRecord: ctx.getNodeParameter('includeRecord', true) as boolean,
		startFrom,
		startDate,
		maxChanges,
		windowMs: windowSeconds * 1000,
		key: JSON.stringify([entity, events, startFrom, startDate ?? null]),
	};
}
