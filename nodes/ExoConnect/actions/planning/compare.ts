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

/**
 * What to send for a changed structured field: the parts the body gives over the record's others. An
 * update replaces an address or a phone list whole, so sending only the changed city would erase the
 * street, and only the main phone the warehouse line.
 */
function merged(field: FieldDef, sent: unknown, record: IDataObject): unknown {
	const current = record[field.name];
	if ((field.kind === 'address' || field.kind === 'shippingAddress') && isObject(sent) && isObject(current)) {
		return { ...pick(current, field.kind === 'address' ? subFields.address : subFields.shippingAddress), ...sent };
	}
	if ((field.kind === 'phones' || field.kind === 'emails') && Array.isArray(sent) && Array.isArray(current)) {
		const keys = field.kind === 'phones' ? subFields.phone : (['type', 'address'] as const);
		const types = new Set(sent.map((e) => (isObject(e) ? e.type : undefined)));
		const kept = current.filter((e): e is IDataObject => isObject(e) && !types.has(e.type)).map((e) => pick(e, keys));
		return [...kept, ...sent] as IDataObject[];
	}
	return sent;
}

/** The part of `body` that differs from `record` (empty: nothing to write). */
export function changedFields(resource: ResourceDef, body: IDataObject, record: IDataObject): IDataObject {
	const changes: IDataObject = {};
	for (const [name, sent] of Object.entries(body)) {
		const field = fieldOf(resource, name);
		const same = field ? sameField(field, sent, record) : sameValue(sent, record[name]);
		if (!same) changes[name] = (field ? merged(field, sent, record) : sent) as IDataObject[string];
	}
	return changes;
}
