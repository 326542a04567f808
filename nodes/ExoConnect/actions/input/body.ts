/** Builds and validates the JSON body of a create or an update from the node's parameters. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldDef, ResourceDef } from '../../catalog';
import { resourceByKey } from '../../catalog';
import { LinesParam, OptionName, paramName } from '../../descriptions';
import type { Line, LineRow, LinesResult } from '../../documents/lines';
import { linesFromJson, linesFromRows, splitLongLines } from '../../documents/lines';
import type { ValidationProblem } from '../../schemas';
import { createSchema, updateSchema, validate } from '../../schemas';
import { check } from './check';
import { noFieldError, readCustomFields, readLocator } from './input';
import { mappedBody, usesMapper } from './mappedBody';
import type { RunContext } from '../run/runContext';
import { apiValue, BLANK, fromCollection } from './values';

function readLines(ctx: IExecuteFunctions, itemIndex: number): LinesResult {
	const source = ctx.getNodeParameter(LinesParam.source, itemIndex, 'fields') as string;
	if (source === 'json') return linesFromJson(ctx.getNodeParameter(LinesParam.json, itemIndex, '[]'));
	const rows = ctx.getNodeParameter(`${LinesParam.fields}.line`, itemIndex, []) as LineRow[];
	return linesFromRows(rows);
}

/** A document's customer (supplier) picked by ID: its code is looked up in the resolve step, after the input is checked. */
export interface PartyById {
	field: string;
	party: ResourceDef;
	id: string;
}

/** The fields an item wants written, checked, and what must still be looked up before the body is known. */
export interface WantedFields {
	body: IDataObject;
	partyById?: PartyById;
}

function readRequired(
	ctx: IExecuteFunctions,
	resource: ResourceDef,
	field: FieldDef,
	itemIndex: number,
): { value: unknown; byId?: PartyById } {
	const party = resource.document?.partyField === field.name && field.relation ? resourceByKey(field.relation) : undefined;
	if (!party) return { value: apiValue(field, ctx.getNodeParameter(paramName(field.name), itemIndex, '')) };
	const { by, key } = readLocator(ctx, paramName(field.name), itemIndex, party, field.displayName);
	// a stand-in code while the rest of the body is checked: no request before the input is known good
	return by === 'code' ? { value: key } : { value: `#${key}`, byId: { field: field.name, party, id: key } };
}

/** Long descriptions are split (default) or refused before anything is sent. */
function prepareLines(lines: Line[], split: boolean): Line[] {
	return split ? splitLongLines(lines) : lines;
}

/** The fields of a Create (form or mapper), checked against what a create requires; no request. */
export function createFields(run: RunContext, resource: ResourceDef, itemIndex: number): WantedFields {
	const { ctx } = run;
	if (usesMapper(run, itemIndex)) {
		const mapped = mappedBody(run, resource, itemIndex);
		return { body: check(ctx, resource, mapped.body, mapped.problems, validate(createSchema(resource), mapped.body), itemIndex) };
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const problems: ValidationProblem[] = [];
	let partyById: PartyById | undefined;
	for (const name of resource.createRequired) {
		const field = resource.fields.find((f) => f.name === name);
		if (!field) continue;
		if (field.kind === 'lines') {
			const lines = readLines(ctx, itemIndex);
			if (!lines.ok) problems.push(...lines.problems);
			else body.details = prepareLines(lines.lines, options[OptionName.splitLongDescriptions] !== false);
			continue;
		}
		const { value, byId } = readRequired(ctx, resource, field, itemIndex);
		partyById ??= byId;
		if (value === BLANK) problems.push({ path: [field.name], message: 'is required' });
		else body[field.name] = value as IDataObject[keyof IDataObject];
	}
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(body, fromCollection(additional, resource.fields.filter((f) => !resource.createRequired.includes(f.name))));
	Object.assign(body, readCustomFields(ctx, options[OptionName.customFields], itemIndex, resource));
	return { body: check(ctx, resource, body, problems, validate(createSchema(resource), body), itemIndex), partyById };
}

export function updateBody(ctx: IExecuteFunctions, resource: ResourceDef, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = {
		...fromCollection(fields, resource.fields),
		...readCustomFields(ctx, options[OptionName.customFields], itemIndex, resource),
	};
	if (Object.keys(body).length === 0) {
		throw noFieldError(ctx, resource, { path: ['Update Fields'], message: 'add at least one field to change' }, itemIndex);
	}
	const problems: ValidationProblem[] = [];
	if (Array.isArray(body.details)) {
		const lines = linesFromJson(body.details);
		if (lines.ok) body.details = prepareLines(lines.lines, options[OptionName.splitLongDescriptions] !== false);
		else problems.push(...lines.problems);
	}
	return check(ctx, resource, body, problems, validate(updateSchema(resource), body), itemIndex);
}
