/**
 * Which fields of a body would change the current record: only those are sent, and a record with none
 * gets no write at all. Values are read from the record through recordShape (either form of contract §9)
 * and compared by meaning: codes as strings (`42` is "42"), numbers as numbers ("12.50" is 12.5), an
 * address by the parts given, phones and emails by type and the parts given, lines by position.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FieldDef, ResourceDef } from '../../catalog';
import { fieldOf, lineFields, subFields } from '../../catalog';
import { fieldValue, isObject } from '../../recordShape';
import { decimalFromText } from '../../userInput';

function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	return typeof value === 'string' ? decimalFromText(value) : undefined;
}

/**
 * Two plain values alike: numbers of a numeric field as numbers ("12.50" is 12.5), anything else as
 * trimmed text — a code "007" is not the code "7", while the code 42 is "42".
 */
function sameValue(sent: unknown, current: unknown, numeric = false): boolean {
	if (sent === current) return true;
	if (sent === undefined || sent === null || current === undefined || current === null) return false;
	if (typeof sent === 'boolean' || typeof current === 'boolean') return sent === current;
	if (numeric) {
		const a = numberOf(sent);
		const b = numberOf(current);
		return a !== undefined && b !== undefined && Math.abs(a - b) < 1e-9;
	}
	if (typeof sent === 'object' || typeof current === 'object') return JSON.stringify(sent) === JSON.stringify(current);
	return String(sent).trim() === String(current).trim();
}

const NUMERIC_LINE_KEYS = new Set(lineFields.filter((f) => f.kind === 'number' || f.kind === 'integer').map((f) => f.name));

/** Every part the body gives equals the record's (parts left out are not being changed). */
function sameParts(sent: IDataObject, current: unknown, numericKeys: Set<string> = new Set()): boolean {
	if (!isObject(current)) return false;
	return Object.entries(sent).every(([key, value]) => sameValue(value, current[key], numericKeys.has(key)));
}

/** Phones or emails: each entry sent has a current entry of its type with the same parts. */
function sameTypedList(sent: unknown, current: unknown): boolean {
	if (!Array.isArray(sent) || !Array.isArray(current)) return false;
	return sent.every((entry) => isObject(entry) && current.some((now) => isObject(now) && now.type === entry.type && sameParts(entry, now)));
}

const codeOf = (entry: unknown) => (isObject(entry) ? entry.code : entry);

function sameCodes(sent: unknown, current: unknown): boolean {
	if (!Array.isArray(sent) || !Array.isArray(current)) return false;
	const text = (list: unknown[]) => list.map((c) => String(codeOf(c))).sort().join('\n');
	return text(sent) === text(current);
}

/** Lines: as many, and each sent line's parts equal to the current line at its position. */
function sameLines(sent: unknown, current: unknown): boolean {
	if (!Array.isArray(sent) || !Array.isArray(current) || sent.length !== current.length) return false;
	return sent.every((line, i) => isObject(line) && sameParts(line, current[i], NUMERIC_LINE_KEYS));
}

function sameField(field: FieldDef, sent: unknown, record: IDataObject): boolean {
	switch (field.kind) {
		case 'address':
		case 'shippingAddress':
			return isObject(sent) && sameParts(sent, record[field.name]);
		case 'phones':
		case 'emails':
			return sameTypedList(sent, record[field.name]);
		case 'codeList':
			return sameCodes(sent, record[field.name]);
		case 'lines':
			return sameLines(sent, record[field.name]);
		case 'comment':
			// the text, and the flags when the item gives them
			if (isObject(sent) && isObject(record[field.name])) return sameParts(sent, record[field.name]);
			return sameValue(isObject(sent) ? sent.text : sent, fieldValue(record, field));
		case 'date':
			// a date sent as a day matches a record that shows the same day with a time
			return typeof sent === 'string' && String(fieldValue(record, field) ?? '').slice(0, sent.length) === sent;
		default:
			return sameValue(sent, fieldValue(record, field), field.kind === 'number' || field.kind === 'integer');
	}
}

const pick = (entry: IDataObject, keys: readonly string[]): IDataObject =>
	Object.fromEntries(keys.filter((k) => entry[k] !== undefined && entry[k] !== null && entry[k] !== '').map((k) => [k, entry[k]])) as IDataObject;

const STRUCTURED: ReadonlySet<FieldDef['kind']> = new Set(['address', 'shippingAddress', 'phones', 'emails', 'comment']);

/** A field a PUT replaces whole (contract §2): address, shipping address, phones, emails, comment with its flags. */
export const isStructured = (field: Pick<FieldDef, 'kind'>): boolean => STRUCTURED.has(field.kind);

/** Phones or emails: the current entries of the types not given, then each given entry over the current one of its type. */
function mergedTypedList(sent: unknown[], current: unknown[], keys: readonly string[]): IDataObject[] {
	const entries = current.filter(isObject);
	const types = new Set(sent.map((e) => (isObject(e) ? e.type : undefined)));
	const kept = entries.filter((e) => !types.has(e.type)).map((e) => pick(e, keys));
	const given = sent.filter(isObject).map((e) => {
		const now = entries.find((c) => c.type === e.type);
		return now ? { ...pick(now, keys), ...e } : e;
	});
	return [...kept, ...given];
}

/**
 * What to send for a structured field: the parts the item gives over the record's others. A PUT replaces
 * an address, a phone list or a comment whole, so sending only the changed city would erase the street,
 * only the fax the main phone, only the main number its extension, only the text the comment's flags.
 */
export function wholeValue(field: FieldDef, sent: unknown, record: IDataObject): unknown {
	const current = record[field.name];
	switch (field.kind) {
		case 'address':
		case 'shippingAddress':
			return isObject(sent) && isObject(current) ? { ...pick(current, field.kind === 'address' ? subFields.address : subFields.shippingAddress), ...sent } : sent;
		case 'phones':
			return Array.isArray(sent) && Array.isArray(current) ? mergedTypedList(sent, current, subFields.phone) : sent;
		case 'emails':
			return Array.isArray(sent) && Array.isArray(current) ? mergedTypedList(sent, current, ['type', 'address']) : sent;
		case 'comment':
			return isObject(sent) && isObject(current) ? { ...current, ...sent } : sent;
		default:
			return sent;
	}
}

/** Whether `sent` under `name` would leave `record` as it is (`field`: the catalog's, when already looked up). */
export function sameAsRecord(resource: ResourceDef, name: string, sent: unknown, record: IDataObject, field = fieldOf(resource, name)): boolean {
	return field ? sameField(field, sent, record) : sameValue(sent, record[name]);
}

/** The part of `body` that differs from `record` (empty: nothing to write), structured fields whole. */
export function changedFields(resource: ResourceDef, body: IDataObject, record: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const [name, sent] of Object.entries(body)) {
		if (sameAsRecord(resource, name, sent, record)) continue;
		const field = fieldOf(resource, name);
		changes[name] = (field ? wholeValue(field, sent, record) : sent) as IDataObject[string];
	}
	return changes;
}
