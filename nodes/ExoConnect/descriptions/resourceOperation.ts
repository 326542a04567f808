/** The Resource and Operation parameters, generated from the catalog. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RecordOperationKey, ResourceDef } from '../catalog';
import { lookupsOf, operationsOf, resources, supportsUpsert } from '../catalog';
import { withArticle } from './names';
import { UPSERT, upsertOperation } from './syncOptions';

export const HELPER = 'helper';
export const SYSTEM = 'system';

export const Operation = {
	create: 'create',
	get: 'get',
	getMany: 'getAll',
	update: 'update',
	upsert: UPSERT,
	getChanges: 'getChanges',
	getEntities: 'getEntities',
	getStatus: 'getStatus',
	getSdkWindows: 'getSdkWindows',
	checkCompatibility: 'checkCompatibility',
} as const;

/** The catalog's name of a record operation's value (`getAll` → `getMany`). */
export const catalogOperation: Record<string, RecordOperationKey> = {
	[Operation.create]: 'create',
	[Operation.get]: 'get',
	[Operation.getMany]: 'getMany',
	[Operation.update]: 'update',
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		...resources.map((r) => ({
			name: r.displayName,
			value: r.value,
			description: `${r.pluralName} (Acomba: ${r.frenchName})`,
		})),
		{ name: 'Helper', value: HELPER, description: 'Changed records and the list of entities' },
		{ name: 'System', value: SYSTEM, description: 'State of the ExoConnect service and its maintenance windows' },
	].sort(byName),
	default: 'customer',
};

function recordOperations(resource: ResourceDef): INodeProperties {
	const one = resource.displayName.toLowerCase();
	const many = resource.pluralName.toLowerCase();
	const lookups = lookupsOf(resource);
	const byWhat = lookups.length > 1 ? 'by code or ID' : lookups[0] === 'id' ? 'by ID' : 'by code';
	const all: Record<RecordOperationKey, INodePropertyOptions> = {
		create: {
			name: 'Create',
			value: Operation.create,
			description: `Create ${withArticle(one)} in Acomba`,
			action: `Create ${withArticle(one)}`,
		},
		get: {
			name: 'Get',
			value: Operation.get,
			description: `Get ${withArticle(one)} ${byWhat}`,
			action: `Get ${withArticle(one)} ${byWhat}`,
		},
		getMany: {
			name: 'Get Many',
			value: Operation.getMany,
			description: `Get many ${many}, with filters`,
			action: `Get many ${many}`,
		},
		update: {
			name: 'Update',
			value: Operation.update,
			description: `Change fields of ${withArticle(one)}`,
			action: `Update ${withArticle(one)} ${byWhat}`,
		},
	};
	const offered = operationsOf(resource);
	const first: string = offered.includes('get') ? Operation.get : all[offered[0]].value as string;
	// alphabetical, as the editor lists operations: Create, Create or Update, Get…
	const options = offered.map((key) => all[key]);
	if (supportsUpsert(resource)) options.splice(1, 0, upsertOperation(resource));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: first,
	};
}

const helperOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [HELPER] } },
	options: [
		{
			name: 'Get Changes',
			value: Operation.getChanges,
			description: 'Get the records of an entity created, updated or deleted after a point in time',
			action: 'Get record changes since a time',
		},
		{
			name: 'Get Entities',
			value: Operation.getEntities,
			description: 'List the entities ExoConnect exposes, with their record counts',
			action: 'Get the list of entities and their record counts',
		},
	],
	default: 'getChanges',
};

const systemOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [SYSTEM] } },
	options: [
		{
			name: 'Check Compatibility',
			value: Operation.checkCompatibility,
			description:
				'Ask every route the node reads (reads only, one record each) and report, route by route, whether this ExoConnect answers it as the node expects',
			action: 'Check which routes answer as the node expects',
		},
		{
			name: 'Get SDK Windows',
			value: Operation.getSdkWindows,
			description: 'Get the maintenance windows during which Acomba is unavailable (ExoConnect then answers 503)',
			action: 'Get the SDK maintenance windows',
		},
		{
			name: 'Get Status',
			value: Operation.getStatus,
			description: 'Get the state of the ExoConnect service and its Acomba connection',
			action: 'Get the status of the service and its company connection',
		},
	],
	default: 'getStatus',
};

export const operationProperties: INodeProperties[] = [
	...resources.map(recordOperations),
	helperOperations,
	systemOperations,
];
