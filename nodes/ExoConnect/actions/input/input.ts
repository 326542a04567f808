/** Reading the record locator and JSON options, and reporting bad input before anything is sent. */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import type { ValidationProblem } from '../../schemas';
import { describePath } from '../../schemas';
import type { LookupBy } from '../../transport';
import { isDotSegment } from '../../transport';
import { MAX_JSON_DEPTH, tooDeep } from '../../userInput';

/** Input errors say what is wrong, on which item, and that nothing reached Acomba. */
export function inputError(
	ctx: IExecuteFunctions,
	resource: ResourceDef | undefined,
	problems: ValidationProblem[],
	itemIndex: number,
	hint?: string,
): NodeOperationError {
	const lines = problems.map((p) => `${describePath(resource, p.path)}: ${p.message}`);
	const more = lines.length > 1 ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})` : '';
	return new NodeOperationError(ctx.getNode(), `${lines[0]}${more}`, {
		itemIndex,
		description: [
			`Item ${itemIndex + 1} was not sent to ExoConnect, so it wrote nothing.`,
			...(lines.length > 1 ? lines.map((l) => `• ${l}`) : []),
			...(hint ? [hint] : []),
		].join('\n'),
	});
}

/** An update that gives no field: refused, since blanks are not sent and it would change nothing. */
export function noFieldError(ctx: IExecuteFunctions, resource: ResourceDef, problem: ValidationProblem, itemIndex: number): NodeOperationError {
	return inputError(ctx, resource, [problem], itemIndex, 'Fields left empty are not sent, so an update without fields would change nothing.');
}

export interface RecordKey {
	by: LookupBy;
	key: string;
}

/** A resource locator's value: "From List" and "By Code" give a code, "By ID" an ExoConnect ID. */
export function readLocator(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	resource: ResourceDef,
	label = resource.displayName,
): RecordKey {
	const raw = ctx.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string;
	const locator: INodeParameterResourceLocator =
		typeof raw === 'object' && raw !== null ? raw : { __rl: true, mode: 'code', value: raw };
	const value = String(locator.value ?? '').trim();
	if (!value) {
		throw inputError(ctx, resource, [{ path: [label], message: `is required: choose the ${label.toLowerCase()}, or give its ${resource.codeLabel}` }], itemIndex);
	}
	switch (locator.mode) {
		case 'list':
		case 'code':
			return { by: 'code', key: value };
		case 'id':
			if (!/^\d+$/.test(value)) {
				throw inputError(ctx, resource, [{ path: [label], message: `the ID must be a whole number, not "${value}"` }], itemIndex);
			}
			return { by: 'id', key: value };
		default:
			throw inputError(
				ctx,
				resource,
				[{ path: [label], message: `unknown way to pick the record "${String(locator.mode)}" (use From List, By Code or By ID)` }],
				itemIndex,
			);
	}
}

/**
 * The record a Get or an Update is about. Its code goes into the URL path, where `.` and `..` (even written
 * `%2E`) are read as "this folder" and "the folder above": `by-code/..` would address the whole list.
 */
export function readRecordLocator(ctx: IExecuteFunctions, name: string, itemIndex: number, resource: ResourceDef): RecordKey {
	const locator = readLocator(ctx, name, itemIndex, resource);
	if (locator.by === 'code' && isDotSegment(locator.key)) {
		throw inputError(
			ctx,
			resource,
			[{ path: [resource.displayName], message: `the ${resource.codeLabel} "${locator.key}" cannot be looked up by code: web addresses read "." and ".." as folders` }],
			itemIndex,
			`Pick the ${resource.displayName.toLowerCase()} By ID instead (Get Many shows each record's ID).`,
		);
	}
	return locator;
}

/** "Custom Fields (JSON)": an object of API keys sent as they are. */
export function readCustomFields(
	ctx: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	resource: ResourceDef,
): IDataObject {
	if (raw === undefined || raw === null || raw === '') return {};
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw inputError(ctx, resource, [{ path: ['Custom Fields (JSON)'], message: `is not valid JSON (${(error as Error).message})` }], itemIndex);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(ctx, resource, [{ path: ['Custom Fields (JSON)'], message: 'must be a JSON object, such as {"user_field_1": "X"}' }], itemIndex);
	}
	const deep = tooDeep(value);
	if (deep) {
		const field = String(deep[0]);
		throw inputError(
			ctx,
			resource,
			[{ path: ['Custom Fields (JSON)', field], message: `is nested more than ${MAX_JSON_DEPTH} levels deep: ExoConnect's fields nest a few levels at most` }],
			itemIndex,
		);
	}
	return withBodyNames(ctx, value as IDataObject, itemIndex, resource);
}

/** Another name of a field (the carrier's `carrier_code`) is sent under the catalog's body name. */
function withBodyNames(ctx: IExecuteFunctions, custom: IDataObject, itemIndex: number, resource: ResourceDef): IDataObject {
	const body = { ...custom };
	for (const field of resource.fields) {
		for (const alias of field.aliases ?? []) {
			if (!(alias in body)) continue;
			if (field.name in body && body[field.name] !== body[alias]) {
				throw inputError(ctx, resource, [{ path: ['Custom Fields (JSON)', alias], message: `is another name of ${field.name}: give only one of them` }], itemIndex);
			}
			body[field.name] = body[alias];
			delete body[alias];
		}
	}
	return body;
}
