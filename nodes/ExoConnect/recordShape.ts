/**
 * Reading inside a record in both of the forms ExoConnect may use (contract §9): the flattened one of §3
 * (`sales_rep_code`, `comment` as text, `price`) and the documented one of full records (`sales_rep
 * {id, code}`, `comment {text}`, `prices {regular}`). Codes come back as strings, also when the API gives a
 * number (`42`). Every reader of a record goes through here, so a new form is learnt in one place.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FieldDef } from './catalog';

/** A JSON object (not a list, not null). */
export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * The value at a dotted path (`prices.regular`, `status.is_paid_in_full`), or undefined. It steps into
 * objects only: a record's lists are not addressed by position, and `lines.length` is not a field.
 */
export function valueAt(record: IDataObject, path: string): unknown {
	let value: unknown = record;
	for (const key of path.split('.')) value = isObject(value) ? value[key] : undefined;
	return value;
}

/** A code as the API sends it (string or number) → its string; anything else → undefined. */
function codeText(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** `<name>_code`, else `<name>.code`: relatedCode(customer, 'sales_rep') → "42". */
export function relatedCode(record: IDataObject, name: string): string | undefined {
	const flat = record[`${name}_code`];
	if (present(flat)) return codeText(flat);
	return codeText(valueAt(record, `${name}.code`));
}

/** A comment given as a string (§3) or as `{text, …}` (§9). */
export function commentText(record: IDataObject): string | undefined {
	const value = record.comment;
	if (typeof value === 'string') return value;
	return isObject(value) && typeof value.text === 'string' ? value.text : undefined;
}

/** A product's price: `price` (brief items, §3) or `prices.regular` (full records). */
export function price(record: IDataObject): number | undefined {
	const value = present(record.price) ? record.price : valueAt(record, 'prices.regular');
	return typeof value === 'number' ? value : undefined;
}

/** A record's name: `name` (brief items, sales reps) or `description` (full records). */
export function recordName(record: IDataObject): string | undefined {
	const value = present(record.name) ? record.name : record.description;
	return typeof value === 'string' ? value : undefined;
}

/**
 * A catalog field's value in a record: under its body name or an alias, else where full records show
 * it (`shownAs`). An object left where a scalar is expected (`unit {code, label}`) is read through.
 */
export function fieldValue(record: IDataObject, field: Pick<FieldDef, 'name' | 'shownAs' | 'aliases' | 'relation' | 'kind'>): unknown {
	if (field.kind === 'comment') return commentText(record);
	for (const name of [field.name, ...(field.aliases ?? [])]) {
		const value = record[name];
		if (present(value) && !isObject(value)) return field.relation ? codeText(value) : value;
	}
	if (!field.shownAs) return undefined;
	const shown = valueAt(record, field.shownAs);
	return field.relation || field.shownAs.endsWith('.code') ? codeText(shown) : shown;
}
