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
