/**
 * SDK maintenance windows (contract §8.2): one window, disabled by default. While an enabled window is open
 * (in the company's time zone) the API answers 503, except the windows route itself (§2, §8.2).
 */
import { isoWithOffset } from '../clock';
import type { Clock } from '../clock';
import type { Json } from '../store';
import { ORGANISATION_ID } from './book';

export interface SdkWindow {
	window_name: string;
	enabled: boolean;
	days_of_week: string[];
	/** "HH:MM", company time */
	start_time: string;
	end_time: string;
	reason: string;
	updated_at: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export class SdkWindows {
	private window!: SdkWindow;

	constructor(private readonly clock: Clock) {
		this.reset();
	}

	reset(): void {
		this.window = {
			window_name: 'Sauvegarde nocturne',
			enabled: false,
			days_of_week: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
			start_time: '02:00',
			end_time: '03:00',
			reason: 'Sauvegarde de la base de données Acomba',
			updated_at: isoWithOffset(this.clock.seconds() - 30 * 86_400_000),
		};
	}

	/** Changes the window (sandbox control); `open_now` makes it enabled and open for the next hour. */
	change(patch: Json): SdkWindow {
		const next: SdkWindow = { ...this.window };
		for (const key of ['window_name', 'start_time', 'end_time', 'reason'] as const) if (typeof patch[key] === 'string') next[key] = patch[key] as string;
		if (typeof patch.enabled === 'boolean') next.enabled = patch.enabled;
		if (Array.isArray(patch.days_of_week)) next.days_of_week = patch.days_of_week.map(String);
		if (patch.open_now === true) {
			const local = isoWithOffset(this.clock.seconds());
			const hour = Number(local.slice(11, 13));
			next.enabled = true;
			next.days_of_week = [this.localDay()];
			next.start_time = `${String(hour).padStart(2, '0')}:00`;
			next.end_time = `${String(hour + 1).padStart(2, '0')}:00`;
		}
		for (const key of ['start_time', 'end_time'] as const) {
			if (!/^([01]\d|2[0-4]):[0-5]\d$/.test(next[key])) throw new Error(`${key} must be HH:MM, got "${next[key]}"`);
		}
		next.updated_at = isoWithOffset(this.clock.seconds());
		this.window = next;
		return next;
	}

	private localDay(): string {
		const local = isoWithOffset(this.clock.seconds());
		return DAYS[new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay()];
	}

	/** Seconds until the open window closes, or undefined when no enabled window is open now. */
	openFor(): number | undefined {
		const w = this.window;
		if (!w.enabled || !w.days_of_week.includes(this.localDay())) return undefined;
		const local = isoWithOffset(this.clock.seconds());
		const minutes = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
		const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
		const [start, end] = [toMinutes(w.start_time), toMinutes(w.end_time)];
		if (minutes < start || minutes >= end) return undefined;
		return (end - minutes) * 60 - Number(local.slice(17, 19));
	}

	/** `GET /system/sdk/windows[?organisation_id=]`: another organisation has no window here. */
	answer(organisationId: string | undefined): Json {
		const mine = organisationId === undefined || organisationId === '' || organisationId === ORGANISATION_ID;
		return { organisation_id: mine ? ORGANISATION_ID : organisationId, items: mine ? [{ ...this.window }] : [] };
	}
}
