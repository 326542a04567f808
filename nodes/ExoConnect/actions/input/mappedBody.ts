/**
 * The body of a write given through the field mapper: the mapped values (or, with Map Automatically, the
 * input item's own fields matched by API name, display name or a known synonym), put back into the API's
 * shapes (an address's parts into `address {…}`, the Phone into `phones [{type: main, …}]`), blanks left out.
 */
import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';

import type { FieldDef, MatchKey, ResourceDef } from '../../catalog';
import { fieldOf, matchKeysOf } from '../../catalog';
import { FIELDS_INPUT, FieldsInput, MAPPER_PARAM, Operation, OptionName } from '../../descriptions';
import type { MapperColumn } from '../../descriptions/mapperFields';
import { mapperColumns, matchColumns, namesOf, normalName } from '../../descriptions/mapperFields';
import { linesFromJson, splitLongLines } from '../../documents/lines';
import type { ValidationProblem } from '../../schemas';
import { updateSchema, validate } from '../../schemas';
import type { LookupBy } from '../../transport';
import { isDotSegment } from '../../transport';
import { isBlank } from '../../userInput';
import { check } from './check';
import { keyText } from '../planning/currentRecords';
import { inputError, noFieldError, readCustomFields } from './input';
import { itemChoice } from '../run/itemParameter';
import type { RunContext } from '../run/runContext';
import { apiValue, BLANK } from './values';

/** Whether the item's fields come from the mapper (Create or Update starts there; Create and Update on the form). */
export function usesMapper(run: RunContext, itemIndex: number): boolean {
	const operation = itemChoice(run, 'operation', itemIndex, '');
	const fallback = operation === Operation.upsert ? FieldsInput.mapper : FieldsInput.manual;
	return itemChoice(run, FIELDS_INPUT, itemIndex, fallback) === FieldsInput.mapper;
}

const isPlainValue = (value: unknown, column: MapperColumn) =>
	column.type === 'array' || column.type === 'object' || value === null || typeof value !== 'object' || value instanceof Date;

/**
 * Map Automatically: each column takes the input field named like it — its API name first, then its
 * display name, then a synonym (a shop's `zip` for the Postal Code) — compared without case, spaces or
 * punctuation. An input field fills one column at most.
 */
export function autoMap(resource: ResourceDef, json: IDataObject): IDataObject {
	const inputs = new Map<string, string>();
	for (const key of Object.keys(json)) {
		const name = normalName(key);
		if (!inputs.has(name)) inputs.set(name, key);
	}
	const used = new Set<string>();
	const out: IDataObject = {};
	for (const { column, name } of autoMapOrder(resource)) {
		if (column.id in out) continue;
		const key = inputs.get(name);
		if (key === undefined || used.has(key) || !isPlainValue(json[key], column)) continue;
		used.add(key);
		out[column.id] = json[key];
	}
	return out;
}

const orders = new WeakMap<ResourceDef, Array<{ column: MapperColumn; name: string }>>();

/** Every column's names, all columns' most exact names first: the order Map Automatically tries them in. */
function autoMapOrder(resource: ResourceDef): Array<{ column: MapperColumn; name: string }> {
	let order = orders.get(resource);
	if (!order) {
		const columns = mapperColumns(resource);
		const levels = Math.max(...columns.map((c) => namesOf(c).length));
		order = [];
		for (let level = 0; level < levels; level++) {
			for (const column of columns) {
				const name = namesOf(column)[level];
				if (name !== undefined) order.push({ column, name });
			}
		}
		orders.set(resource, order);
	}
	return order;
}

export interface MappedInput {
	values: IDataObject;
	/** the field that identifies the record (Update, Create or Update) */
	matchOn: string;
}

/** Map Automatically has nothing per item in the parameter itself: it is read once per run, not per item. */
function mapperValue(run: RunContext, itemIndex: number): Partial<ResourceMapperValue> {
	if (run.autoMapper) return run.autoMapper;
	const mapper = run.ctx.getNodeParameter(MAPPER_PARAM, itemIndex, {}) as Partial<ResourceMapperValue>;
	if (mapper.mappingMode === 'autoMapInputData') run.autoMapper = mapper;
	return mapper;
}

export function readMapped(run: RunContext, resource: ResourceDef, itemIndex: number): MappedInput {
	const mapper = mapperValue(run, itemIndex);
	const values =
		mapper.mappingMode === 'autoMapInputData'
			? autoMap(resource, run.ctx.getInputData()[itemIndex]?.json ?? {})
			: ({ ...(mapper.value ?? {}) } as IDataObject);
	const allowed = matchColumns(resource);
	const chosen = mapper.matchingColumns?.find((c) => allowed.includes(c));
	return { values, matchOn: chosen ?? allowed[0] };
}

/** Mapped values → the API body; structured fields gathered from their parts; problems of the lines. */
export function bodyFromValues(resource: ResourceDef, values: IDataObject, splitLines: boolean): { body: IDataObject; problems: ValidationProblem[] } {
	const body: IDataObject = {};
	const problems: ValidationProblem[] = [];
	const parts = new Map<FieldDef, IDataObject[]>();
	for (const column of mapperColumns(resource)) {
		const value = values[column.id];
		if (isBlank(value)) continue;
		const { field } = column;
		if (column.part !== undefined) {
			const text = String(value).trim();
			const entry = field.kind === 'phones' ? { type: column.part, number: text } : field.kind === 'emails' ? { type: column.part, address: text } : { [column.part]: text };
			parts.set(field, [...(parts.get(field) ?? []), entry]);
		} else if (field.kind === 'lines') {
			const lines = linesFromJson(value);
			if (lines.ok) body.details = splitLines ? splitLongLines(lines.lines) : lines.lines;
			else problems.push(...lines.problems);
		} else {
			const converted = apiValue(field, value);
			if (converted !== BLANK) body[field.name] = converted as IDataObject[string];
		}
	}
	for (const [field, entries] of parts) {
		// an address is one object of parts; phones and emails are lists of typed entries
		const gathered = field.kind === 'phones' || field.kind === 'emails' ? entries : Object.assign({}, ...entries);
		const converted = apiValue(field, gathered);
		if (converted !== BLANK) body[field.name] = converted as IDataObject[string];
	}
	return { body, problems };
}

/** The mapped body of an item, with Custom Fields (JSON) added. */
export function mappedBody(
	run: RunContext,
	resource: ResourceDef,
	itemIndex: number,
	options = run.ctx.getNodeParameter('options', itemIndex, {}) as IDataObject,
): MappedInput & { body: IDataObject; problems: ValidationProblem[] } {
	const { ctx } = run;
	const input = readMapped(run, resource, itemIndex);
	const { body, problems } = bodyFromValues(resource, input.values, options[OptionName.splitLongDescriptions] !== false);
	Object.assign(body, readCustomFields(ctx, options[OptionName.customFields], itemIndex, resource));
	return { ...input, body, problems };
}

/** The key an item's record is found by (Update, Create or Update): its field, how to look it up, its value. */
export function matchKeyOf(ctx: IExecuteFunctions, resource: ResourceDef, field: string, body: IDataObject, itemIndex: number): { key: MatchKey; value: string } {
	const key = matchKeysOf(resource).find((k) => k.field === field) ?? matchKeysOf(resource)[0];
	const value = keyText(body[key.field]);
	const label = fieldOf(resource, key.field)?.displayName ?? key.field;
	if (value === undefined) {
		throw inputError(ctx, resource, [{ path: [key.field], message: `is required: the ${resource.displayName.toLowerCase()} is found by its ${label}` }], itemIndex);
	}
	if (!key.filter && isDotSegment(value)) {
		throw inputError(ctx, resource, [{ path: [key.field], message: `"${value}" cannot be looked up: web addresses read "." and ".." as folders` }], itemIndex);
	}
	return { key, value };
}

/** The record an Update is about: by code or ID, or by a key the catalog names (found in the resolve step). */
export type UpdateTarget = { by: LookupBy; key: string } | { match: MatchKey; value: string };

/** Update through the mapper: the record named by the matching field, and the other mapped fields (no request). */
export function mappedUpdateFields(run: RunContext, resource: ResourceDef, itemIndex: number): { target: UpdateTarget; body: IDataObject } {
	const { ctx } = run;
	const mapped = mappedBody(run, resource, itemIndex);
	const { key, value } = matchKeyOf(ctx, resource, mapped.matchOn, mapped.body, itemIndex);
	const body = { ...mapped.body };
	delete body[key.field];
	if (Object.keys(body).length === 0 && mapped.problems.length === 0) {
		throw noFieldError(ctx, resource, { path: ['Fields'], message: 'map at least one field to change besides the one to match on' }, itemIndex);
	}
	const valid = check(ctx, resource, body, mapped.problems, validate(updateSchema(resource), body), itemIndex);
	return { target: key.filter ? { match: key, value } : { by: 'code', key: value }, body: valid };
}
