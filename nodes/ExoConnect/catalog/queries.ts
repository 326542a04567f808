/** Questions asked of the catalog: every resource, what one offers, how it is found, its fields by name. */

import type { EntityKey, FieldDef, MatchKey, RecordOperationKey, ResourceDef } from './types';
import type { lookupSegments } from './routes';
import type { FeedDef } from './feeds';
import { changeFeed } from './feeds';
import { lineFields } from './fields';
import { listFiltersOf } from './filters';
import { recordTable } from './records';
import { ledgerTable } from './ledgers';

export const resources: ResourceDef[] = [...recordTable, ...ledgerTable];

/** The record resources of §3: the updates helper's entities, with the four generic operations. */
export const coreResources: ResourceDef[] = recordTable;

const defaultOperations: RecordOperationKey[] = ['create', 'get', 'getMany'];

/** The operations a resource offers, in the order the editor lists them. */
export function operationsOf(resource: ResourceDef): RecordOperationKey[] {
	return resource.operations ?? (resource.update ? [...defaultOperations, 'update'] : defaultOperations);
}

export function offers(resource: ResourceDef, operation: RecordOperationKey): boolean {
	return operationsOf(resource).includes(operation);
}

/** How Get finds one record of the resource. */
export function lookupsOf(resource: ResourceDef): Array<keyof typeof lookupSegments> {
	return resource.lookups ?? ['code', 'id'];
}

/** Whether the resource's page list can be searched by name: what the locators' "From List" does. */
export function searchable(resource: ResourceDef): boolean {
	return resource.many !== 'extract' && listFiltersOf(resource).some((f) => f.name === 'description_prefix');
}

/** The feed Get Many walks for a resource without a page list. */
export function manyFeed(resource: ResourceDef): FeedDef | undefined {
	return resource.many === 'extract' ? changeFeed(resource) : undefined;
}

/** The keys Create or Update may match on: the catalog's, or the code. */
export function matchKeysOf(resource: ResourceDef): MatchKey[] {
	return resource.matchKeys ?? [{ field: 'code' }];
}

/** Create or Update exists where a record can be both found by a unique key and updated. */
export function supportsUpsert(resource: ResourceDef): boolean {
	const findable = (key: MatchKey) =>
		resource.fields.some((f) => f.name === key.field) && (key.filter !== undefined || lookupsOf(resource).includes('code'));
	return resource.update && offers(resource, 'create') && offers(resource, 'update') && matchKeysOf(resource).every(findable);
}

const byKey = new Map(resources.map((r) => [r.key, r]));
const byValue = new Map(resources.map((r) => [r.value, r]));

export function resourceByKey(key: string): ResourceDef | undefined {
	return byKey.get(key as EntityKey);
}

export function resourceByValue(value: string): ResourceDef | undefined {
	return byValue.get(value);
}

export function fieldOf(resource: ResourceDef, name: string): FieldDef | undefined {
	return resource.fields.find((f) => f.name === name);
}

/** Human name of an API field for error messages: "Customer", "Lines", "Unit Price"… */
export function fieldDisplayName(resource: ResourceDef | undefined, name: string): string {
	const field = resource ? fieldOf(resource, name) : undefined;
	return field?.displayName ?? lineFields.find((f) => f.name === name)?.displayName ?? name;
}
