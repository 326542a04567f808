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
