/** ExoConnect's timestamps: one-second resolution, ISO-8601 with the company's offset (contract §1). */

/** Montreal in winter: every model timestamp carries it, so a client that drops offsets is caught. */
export const COMPANY_OFFSET_MINUTES = -300;

/** The whole second at or before `ms`. */
export const wholeSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** `2026-03-02T10:00:00-05:00` for an instant (truncated to its second). */
export function iso(ms: number, offsetMinutes = COMPANY_OFFSET_MINUTES): string {
	const local = new Date(wholeSecond(ms) + offsetMinutes * 60_000).toISOString().slice(0, 19);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant from a timestamp a client sent; NaN when unreadable. */
export const parseInstant = (text: unknown): number => (typeof text === 'string' ? Date.parse(text) : NaN);
