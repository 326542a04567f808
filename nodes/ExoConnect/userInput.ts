/** What users type or map in: blank values, and decimal numbers written as text (with a dot or a comma). */

/** Nothing there: absent, null, or only spaces. Such a value is never sent. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** "12.50", "12,50" or " -3 " as a number; undefined for anything else. */
export function decimalFromText(text: string): number | undefined {
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
