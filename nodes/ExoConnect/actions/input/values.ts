/**
 * Turns what the editor hands over (strings, dateTime values, fixed collections) into the API's values,
 * and leaves out anything blank: ExoConnect fills omitted fields from the customer, supplier or product,
 * while "" or 0 would override them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FieldDef, FieldKind } from '../../catalog';
import { subFields, writeForms } from '../../catalog';
import { paramName } from '../../descriptions/names';
import { decimalFromText, isBlank, locatorValue } from '../../userInput';

/** Marks a value the user left blank: the key is then not sent at all. */
export const BLANK = Symbol('blank');
type Converted = unknown | typeof BLANK;

function toDate(value: unknown, kind: 'date' | 'dateTime'): Converted {
	if (isBlank(value)) return BLANK;
	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	// the date picker hands over "2026-03-05T00:00:00"; a date field wants the day only
	return kind === 'date' && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
}

function toNumber(value: unknown): Converted {
	if (isBlank(value)) return BLANK;
	if (typeof value === 'number') return value;
	// a non-numeric text stays as it is, so the schema reports it with the field's name
	return decimalFromText(String(value)) ?? value;
}

function compact(entry: IDataObject, keys: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) {
		const value = entry[paramName(key)] ?? entry[key];
		if (!isBlank(value)) out[key] = typeof value === 'string' ? value.trim() : value;
	}
	return out;
}

/** fixedCollection values arrive as `{value: {...}}` or `{value: [{...}]}` */
function collectionEntries(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	if (!value || typeof value !== 'object') return [];
	const inner = (value as IDataObject).value ?? value;
	return (Array.isArray(inner) ? inner : [inner]) as IDataObject[];
}

/** A JSON field: typed in the editor as text, or given by an expression as an object or array. */
function toJson(value: unknown): Converted {
	if (isBlank(value)) return BLANK;
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			// left as text: the schema says the field must be JSON
			return value;
		}
	}
	const empty = Array.isArray(parsed) ? parsed.length === 0 : parsed !== null && typeof parsed === 'object' && Object.keys(parsed).length === 0;
	return empty ? BLANK : parsed;
}

const converters: Record<Exclude<FieldKind, 'lines'>, (value: unknown, field: FieldDef) => Converted> = {
	string: (picked) => {
		// a related record's picker holds {mode, value}; older workflows hold the code itself
		const value = locatorValue(picked);
		return isBlank(value) ? BLANK : typeof value === 'string' ? value.trim() : String(value);
	},
	options: (value) => (isBlank(value) ? BLANK : String(value)),
	number: toNumber,
	integer: toNumber,
	boolean: (value) => (value === undefined || value === null || value === '' ? BLANK : value === 'false' ? false : value === 'true' ? true : value),
	date: (value) => toDate(value, 'date'),
	dateTime: (value) => toDate(value, 'dateTime'),
	codeList: (value) => {
		const list = Array.isArray(value) ? value : isBlank(value) ? [] : String(value).split(',');
		const codes = list.map((c) => String(c).trim()).filter((c) => c !== '');
		return codes.length ? codes : BLANK;
	},
	address: (value) => {
		const address = compact(collectionEntries(value)[0] ?? {}, subFields.address);
		return Object.keys(address).length ? address : BLANK;
	},
	shippingAddress: (value) => {
		const address = compact(collectionEntries(value)[0] ?? {}, subFields.shippingAddress);
		return Object.keys(address).length ? address : BLANK;
	},
	phones: (value) => {
		const phones = collectionEntries(value)
			.map((p) => compact(p, subFields.phone))
			.filter((p) => p.number !== undefined);
		return phones.length ? phones : BLANK;
	},
	enumeration: toNumber,
	object: toJson,
	objectList: toJson,
	comment: (value) => {
		if (isBlank(value)) return BLANK;
		// an object given by expression is sent as it is (the schema checks it has a text)
		if (typeof value === 'object') return value;
		const text = String(value).trim();
		return writeForms.comment === 'object' ? { text } : text;
	},
	emails: (value) => {
		const emails = collectionEntries(value)
			.map((e) => compact(e, ['type', 'address']))
			.filter((e) => e.address !== undefined);
		return emails.length ? emails : BLANK;
	},
};

export function apiValue(field: Pick<FieldDef, 'kind'> & Partial<FieldDef>, value: unknown): Converted {
	if (field.kind === 'lines') return value;
	return converters[field.kind](value, field as FieldDef);
}

/** A collection parameter (Additional Fields, Update Fields, Filters) → API keys, blanks left out. */
export function fromCollection(collection: IDataObject, fields: Array<Pick<FieldDef, 'name' | 'kind'>>): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		const key = paramName(field.name);
		if (!(key in collection)) continue;
		const value = apiValue(field, collection[key]);
		if (value !== BLANK) body[field.name] = value as IDataObject[keyof IDataObject];
	}
	return body;
}
