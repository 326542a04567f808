/**
 * How the fields of Create, Update and Create or Update are given: with n8n's field mapper (columns from
 * the catalog, Map Automatically from the input's field names) or with the form of one parameter per field
 * ("Map Each Field Manually"). The choice is a parameter whose default is the form for Create and Update, so
 * every workflow saved before the mapper existed opens and runs exactly as before; Create or Update is new
 * and starts on the mapper. (A node version bump would have done the same for new nodes only, at the cost of
 * two descriptions to keep.)
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { resourceByValue, resources, supportsUpsert } from '../catalog';
import { LinesParam } from './lineProperties';
import { paramName, RECORD_PARAM } from './names';
import { OptionName, writeOptions } from './recordProperties';
import { Operation } from './resourceOperation';

export const FIELDS_INPUT = 'fieldsInput';
export const FieldsInput = { mapper: 'mapper', manual: 'manual' } as const;
export const MAPPER_PARAM = 'columns';

function fieldsInputProperty(operations: string[], fallback: string, on: ResourceDef[]): INodeProperties {
	return {
		displayName: 'Fields',
		name: FIELDS_INPUT,
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: on.map((r) => r.value), operation: operations } },
		options: [
			{
				name: 'Use the Field Mapper',
				value: FieldsInput.mapper,
				description: 'Map the input onto the fields, automatically by name or one by one',
			},
			{
				name: 'Map Each Field Manually',
				value: FieldsInput.manual,
				description: 'One parameter per field, as in earlier versions of this node',
			},
		],
		default: fallback,
	};
}

const MAPPER_MODES = { [Operation.create]: 'add', [Operation.update]: 'update', [Operation.upsert]: 'upsert' } as const;

function mapperProperty(operation: keyof typeof MAPPER_MODES, on: ResourceDef[]): INodeProperties {
	return {
		displayName: 'Fields',
		name: MAPPER_PARAM,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: { resource: on.map((r) => r.value), operation: [operation], [FIELDS_INPUT]: [FieldsInput.mapper] } },
		typeOptions: {
			loadOptionsDependsOn: ['resource', 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getMappingColumns',
				mode: MAPPER_MODES[operation],
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Field to Match On',
					description: 'The field that identifies the record in Acomba',
					hint: 'Usually the code; a sales order can be matched on its Reference (the shop’s order number)',
				},
			},
		},
	};
}

/** Create or Update returns what happened without a reread by default: the reread would double the writes' cost. */
const upsertReturnFullRecord: INodeProperties = {
	displayName: 'Return Full Record',
	name: OptionName.returnFullRecord,
	type: 'boolean',
	default: false,
	description:
		'Whether to read each written record back (one more request per record) and return it whole; when off, a written item returns its action, ID and the fields sent, an unchanged one the record as read',
};

const upserting = resources.filter(supportsUpsert);
const updating = resources.filter((r) => r.update);

export const mapperProperties: INodeProperties[] = [
	fieldsInputProperty([Operation.create, Operation.update], FieldsInput.manual, resources),
	fieldsInputProperty([Operation.upsert], FieldsInput.mapper, upserting),
	mapperProperty(Operation.create, resources),
	mapperProperty(Operation.update, updating),
	mapperProperty(Operation.upsert, upserting),
	...upserting.map((resource) => writeOptions(resource, Operation.upsert, upsertReturnFullRecord)),
];

/** The parameters of the field-by-field form of a resource (what "Map Each Field Manually" shows). */
function formParameters(resource: ResourceDef): Set<string> {
	return new Set([
		...resource.createRequired.map(paramName),
		LinesParam.source,
		LinesParam.fields,
		LinesParam.json,
		'additionalFields',
		'updateFields',
	]);
}

/**
 * The record properties with the form tied to "Map Each Field Manually": shown only in that mode, and the
 * Create form shown for Create or Update too. The Update's record picker gives way to the mapper's match.
 */
export function withFieldMapper(properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const show = property.displayOptions?.show;
		const resource = resourceByValue(String(show?.resource?.[0] ?? ''));
		const operations = (show?.operation ?? []) as string[];
		if (!show || !resource) return property;
		if (property.name === RECORD_PARAM && operations.includes(Operation.update)) {
			const hide: IDisplayOptions['hide'] = { ...property.displayOptions?.hide, [FIELDS_INPUT]: [FieldsInput.mapper] };
			return { ...property, displayOptions: { ...property.displayOptions, hide } };
		}
		const writes = operations.includes(Operation.create) || operations.includes(Operation.update);
		if (!writes || !formParameters(resource).has(property.name)) return property;
		const alsoUpsert = operations.includes(Operation.create) && supportsUpsert(resource);
		return {
			...property,
			displayOptions: {
				...property.displayOptions,
				show: {
					...show,
					operation: alsoUpsert ? [...operations, Operation.upsert] : operations,
					[FIELDS_INPUT]: [FieldsInput.manual],
				},
			},
		};
	});
}
