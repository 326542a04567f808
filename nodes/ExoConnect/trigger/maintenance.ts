/**
 * Acomba's SDK maintenance windows (contract §8.2): while an enabled window is open ExoConnect answers 503
 * anyway, so a poll that falls inside one is skipped without error. The windows are read with ExoConnect's
 * clock (once an hour, see poll.ts) and kept in the state; their times are the company's local times.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { routes } from '../catalog';
import { apiRequest, noRetries } from '../transport';

export interface StoredWindow {
	name: string;
	/** the company's UTC offset in minutes, as the window's own timestamp gives it */
	zone?: number;
	days: string[];
	/** "HH:MM", the company's local time */
	start: string;
	end: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The enabled windows, or undefined when they cannot be read (the previous ones are then kept). */
export async function readWindows(ctx: IPollFunctions): Promise<StoredWindow[] | undefined> {
	try {
		const answer = await apiRequest<{ items?: IDataObject[] }>(ctx, { method: 'GET', route: routes.sdkWindows }, noRetries);
		return (answer.items ?? [])
			.filter((w) => w.enabled === true && /^\d{2}:\d{2}$/.test(String(w.start_time)) && /^\d{2}:\d{2}$/.test(String(w.end_time)))
			.map((w) => ({
				name: String(w.window_name ?? ''),
				zone: zoneMinutesOf(typeof w.updated_at === 'string' ? w.updated_at : undefined),
				days: Array.isArray(w.days_of_week) ? w.days_of_week.map((d) => String(d).slice(0, 3).toLowerCase()) : DAYS,
				start: String(w.start_time),
				end: String(w.end_time),
			}));
	} catch {
		return undefined;
	}
}

/**
 * The window open at `serverMs` (ExoConnect's clock), if any, in the company's time: `zoneMinutes` from UTC
 * as the status answer gave it, else as the window's own timestamp does.
 */
export function openWindow(windows: StoredWindow[] | undefined, serverMs: number, zoneMinutes: number | undefined): StoredWindow | undefined {
	return (windows ?? []).find((w) => {
		const zone = zoneMinutes ?? w.zone;
		if (zone === undefined) return false;
		const local = new Date(serverMs + zone * 60_000);
		const day = DAYS[local.getUTCDay()];
		const yesterday = DAYS[(local.getUTCDay() + 6) % 7];
		const now = local.getUTCHours() * 60 + local.getUTCMinutes();
		const [start, end] = [minutesOf(w.start), minutesOf(w.end)];
		if (start <= end) return w.days.includes(day) && now >= start && now < end;
		// a window across midnight: the evening of its day, or the morning after
		return (w.days.includes(day) && now >= start) || (w.days.includes(yesterday) && now < end);
	});
}

/** Minutes east of UTC of a timestamp's own offset (`…-05:00` → -300), if it has one. */
export function zoneMinutesOf(timestamp: string | undefined): number | undefined {
	const match = /([+-])(\d{2}):?(\d{2})$/.exec(timestamp ?? '');
	if (!match) return /Z$/i.test(timestamp ?? '') ? 0 : undefined;
	return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
