/**
 * Document lines (contract §4): built from the node's line rows or from JSON, with blank values left out
 * (ExoConnect fills them from the product) and long descriptions split over comment lines, because Acomba
 * stores at most 90 characters per line.
 */
import type { IDataObject } from 'n8n-workflow';

import { lineRules } from '../catalog';
import type { ValidationProblem } from '../schemas';
import { decimalFromText, isBlank, locatorValue } from '../userInput';

export type Line = IDataObject;

export type LinesResult = { ok: true; lines: Line[] } | { ok: false; problems: ValidationProblem[] };

const NUMERIC_KEYS = ['ordered_qty', 'unit_price', 'tax_amount_1', 'tax_amount_2', 'line_number'];

/** A record picker's value, or the plain code workflows saved before the pickers held */
type Picked = string | { value?: unknown };

/** A line row of the node's Lines parameter. */
export interface LineRow {
	lineType?: 'product' | 'comment';
	sku?: Picked;
	description?: string;
	quantity?: number;
	unitPrice?: string | number;
	productGroupCode?: Picked;
}

export function linesFromRows(rows: LineRow[]): LinesResult {
	const problems: ValidationProblem[] = [];
	const lines = rows.map((row, index): Line => {
		const line: Line = {};
		const sku = locatorValue(row.sku);
		const productGroupCode = locatorValue(row.productGroupCode);
		if (!isBlank(row.description)) line.description = String(row.description);
		if (row.lineType === 'comment') return line;
		if (isBlank(sku)) {
			problems.push({
				path: ['details', index, 'sku'],
				message: 'is required on a product line (choose a product, or make it a Comment line)',
			});
		} else {
			line.sku = String(sku).trim();
		}
		if (typeof row.quantity === 'number') line.ordered_qty = row.quantity;
		if (!isBlank(row.unitPrice)) {
			const price = Number(String(row.unitPrice).trim().replace(',', '.'));
			if (Number.isFinite(price)) line.unit_price = price;
			else problems.push({ path: ['details', index, 'unit_price'], message: 'must be a number, such as 12.50' });
		}
		if (!isBlank(productGroupCode)) line.product_group_code = String(productGroupCode).trim();
		return line;
	});
	return problems.length ? { ok: false, problems } : { ok: true, lines };
}

/** Lines given as JSON text or as an array mapped from a previous node. */
export function linesFromJson(value: unknown): LinesResult {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() === '' ? [] : JSON.parse(value);
		} catch (error) {
			return { ok: false, problems: [{ path: ['details'], message: `is not valid JSON (${(error as Error).message})` }] };
		}
	}
	if (!Array.isArray(parsed)) {
		return { ok: false, problems: [{ path: ['details'], message: 'must be an array of lines, such as [{"sku": "WIDGET-001", "ordered_qty": 2}]' }] };
	}
	const problems: ValidationProblem[] = [];
	const lines = parsed.map((entry, index): Line => {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			problems.push({ path: ['details', index], message: 'must be an object with keys such as sku, description, ordered_qty' });
			return {};
		}
		const line: Line = {};
		for (const [key, raw] of Object.entries(entry as IDataObject)) {
			if (isBlank(raw)) continue;
			// spreadsheets and forms often hand numbers over as text
			const number = NUMERIC_KEYS.includes(key) && typeof raw === 'string' ? decimalFromText(raw) : undefined;
			line[key] = number ?? raw;
		}
		return line;
	});
	return problems.length ? { ok: false, problems } : { ok: true, lines };
}

/** Splits text into pieces of at most `max` characters at word boundaries; longer words are cut. */
export function splitDescription(text: string, max: number = lineRules.maxDescriptionLength): string[] {
	const pieces: string[] = [];
	let current = '';
	for (let word of text.trim().split(/\s+/)) {
		while (word.length > max) {
			if (current) pieces.push(current);
			current = '';
			pieces.push(word.slice(0, max));
			word = word.slice(max);
		}
		if (!word) continue;
		if (!current) current = word;
		else if (current.length + 1 + word.length <= max) current += ` ${word}`;
		else {
			pieces.push(current);
			current = word;
		}
	}
	if (current) pieces.push(current);
	return pieces;
}

/**
 * Each description longer than the limit stays on its line for the first piece and continues on comment
 * lines right after it, in order. Line numbers, when the input had any, are renumbered 1..n.
 */
export function splitLongLines(lines: Line[], max: number = lineRules.maxDescriptionLength): Line[] {
	const numbered = lines.some((line) => line.line_number !== undefined);
	const out: Line[] = [];
	for (const line of lines) {
		const text = typeof line.description === 'string' ? line.description : undefined;
		if (text === undefined || text.length <= max) {
			out.push({ ...line });
			continue;
		}
		const [first, ...rest] = splitDescription(text, max);
		out.push({ ...line, description: first });
		for (const piece of rest) out.push({ description: piece });
	}
	if (numbered) out.forEach((line, index) => (line.line_number = index + 1));
	return out;
}
