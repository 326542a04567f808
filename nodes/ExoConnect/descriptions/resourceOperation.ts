/** The Resource and Operation parameters, generated from the catalog. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { resources, supportsUpsert } from '../catalog';
import { UPSERT, upsertOperation } from './syncOptions';
import { withArticle } from './names';

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
} as const;

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
		{ name: 'System', value: SYSTEM, description: 'State of the ExoConnect service' },
	].sort(byName),
	default: 'customer',
};

function recordOperations(resource: ResourceDef): INodeProperties {
	const one = resource.displayName.toLowerCase();
	const many = resource.pluralName.toLowerCase();
	const options: INodePropertyOptions[] = [
		{
			name: 'Create',
			value: Operation.create,
			description: `Create ${withArticle(one)} in Acomba`,
			action: `Create ${withArticle(one)}`,
		},
		{
			name: 'Get',
			value: Operation.get,
			description: `Get ${withArticle(one)} by code or ID`,
			action: `Get ${withArticle(one)}`,
		},
		{
			name: 'Get Many',
			value: Operation.getMany,
			description: `Get many ${many}, with filters`,
			action: `Get many ${many}`,
		},
	];
	if (resource.update) {
		options.push({
			name: 'Update',
			value: Operation.update,
			description: `Change fields of ${withArticle(one)}`,
			action: `Update ${withArticle(one)}`,
		});
	}
	// alphabetical, as the editor lists operations: Create, Create or Update, Get…
	if (supportsUpsert(resource)) options.splice(1, 0, upsertOperation(resource));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: 'get',
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
			action: 'Get changed records',
		},
		{
			name: 'Get Entities',
			value: Operation.getEntities,
			description: 'List the entities ExoConnect exposes, with their record counts',
			action: 'Get entities',
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
			name: 'Get Status',
			value: Operation.getStatus,
			description: 'Get the state of the ExoConnect service and its Acomba connection',
			action: 'Get the service status',
		},
	],
	default: 'getStatus',
};

export const operationProperties: INodeProperties[] = [
	...resources.map(recordOperations),
	helperOperations,
	systemOperations,
];
