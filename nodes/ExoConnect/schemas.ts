/**
 * Validation schemas derived from the catalog: the node rejects bad input with them before any request,
 * and the sandbox answers 422 with them, so both sides agree on what a valid payload is.
 * zod is not a dependency of the package: at run time it is n8n's own copy (3.25 in n8n 1.123 and 2.x). The
 * `zod/v3` entry point is the same v3 API in zod 3.25 and in zod 4, so the messages stay ours whichever
 * of the two n8n ships (zod 4's main entry would replace "is required" with its own wording).
 */
import { z } from 'zod/v3';

import type { FieldDef, ResourceDef } from './catalog';
import { lineFields, lineRules, subFields } from './catalog';
import { ambiguousDecimalMessage, isAmbiguousDecimal } from './userInput';

/** A number, or the reason a text given for one is refused ("1,234" is ambiguous, see userInput.ts). */
const numberSchema = (notANumber: string) =>
	z.number({
		errorMap: (issue, ctx) => ({
			message:
				issue.code === z.ZodIssueCode.invalid_type && typeof ctx.data === 'string' && isAmbiguousDecimal(ctx.data)
					? ambiguousDecimalMessage(ctx.data)
					: issue.code === z.ZodIssueCode.invalid_type
						? notANumber
						: ctx.defaultError,
		}),
	});
const finiteNumber = numberSchema('must be a number').finite('must be a finite number');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-03-05');
const isoDateTime = z
	.string()
	.regex(
		/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
		'must be a date and time such as 2026-03-05T11:20:00-05:00',
	);
const code = z.string().trim().min(1, 'must not be empty');

/** Lines are the one structure both the node and the sandbox check item by item. */
export const lineSchema = z
	.object({
		line_number: z.number().int('must be a whole number').positive('must be 1 or more').optional(),
		sku: z.string().optional(),
		description: z
			.string()
			.max(
				lineRules.maxDescriptionLength,
				`must be at most ${lineRules.maxDescriptionLength} characters`,
			)
			.optional(),
		ordered_qty: finiteNumber.optional(),
		unit_price: finiteNumber.optional(),
		product_group_code: code.optional(),
		tax_amount_1: finiteNumber.optional(),
		tax_amount_2: finiteNumber.optional(),
	})
	.passthrough()
	.superRefine((line, ctx) => {
		const isComment = line.sku === undefined || line.sku.trim() === '';
		if (isComment && (line.description === undefined || line.description.trim() === '')) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['description'],
				message: 'is required on a comment line (a line without a product)',
			});
		}
	});

export type DocumentLine = z.infer<typeof lineSchema>;

const addressSchema = (keys: readonly string[]) =>
	z.object(Object.fromEntries(keys.map((k) => [k, z.string().optional()]))).passthrough();

function fieldSchema(field: FieldDef): z.ZodTypeAny {
	switch (field.kind) {
		case 'string':
			return field.relation || field.name === 'code' ? code : z.string();
		case 'number':
			return finiteNumber;
		case 'integer':
			return finiteNumber.int('must be a whole number');
		case 'boolean':
			return z.boolean({ invalid_type_error: 'must be true or false' });
		case 'date':
			return isoDate;
		case 'dateTime':
			return isoDateTime;
		case 'options': {
			const values = (field.choices ?? []).map((c) => c.value);
			return z.string().refine((v) => values.includes(v), {
				message: `must be one of ${values.join(', ')}`,
			});
		}
		case 'codeList':
			return z.array(code).min(1, 'must list at least one code');
		case 'address':
			return addressSchema(subFields.address);
		case 'shippingAddress':
			return addressSchema(subFields.shippingAddress);
		case 'phones':
			return z.array(
				z
					.object({
						type: z.enum(subFields.phoneTypes),
						number: z.string().min(1, 'must not be empty'),
						extension: z.string().optional(),
						description: z.string().optional(),
					})
					.passthrough(),
			);
		case 'emails':
			return z.array(
				z
					.object({
						type: z.enum(subFields.emailTypes),
						address: z.string().email('must be an email address'),
					})
					.passthrough(),
			);
		case 'comment':
			// both forms are read: a string (§3) or the object full records show, `{text, …}` (§9)
			return z.union([z.string(), z.object({ text: z.string() }).passthrough()], {
				errorMap: () => ({ message: 'must be a text or an object {"text": "..."}' }),
			});
		case 'lines':
			return z.array(lineSchema).min(1, 'must contain at least one line');
		case 'enumeration':
			// the documented ids are offered; an expression may give another one
			return numberSchema('must be the number of a value, such as 3').int('must be a whole number');
		case 'object':
			return z.object({}, { invalid_type_error: 'must be a JSON object' }).passthrough();
		case 'objectList':
			return z.array(z.object({}, { invalid_type_error: 'must be a JSON object' }).passthrough(), {
				invalid_type_error: 'must be a JSON array of objects',
			});
	}
}

const createCache = new Map<string, z.ZodTypeAny>();
const updateCache = new Map<string, z.ZodTypeAny>();

/** Payload of `POST C`: the contract's required fields, every other known field optional, extras kept. */
export function createSchema(resource: ResourceDef): z.ZodTypeAny {
	let schema = createCache.get(resource.key);
	if (!schema) {
		const shape: Record<string, z.ZodTypeAny> = {};
		for (const field of resource.fields) {
			if (field.readOnly) continue;
			const base = fieldSchema(field);
			shape[field.name] = resource.createRequired.includes(field.name) ? base : base.optional();
		}
		schema = z.object(shape).passthrough();
		createCache.set(resource.key, schema);
	}
	return schema;
}

/**
 * Payload of `PUT C/by-…`: only the fields to change, at least one, extras kept. Only the fields present
 * are checked, each with its own schema: a sync checks thousands of bodies of a few fields each, and an
 * object schema would visit every field of the resource for each of them.
 */
export function updateSchema(resource: ResourceDef): z.ZodTypeAny {
	let schema = updateCache.get(resource.key);
	if (!schema) {
		const fields = new Map<string, z.ZodTypeAny>();
		for (const field of resource.fields) if (!field.readOnly) fields.set(field.name, fieldSchema(field).optional());
		schema = z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' }).transform((body, ctx) => {
			const parsed: Record<string, unknown> = {};
			for (const [name, value] of Object.entries(body)) {
				const result = fields.get(name)?.safeParse(value);
				if (!result) parsed[name] = value;
				else if (result.success) parsed[name] = result.data;
				else for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [name, ...issue.path] });
			}
			if (Object.keys(body).length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'at least one field to update is required' });
			return parsed;
		});
		updateCache.set(resource.key, schema);
	}
	return schema;
}

export interface ValidationProblem {
	/** path inside the body, e.g. ['details', 2, 'description'] */
	path: Array<string | number>;
	message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

export function validate<T = Record<string, unknown>>(schema: z.ZodTypeAny, body: unknown): ValidationResult<T> {
	const result = schema.safeParse(body);
	if (result.success) return { ok: true, value: result.data as T };
	return {
		ok: false,
		problems: result.error.issues.map((issue) => ({
			path: issue.path,
			message: issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined' ? 'is required' : issue.message,
		})),
	};
}

/** "Line 3, Description" / "Customer": the readable name of a path inside a body. */
export function describePath(resource: ResourceDef | undefined, path: Array<string | number>): string {
	const [first, index, sub] = path;
	const nameOf = (name: string, fields: FieldDef[]) => fields.find((f) => f.name === name)?.displayName ?? name;
	if (first === 'details' && typeof index === 'number') {
		const line = `Line ${index + 1}`;
		return sub === undefined ? line : `${line}, ${nameOf(String(sub), lineFields)}`;
	}
	if (first === undefined) return 'Body';
	const top = resource ? nameOf(String(first), resource.fields) : String(first);
	const rest = path.slice(1).map((p) => (typeof p === 'number' ? `#${p + 1}` : p));
	return [top, ...rest].join(' › ');
}
