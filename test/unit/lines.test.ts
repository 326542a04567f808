import { linesFromJson, linesFromRows, splitDescription, splitLongLines } from '../../nodes/ExoConnect/documents/lines';

const words = (n: number) => Array.from({ length: n }, (_, i) => `mot${i}`).join(' ');

describe('splitDescription', () => {
	it('keeps words whole, every piece at most 90 characters, order and text preserved', () => {
		const note = `${words(40)} fin.`.slice(0, 250);
		const pieces = splitDescription(note);
		expect(pieces).toHaveLength(3);
		for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(90);
		expect(pieces.join(' ')).toBe(note);
		for (const piece of pieces) for (const word of piece.split(' ')) expect(note.split(' ')).toContain(word);
	});

	it('hard-splits a single word longer than 90 characters', () => {
		const long = 'x'.repeat(200);
		expect(splitDescription(`avant ${long} après`)).toEqual(['avant', 'x'.repeat(90), 'x'.repeat(90), `${'x'.repeat(20)} après`]);
	});

	it('leaves short text alone', () => {
		expect(splitDescription('Livrer à la porte arrière')).toEqual(['Livrer à la porte arrière']);
	});
});

describe('splitLongLines', () => {
	it('continues a long product line on comment lines right after it', () => {
		const lines = splitLongLines([
			{ sku: 'WIDGET-001', ordered_qty: 2, description: 'a'.repeat(50) + ' ' + 'b'.repeat(60) },
			{ description: 'Merci' },
		]);
		expect(lines).toEqual([
			{ sku: 'WIDGET-001', ordered_qty: 2, description: 'a'.repeat(50) },
			{ description: 'b'.repeat(60) },
			{ description: 'Merci' },
		]);
	});

	it('renumbers lines when the input had line numbers', () => {
		const lines = splitLongLines([
			{ line_number: 1, description: `${'a'.repeat(80)} ${'b'.repeat(80)}` },
			{ line_number: 2, sku: 'X' },
		]);
		expect(lines.map((l) => l.line_number)).toEqual([1, 2, 3]);
		expect(lines[2].sku).toBe('X');
	});

	it('does not add line numbers the input did not have', () => {
		expect(splitLongLines([{ description: 'court' }])).toEqual([{ description: 'court' }]);
	});
});

describe('linesFromRows', () => {
	it('omits every blank field so ExoConnect fills it from the product', () => {
		const result = linesFromRows([
			{ lineType: 'product', sku: 'WIDGET-001', description: '', quantity: 3, unitPrice: '', productGroupCode: '' },
			{ lineType: 'comment', description: 'Note', sku: 'ignored', quantity: 5 },
		]);
		expect(result).toEqual({ ok: true, lines: [{ sku: 'WIDGET-001', ordered_qty: 3 }, { description: 'Note' }] });
	});

	it('reads a unit price written with a comma', () => {
		expect(linesFromRows([{ lineType: 'product', sku: 'A', unitPrice: '12,50' }])).toEqual({
			ok: true,
			lines: [{ sku: 'A', unit_price: 12.5 }],
		});
	});

	it('names the line of a product line without a product and of a bad price', () => {
		const result = linesFromRows([
			{ lineType: 'comment', description: 'ok' },
			{ lineType: 'product', sku: '' },
			{ lineType: 'product', sku: 'A', unitPrice: 'douze' },
		]);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problems.map((p) => p.path)).toEqual([
				['details', 1, 'sku'],
				['details', 2, 'unit_price'],
			]);
		}
	});
});

describe('linesFromJson', () => {
	it('accepts an array or its JSON text, drops blanks and reads numbers given as text', () => {
		const input = [{ sku: 'A', ordered_qty: '2', unit_price: '', description: null }, { description: 'Note' }];
		const expected = { ok: true, lines: [{ sku: 'A', ordered_qty: 2 }, { description: 'Note' }] };
		expect(linesFromJson(input)).toEqual(expected);
		expect(linesFromJson(JSON.stringify(input))).toEqual(expected);
	});

	it('refuses what is not an array of objects, saying where', () => {
		expect(linesFromJson('{"sku": "A"}')).toMatchObject({ ok: false, problems: [{ path: ['details'] }] });
		expect(linesFromJson('[1')).toMatchObject({ ok: false, problems: [{ path: ['details'], message: expect.stringContaining('not valid JSON') }] });
		expect(linesFromJson([{ sku: 'A' }, 'x'])).toMatchObject({ ok: false, problems: [{ path: ['details', 1] }] });
	});
});

/** A lone half of a surrogate pair: what a cut through an emoji leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('splitting keeps what the user wrote', () => {
	it("keeps the user's own line numbers when nothing is split", () => {
		const lines = [
			{ line_number: 10, sku: 'A', ordered_qty: 1 },
			{ line_number: 20, description: 'court' },
		];
		expect(splitLongLines(lines)).toEqual(lines);
	});

	it('never cuts an emoji (a UTF-16 surrogate pair) in two, counting it as 2', () => {
		const word = `${'a'.repeat(89)}😀${'b'.repeat(10)}`;
		const pieces = splitDescription(word);
		expect(pieces).toEqual(['a'.repeat(89), `😀${'b'.repeat(10)}`]);
		for (const piece of pieces) {
			expect(piece).not.toMatch(LONE_SURROGATE);
			expect(piece.length).toBeLessThanOrEqual(90);
		}
	});

	it.each([
		['a combining accent', 'e\u0301'],
		['a family emoji (ZWJ sequence)', '👩‍👩‍👧'],
		['a flag', '🇨🇦'],
	])('never separates %s from the rest of its character', (_name, grapheme) => {
		const word = `${'a'.repeat(89)}${grapheme}${'z'.repeat(30)}`;
		const pieces = splitDescription(word);
		expect(pieces.join('')).toBe(word);
		expect(pieces[0]).toBe('a'.repeat(89));
		expect(pieces[1].startsWith(grapheme)).toBe(true);
		for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(90);
	});

	it('starts each paragraph of a long description on a new line instead of joining them', () => {
		const text = `Livraison :\r\nporte arrière, sonner deux fois\n\n${words(20)}`;
		const lines = splitLongLines([{ description: text }]);
		expect(lines.map((l) => l.description)).toEqual(['Livraison :', 'porte arrière, sonner deux fois', ...splitDescription(words(20))]);
		for (const line of lines) expect(String(line.description)).not.toMatch(/[\r\n]/);
	});
});

describe('numbers and product lines are read as the form reads them', () => {
	it.each([['0x10'], ['douze'], ['1e3'], ['12.5.0']])('refuses the unit price and the quantity %j instead of guessing', (text) => {
		const result = linesFromRows([{ lineType: 'product', sku: 'A', quantity: text, unitPrice: text }]);
		expect(result).toEqual({
			ok: false,
			problems: [
				{ path: ['details', 0, 'ordered_qty'], message: 'must be a number, such as 2' },
				{ path: ['details', 0, 'unit_price'], message: 'must be a number, such as 12.50' },
			],
		});
	});

	it('reads a quantity given as text by an expression, with a comma', () => {
		expect(linesFromRows([{ lineType: 'product', sku: 'A', quantity: '2,5' }])).toEqual({ ok: true, lines: [{ sku: 'A', ordered_qty: 2.5 }] });
	});

	it('keeps "0x10" in JSON lines as text, for the schema to refuse, never as 16', () => {
		expect(linesFromJson([{ sku: 'A', unit_price: '0x10', ordered_qty: '0x10' }])).toEqual({ ok: true, lines: [{ sku: 'A', unit_price: '0x10', ordered_qty: '0x10' }] });
	});

	it('refuses a JSON line with an empty sku and a quantity, as the form refuses a product line without a product', () => {
		const form = linesFromRows([{ lineType: 'product', sku: '', quantity: 3 }]);
		const json = linesFromJson([{ description: 'ok' }, { sku: '', ordered_qty: 3 }, { sku: '  ', ordered_qty: '2' }]);
		expect(form.ok).toBe(false);
		expect(json.ok).toBe(false);
		if (!form.ok && !json.ok) {
			expect(json.problems).toEqual([
				{ path: ['details', 1, 'sku'], message: form.problems[0].message },
				{ path: ['details', 2, 'sku'], message: form.problems[0].message },
			]);
		}
	});

	it('lets a JSON comment line carry the quantity 0 a comment line has anyway', () => {
		expect(linesFromJson([{ sku: '', description: 'Note', ordered_qty: 0 }])).toEqual({ ok: true, lines: [{ description: 'Note', ordered_qty: 0 }] });
	});
});
