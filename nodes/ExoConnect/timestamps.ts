/**
 * Dates the user types are wall-clock times of the workflow's time zone; the API wants instants with an
 * explicit offset (contract §1). A value that already carries an offset (or Z) keeps its instant.
 */

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Minutes the zone is ahead of UTC at the instant `utcMs` (-300 for Montreal in winter). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wallAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((wallAsUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const two = (n: number) => String(Math.abs(n)).padStart(2, '0');

function offsetText(minutes: number): string {
	return `${minutes < 0 ? '-' : '+'}${two(Math.trunc(minutes / 60))}:${two(minutes % 60)}`;
}

/** The timestamp moved by whole seconds, written with its own offset (`Z` when it has none). */
export function secondsLater(timestamp: string, seconds: number): string {
	const match = /([+-])(\d{2}):?(\d{2})$/.exec(timestamp);
	const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
	const wall = new Date(Math.floor(Date.parse(timestamp) / 1000) * 1000 + seconds * 1000 + offset * 60_000).toISOString().slice(0, 19);
	return `${wall}${match ? offsetText(offset) : 'Z'}`;
}

/** `2026-03-05T11:20:00-05:00`: the instant as the zone's wall time with its offset. */
export function formatInZone(utcMs: number, timeZone: string): string {
	const offset = zoneOffsetMinutes(timeZone, utcMs);
	const wall = new Date(Math.floor(utcMs / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
	return `${wall}${offsetText(offset)}`;
}

function validZone(timeZone: string | undefined): string {
	try {
		if (timeZone) {
			new Intl.DateTimeFormat('en-US', { timeZone });
			return timeZone;
		}
	} catch {
		// an unknown zone name: UTC rather than n8n's process zone, so the result never depends on the host
	}
	return 'UTC';
}

/**
 * The instant a user's date means, with an explicit offset; undefined when it is not a date. Accepts what
 * n8n hands over: the date picker's `2026-03-05T00:00:00`, a day `2026-03-05`, an ISO string with an offset,
 * a JS Date, or a Luxon DateTime from an expression such as `{{ $now.minus(1, 'day') }}`.
 */
export function instantInZone(value: unknown, timeZone: string | undefined): string | undefined {
	const zone = validZone(timeZone);
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatInZone(value.getTime(), zone);
	const luxon = value as { toISO?: () => string | null } | null;
	const text = typeof luxon?.toISO === 'function' ? luxon.toISO() : typeof value === 'string' ? value.trim() : undefined;
	if (!text) return undefined;
	const wall = WALL_TIME.exec(text);
	if (wall && !HAS_ZONE.test(text)) {
		const [, y, mo, d, h = '0', mi = '0', s = '0'] = wall;
		const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
		if (Number.isNaN(wallAsUtc)) return undefined;
		// the zone's offset at that wall time (checked once more across a DST change)
		let utc = wallAsUtc - zoneOffsetMinutes(zone, wallAsUtc) * 60_000;
		utc = wallAsUtc - zoneOffsetMinutes(zone, utc) * 60_000;
		return formatInZone(utc, zone);
	}
	// anything else must say its own offset: a bare text would be read in n8n's process zone
	const ms = HAS_ZONE.test(text) ? Date.parse(text) : NaN;
	return Number.isNaN(ms) ? undefined : formatInZone(ms, zone);
}
