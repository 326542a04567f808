/**
 * Document lines (contract §4): built from the node's line rows or from JSON, with blank values left out
 * (ExoConnect fills them from the product) and long descriptions split over comment lines, because Acomba
 * stores at most 90 characters per line.
 */
import type { IDataObject } from 'n8n-workflow';

import { lineRules } from '../catalog';
import type { ValidationProblem } from '../schemas';
import { ambiguousDecimalMessage, decimalFromText, isAmbiguousDecimal, isBlank, locatorValue } from '../userInput';

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
	/** a number, or text when given by an expression */
	quantity?: number | string;
	unitPrice?: string | number;
	productGroupCode?: Picked;
}

const SKU_REQUIRED = 'is required on a product line (choose a product, or make it a Comment line)';

/**
 * A price or a quantity through the one decimal parser: a number as it is, text such as "12,50" read,
 * anything else ("0x10", "douze") undefined so it is refused rather than guessed.
 */
function decimalOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	return decimalFromText(String(value));
}

export function linesFromRows(rows: LineRow[]): LinesResult {
	const problems: ValidationProblem[] = [];
	const numberField = (line: Line, index: number, key: string, value: unknown, example: string) => {
		if (isBlank(value)) return;
		const number = decimalOf(value);
		if (number !== undefined) line[key] = number;
		else if (typeof value === 'string' && isAmbiguousDecimal(value)) problems.push({ path: ['details', index, key], message: ambiguousDecimalMessage(value) });
		else problems.push({ path: ['details', index, key], message: `must be a number, such as ${example}` });
	};
	const lines = rows.map((row, index): Line => {
		const line: Line = {};
		const sku = locatorValue(row.sku);
		const productGroupCode = locatorValue(row.productGroupCode);
		if (!isBlank(row.description)) line.description = String(row.description);
		if (row.lineType === 'comment') return line;
		if (isBlank(sku)) problems.push({ path: ['details', index, 'sku'], message: SKU_REQUIRED });
		else line.sku = String(sku).trim();
		numberField(line, index, 'ordered_qty', row.quantity, '2');
		numberField(line, index, 'unit_price', row.unitPrice, '12.50');
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
			// spreadsheets and forms often hand numbers over as text; other text stays, for the schema to refuse
			const number = NUMERIC_KEYS.includes(key) && typeof raw === 'string' ? decimalFromText(raw) : undefined;
			line[key] = number ?? raw;
		}
		// without a sku a line is a comment line; with a quantity it was meant as a product line (a blank
		// spreadsheet cell): refused as the form refuses it. Quantity 0 is what a comment line has anyway.
		if (line.sku === undefined && line.ordered_qty !== undefined && line.ordered_qty !== 0) {
			problems.push({ path: ['details', index, 'sku'], message: SKU_REQUIRED });
		}
		return line;
	});
	return problems.length ? { ok: false, problems } : { ok: true, lines };
}

/*
 * Lengths are counted as the API counts them, we assume: in UTF-16 code units (JavaScript's `length`, an
 * emoji counts 2), at most 90 per line. A cut falls between graphemes (what a reader sees as one
 * character: an emoji, a letter with its combining accent), never inside one.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts a word longer than `max` into pieces of at most `max` code units, between graphemes. */
function cutWord(word: string, max: number): string[] {
	const pieces: string[] = [];
	let current = '';
	for (const { segment } of graphemes.segment(word)) {
		// a single grapheme longer than a line (dozens of stacked accents) is cut between its code points
		const parts = segment.length > max ? Array.from(segment) : [segment];
		for (const part of parts) {
			if (current.length + part.length > max) {
				pieces.push(current);
				current = '';
			}
			current += part;
		}
	}
	if (current) pieces.push(current);
	return pieces;
}

/** One paragraph into pieces of at most `max` code units at word boundaries; longer words are cut. */
function splitParagraph(paragraph: string, max: number): string[] {
	const pieces: string[] = [];
	let current = '';
	for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
		const parts = word.length > max ? cutWord(word, max) : [word];
		for (const part of parts) {
			if (!current) current = part;
			else if (current.length + 1 + part.length <= max && parts.length === 1) current += ` ${part}`;
			else {
				pieces.push(current);
				current = part;
			}
		}
	}
	if (current) pieces.push(current);
	return pieces;
}

/**
 * Splits text into pieces of at most `max` code units: each paragraph (a line break in the text) starts a
 * new piece, words stay whole, longer words are cut between graphemes. Blank paragraphs are dropped.
 */
export function splitDescription(text: string, max: number = lineRules.maxDescriptionLength): string[] {
	return text.split(/\r\n|\r|\n/).flatMap((paragraph) => splitParagraph(paragraph, max));
}

/**
 * Each description longer than the limit stays on its line for the first piece and continues on comment
 * lines right after it, in order. The user's line numbers are kept; only when a split added lines are
 * the lines numbered 1..n again, so that the continuation lines sit where they belong.
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
	if (numbered && out.length > lines.length) out.forEach((line, index) => (line.line_number = index + 1));
	return out;
}
