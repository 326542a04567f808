/** What users type or map in: blank values, and decimal numbers written as text (with a dot or a comma). */

/** Nothing there: absent, null, or only spaces. Such a value is never sent. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A comma followed by exactly three digits ("1,234"): an en-US thousands separator (1234) as much as a
 * French decimal comma (1.234). The node never guesses which.
 */
export function isAmbiguousDecimal(text: string): boolean {
	return /^-?\d+,\d{3}$/.test(text.trim());
}

/** What the node says of an ambiguous number (see isAmbiguousDecimal). */
export function ambiguousDecimalMessage(text: string): string {
	const [whole, part] = text.trim().split(',');
	return `"${text.trim()}" is ambiguous: a comma followed by three digits may separate thousands (${whole}${part}) or decimals (${whole}.${part}); write it without the comma or with a dot`;
}

/**
 * The one decimal parser: "12.50", "12,50" or " -3 " as a number; undefined for anything else: "0x10",
 * "1e3", "" and the ambiguous "1,234" (see isAmbiguousDecimal) are refused rather than guessed.
 */
export function decimalFromText(text: string): number | undefined {
	if (isAmbiguousDecimal(text)) return undefined;
	const normalised = text.trim().replace(',', '.');
	return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : undefined;
}

/**
 * The code a record picker holds. A resource locator saves `{__rl, mode, value}`; workflows saved before the
 * pickers were locators hold the code as a plain string, and still work.
 */
export function locatorValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
		return (value as { value: unknown }).value;
	}
	return value;
}

/** JSON that users give (Custom Fields, JSON fields) nests at most this deep: ExoConnect's records nest a few levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * The path (keys and indexes) to the first value nested deeper than `max` levels, or undefined. Walked
 * without recursion: a value nested thousands of levels deep is what it is checked for, and a recursive
 * walk (JSON.stringify's included) would overflow the stack on it.
 */
export function tooDeep(value: unknown, max: number = MAX_JSON_DEPTH): Array<string | number> | undefined {
	const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
	const seen = new Set<object>();
	while (stack.length) {
		const { value: current, path } = stack.pop() as { value: unknown; path: Array<string | number> };
		if (current === null || typeof current !== 'object' || seen.has(current)) continue;
		if (path.length >= max) return path;
		seen.add(current);
		const entries: Array<[string | number, unknown]> = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
		for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
	}
	return undefined;
}
