/**
 * Parameters of the four record operations, generated for every catalog resource: the record locator
 * (Get, Update), required and additional fields (Create), update fields, and Get Many's limit, filters
 * and options.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { FieldDef, FilterDef, LocalFilterDef, ResourceDef } from '../catalog';
import { listFiltersOf, manyFeed, offers, resourceByKey, resources } from '../catalog';
import { fieldProperty } from './fieldProperties';
import { returnAllAndLimit } from './limitProperties';
import { lineProperties } from './lineProperties';
import { recordLocator } from './locator';
import { paramName, RECORD_PARAM } from './names';
import { LOOK_BACK_DAYS, lookBackOption, PARALLEL_WRITES, parallelWritesOption, searchesByKey } from './syncOptions';
import { Operation } from './resourceOperation';

export const OptionName = {
	returnFullRecord: 'returnFullRecord',
	splitLongDescriptions: 'splitLongDescriptions',
	customFields: 'customFieldsJson',
	fullRecords: 'fullRecords',
	simplify: 'simplify',
	parallelWrites: PARALLEL_WRITES,
	lookBackDays: LOOK_BACK_DAYS,
	preview: 'preview',
} as const;

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

const on = (resource: ResourceDef, ...operations: string[]): IDisplayOptions => ({
	show: { resource: [resource.value], operation: operations },
});

function requiredFieldProperty(resource: ResourceDef, field: FieldDef): INodeProperties[] {
	const displayOptions = on(resource, Operation.create);
	if (field.kind === 'lines') return lineProperties(displayOptions, true);
	const party = field.relation && resource.document?.partyField === field.name ? resourceByKey(field.relation) : undefined;
	if (party) {
		return [
			recordLocator(party, {
				name: paramName(field.name),
				displayName: field.displayName,
				displayOptions,
				description: `The ${party.displayName.toLowerCase()} of the document; its term, sales rep, territory and carrier apply unless set below`,
			}),
		];
	}
	return [fieldProperty(field, { required: true, displayOptions })];
}

/** Fields offered under Additional Fields / Update Fields, alphabetically. */
function optionalFields(fields: FieldDef[]): INodeProperties[] {
	return fields
		.filter((f) => !f.readOnly && f.kind !== 'lines')
		.map((f) => fieldProperty(f))
		.sort(byDisplayName);
}

function filterProperty(filter: FilterDef): INodeProperties {
	const related = filter.relation ? resourceByKey(filter.relation) : undefined;
	const kind = filter.kind === 'date' || filter.kind === 'dateTime' ? 'dateTime' : filter.kind;
	const field: FieldDef = {
		name: filter.name,
		displayName: filter.displayName,
		kind: related ? 'string' : kind,
		relation: related?.key,
		enumeration: filter.enumeration,
		description: filter.description,
	};
	return fieldProperty(field);
}

const customFieldsOption: INodeProperties = {
	displayName: 'Custom Fields (JSON)',
	name: OptionName.customFields,
	type: 'json',
	default: '{}',
	description:
		'API fields this form does not list, as a JSON object with the API\'s keys (e.g. {"user_field_1": "X"}). They are sent as they are.',
};

/** The Options of a write; `returnFullRecord` replaces the Return Full Record option (Create or Update's). */
export function writeOptions(resource: ResourceDef, operation: string, returnFullRecord?: INodeProperties): INodeProperties {
	const options: INodeProperties[] = [
		customFieldsOption,
		parallelWritesOption(resource, operation),
		{
			displayName: 'Preview (Dry Run)',
			name: OptionName.preview,
			type: 'boolean',
			default: false,
			description:
				'Whether to write nothing and output, for each item, what a run would do: the action (created, updated or unchanged), each field that would change with its current and new value, and the exact body that would be sent. It reads what a run reads.',
		},
		returnFullRecord ?? {
			displayName: 'Return Full Record',
			name: OptionName.returnFullRecord,
			type: 'boolean',
			default: true,
			description:
				'Whether to read the record back after the write (one more request) and return it whole; when off, the node returns ExoConnect\'s answer {success, ' +
				(operation === Operation.create ? 'created_id}' : 'updated_id}'),
		},
	];
	// Update finds the record by its Reference too when the field mapper matches on it
	if (operation !== Operation.create && searchesByKey(resource)) options.push(lookBackOption(resource));
	if (resource.document) {
		options.push({
			displayName: 'Split Long Descriptions',
			name: OptionName.splitLongDescriptions,
			type: 'boolean',
			default: true,
			description:
				'Whether to split a line description longer than 90 characters at word boundaries into the line and following comment lines. When off, such a line stops the item with an error.',
		});
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: on(resource, operation),
		options: options.sort(byDisplayName),
	};
}

function createProperties(resource: ResourceDef): INodeProperties[] {
	const required = resource.createRequired
		.map((name) => resource.fields.find((f) => f.name === name))
		.filter((f): f is FieldDef => f !== undefined);
	const optional = resource.fields.filter((f) => !resource.createRequired.includes(f.name));
	return [
		...required.flatMap((field) => requiredFieldProperty(resource, field)),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: on(resource, Operation.create),
			description: 'Fields left out are not sent: Acomba fills them from its defaults (for documents, from the customer or supplier and the products)',
			options: optionalFields(optional),
		},
		writeOptions(resource, Operation.create),
	];
}

/** Get's options: Simplify where the resource has it, and lists of the record it can add (a payment's lines). */
function getOptions(resource: ResourceDef): INodeProperties[] {
	const options: INodeProperties[] = (resource.subLists ?? []).map((sub) => ({
		displayName: sub.displayName,
		name: paramName(`include_${sub.key}`),
		type: 'boolean',
		default: false,
		description: sub.description,
	}));
	if (resource.simplify !== false) {
		options.push({ ...simplifyOption, default: false, description: 'Whether to return a simplified version of the record instead of all its fields' });
	}
	if (!options.length) return [];
	return [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: on(resource, Operation.get),
			options: options.sort(byDisplayName),
		},
	];
}

/** Only the operations the catalog gives the resource get parameters. */
function propertiesOf(resource: ResourceDef): INodeProperties[] {
	const canUpdate = resource.update && offers(resource, 'update');
	const locatorOps = [...(offers(resource, 'get') ? [Operation.get] : []), ...(canUpdate ? [Operation.update] : [])];
	const properties: INodeProperties[] = [];
	if (locatorOps.length) {
		properties.push(
			recordLocator(resource, {
				name: RECORD_PARAM,
				displayName: resource.displayName,
				displayOptions: on(resource, ...locatorOps),
				description: `The ${resource.displayName.toLowerCase()} to ${locatorOps.length > 1 ? 'get or update' : 'get'}`,
			}),
			...getOptions(resource),
		);
	}
	if (offers(resource, 'create')) properties.push(...createProperties(resource));
	if (offers(resource, 'getMany')) properties.push(...getManyProperties(resource));
	if (canUpdate) {
		if (resource.document) {
			properties.push({
				displayName:
					'ExoConnect accepts a new Sales Rep on an existing document but keeps the old one (a known ExoConnect limitation). The node checks the document after the update and adds a warning to its output when the change did not stick.',
				name: 'salesRepNotice',
				type: 'notice',
				default: '',
				displayOptions: on(resource, Operation.update),
			});
		}
		properties.push(
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: on(resource, Operation.update),
				description: resource.document
					? 'Only the fields added here change. To replace the lines, pass "details" in Custom Fields (JSON).'
					: 'Only the fields added here change',
				options: optionalFields(resource.fields),
			},
			writeOptions(resource, Operation.update),
		);
	}
	return properties;
}

const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: OptionName.simplify,
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of each full record instead of all its fields',
};

/** A question the API has no filter for: the node checks full records (the description says so). */
function localFilterProperty(filter: LocalFilterDef): INodeProperties {
	return filter.kind === 'boolean'
		? { displayName: filter.displayName, name: filter.name, type: 'boolean', default: true, description: filter.description }
		: { displayName: filter.displayName, name: filter.name, type: 'dateTime', default: '', description: filter.description };
}

/** Options of Get Many over a page list; an extract always gives full records, so has none. */
function getManyOptions(resource: ResourceDef, displayOptions: IDisplayOptions): INodeProperties[] {
	if (manyFeed(resource)) return [];
	const options: INodeProperties[] = [
		{
			displayName: 'Full Records',
			name: OptionName.fullRecords,
			type: 'boolean',
			default: true,
			description:
				'Whether to return every field of each record; when off, ExoConnect returns summaries (ID, code, name, last change), which is faster',
		},
	];
	if (resource.simplify !== false) options.push(simplifyOption);
	return [{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions, options }];
}

function getManyProperties(resource: ResourceDef): INodeProperties[] {
	const displayOptions = on(resource, Operation.getMany);
	const filters = [...listFiltersOf(resource).map(filterProperty), ...(resource.localFilters ?? []).map(localFilterProperty)];
	return [
		...returnAllAndLimit(displayOptions),
		...(filters.length
			? [
					{
						displayName: 'Filters',
						name: 'filters',
						type: 'collection' as const,
						placeholder: 'Add Filter',
						default: {},
						displayOptions,
						options: filters.sort(byDisplayName),
					},
				]
			: []),
		...getManyOptions(resource, displayOptions),
	];
}

export const recordProperties: INodeProperties[] = resources.flatMap(propertiesOf);
