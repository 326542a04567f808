/**
 * The sandbox's clock. Tests freeze and move it, so several records can share one `modified_at` second
 * and a change can be given an older timestamp; `npm run sandbox` and the end-to-end suite let it follow
 * real time.
 */
export class Clock {
	private base: number;
	private realStart: number | undefined;

	constructor(start: string | Date = '2026-03-02T09:00:00-05:00', realTime = false) {
		this.base = new Date(start).getTime();
		this.realStart = realTime ? Date.now() : undefined;
	}

	/** Now, to the millisecond (timestamps use whole seconds, see `seconds`). */
	now(): Date {
		return new Date(this.base + (this.realStart === undefined ? 0 : Date.now() - this.realStart));
	}

	/** Now, rounded down to the second as ExoConnect stores it. */
	seconds(): number {
		return Math.floor(this.now().getTime() / 1000) * 1000;
	}

	/** Now as ExoConnect writes it: `2026-03-02T09:00:00-05:00`. */
	iso(): string {
		return isoWithOffset(this.seconds());
	}

	isRealTime(): boolean {
		return this.realStart !== undefined;
	}

	set(at: string | Date): void {
		const ms = new Date(at).getTime();
		if (Number.isNaN(ms)) throw new Error(`not a date: ${String(at)}`);
		this.base = ms;
		if (this.realStart !== undefined) this.realStart = Date.now();
	}

	advance(seconds: number): void {
		this.base += seconds * 1000;
	}

	freeze(): void {
		this.base = this.now().getTime();
		this.realStart = undefined;
	}

	useRealTime(): void {
		this.base = this.now().getTime();
		this.realStart = Date.now();
	}
}

const OFFSET_MINUTES = -5 * 60;

/** `2026-03-05T11:20:00-05:00`: ExoConnect's format (Eastern standard time offset). */
export function isoWithOffset(ms: number): string {
	const local = new Date(ms + OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
	return `${local}-05:00`;
}

/** `2026-03-05` in the company's time zone. */
export function localDate(ms: number): string {
	return isoWithOffset(ms).slice(0, 10);
}
