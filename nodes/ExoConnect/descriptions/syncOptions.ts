/**
 * The Create or Update operation's entry and the Parallel Writes option. Kept free of the other
 * description files' imports so the operation list and every write form can use them.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { documentSearch, matchKeysOf } from '../catalog';
import { withArticle } from './names';

export const UPSERT = 'upsert';
export const PARALLEL_WRITES = 'parallelWrites';
export const LOOK_BACK_DAYS = 'lookBackDays';

export function upsertOperation(resource: ResourceDef): INodePropertyOptions {
	const one = resource.displayName.toLowerCase();
	const key = matchKeysOf(resource)[0].field;
	const by = key === 'code' ? resource.codeLabel : (resource.fields.find((f) => f.name === key)?.displayName ?? key);
	return {
		name: 'Create or Update',
		value: UPSERT,
		description: `Create ${withArticle(one)}, or update the one with the same ${by}; nothing is written when nothing changed`,
		action: `Create or update ${withArticle(one)}`,
	};
}

export const DEFAULT_PARALLEL_WRITES = 4;

/**
 * Acomba numbers new documents (quotes, orders, invoices…) in the order they arrive: they are created one
 * at a time unless the user asks otherwise, so their numbers follow the input order. (`create` is
 * Operation.create, not imported here to keep this file free of the other description files.)
 */
export function defaultParallelWrites(resource: ResourceDef | undefined, operation: string): number {
	return resource?.document && operation === 'create' ? 1 : DEFAULT_PARALLEL_WRITES;
}

export function parallelWritesOption(resource: ResourceDef, operation: string): INodeProperties {
	const byDefault = defaultParallelWrites(resource, operation);
	return {
		displayName: 'Parallel Writes',
		name: PARALLEL_WRITES,
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16, numberPrecision: 0 },
		default: byDefault,
		description: `How many records are written at once when many items come in. The output keeps the input order. If ExoConnect asks to slow down (rate limit), every write waits.${byDefault === 1 ? ' New documents are created one at a time by default so that Acomba numbers them in input order.' : ''}`,
	};
}

/** Whether the resource's records can be matched on a key found in its list (a sales order's Reference). */
export function searchesByKey(resource: ResourceDef): boolean {
	return resource.document !== undefined && matchKeysOf(resource).some((k) => k.filter !== undefined);
}

/** How far back a document matched on its Reference is looked for (the list is searched, not asked). */
export function lookBackOption(resource: ResourceDef): INodeProperties {
	const one = resource.displayName.toLowerCase();
	const many = resource.pluralName.toLowerCase();
	const party = resource.document?.partyResource === 'suppliers' ? "supplier's" : "customer's";
	const byDefault = documentSearch.defaultLookBackDays;
	return {
		displayName: 'Look Back (Days)',
		name: LOOK_BACK_DAYS,
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3660, numberPrecision: 0 },
		default: byDefault,
		description: `When the ${one} is found by its Reference: how many days before its date (today when the item gives none) the node searches the ${party} ${many} for that reference. A ${one} dated earlier is not found, so a new one would be created; a longer period reads more ${many}.`,
	};
}
