/**
 * The field mapper's columns, generated from the catalog: one column per scalar field, and one per part of
 * a structured field (an address's City, the main Phone, the primary Email), so that a shop's flat
 * `city`, `phone` or `email` maps onto them. The editor's resourceMapping method lists them and execution
 * reads the mapped values back through the same table, so the two cannot drift apart.
 */
import type { FieldType } from 'n8n-workflow';

import type { FieldDef, ResourceDef } from '../catalog';
import { inputSynonyms, matchKeysOf, subFields } from '../catalog';
import { titleWords } from './names';

export interface MapperColumn {
	/** the resourceMapper id: `code`, `address.city`, `phones.main` */
	id: string;
	displayName: string;
	type: FieldType;
	field: FieldDef;
	/** the part of a structured field: address sub-field, phone or email type */
	part?: string;
	options?: Array<{ name: string; value: string }>;
}

const PHONE_NAMES: Record<string, string> = { main: 'Phone', fax: 'Fax', other_1: 'Other Phone', other_2: 'Other Phone 2' };
const EMAIL_NAMES: Record<string, string> = { primary: 'Email', personal: 'Personal Email', other: 'Other Email' };

const scalarType: Partial<Record<FieldDef['kind'], FieldType>> = {
	number: 'number',
	integer: 'number',
	boolean: 'boolean',
	date: 'dateTime',
	dateTime: 'dateTime',
	options: 'options',
	lines: 'array',
	object: 'object',
	objectList: 'array',
};

function columnsOf(field: FieldDef): MapperColumn[] {
	const part = (id: string, displayName: string, partName: string): MapperColumn => ({ id, displayName, type: 'string', field, part: partName });
	switch (field.kind) {
		case 'address':
			return subFields.address.map((k) => part(`${field.name}.${k}`, k.startsWith('line') ? `Address ${titleWords(k)}` : titleWords(k), k));
		case 'shippingAddress':
			return subFields.shippingAddress.map((k) => part(`${field.name}.${k}`, `Ship To ${titleWords(k)}`, k));
		case 'phones':
			return subFields.phoneTypes.map((t) => part(`${field.name}.${t}`, PHONE_NAMES[t] ?? titleWords(t), t));
		case 'emails':
			return subFields.emailTypes.map((t) => part(`${field.name}.${t}`, EMAIL_NAMES[t] ?? titleWords(t), t));
		default:
			return [
				{
					id: field.name,
					displayName: field.displayName,
					type: scalarType[field.kind] ?? 'string',
					field,
					options: field.kind === 'options' ? field.choices : undefined,
				},
			];
	}
}

const columnCache = new WeakMap<ResourceDef, MapperColumn[]>();

/** Every column of a resource's mapper, in catalog order (built once per resource: every item reads them). */
export function mapperColumns(resource: ResourceDef): MapperColumn[] {
	let columns = columnCache.get(resource);
	if (!columns) columnCache.set(resource, (columns = resource.fields.filter((f) => !f.readOnly).flatMap(columnsOf)));
	return columns;
}

/** The fields a record can be matched on, the default first. */
export function matchColumns(resource: ResourceDef): string[] {
	return matchKeysOf(resource).map((k) => k.field);
}

/** `Postal Code`, `postal_code`, `postalCode`, `POSTAL-CODE` → `postalcode`. */
export const normalName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const nameCache = new WeakMap<MapperColumn, string[]>();

/** The names an input field may carry to fill this column, most exact first, normalised (see normalName). */
export function namesOf(column: MapperColumn): string[] {
	let names = nameCache.get(column);
	if (!names) nameCache.set(column, (names = [column.id, column.displayName, ...(inputSynonyms[column.id] ?? [])].map(normalName)));
	return names;
}
