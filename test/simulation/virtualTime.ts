/* eslint-disable @n8n/community-nodes/no-restricted-globals -- the simulated clock replaces the process's own timers while a history runs */
/**
 * A simulated clock for the whole process while a history runs: `Date.now`, `setTimeout` and `clearTimeout`
 * answer from it, so the trigger's retries, Retry-After waits, time budget and the slow answers of the
 * simulated ExoConnect take no real time and happen in an order the seed alone decides.
 *
 * `drive` runs promises to completion: it lets every pending callback run (one real macrotask turn), then
 * either lets the fast-check scheduler release one answer it holds, or jumps the clock to the next timer.
 */
import type fc from 'fast-check';

interface Timer {
	at: number;
	seq: number;
	run: () => void;
	cancelled: boolean;
	ref(): Timer;
	unref(): Timer;
	hasRef(): boolean;
	[Symbol.toPrimitive](): number;
}

const realSetImmediate = setImmediate;
const turn = () => new Promise<void>((resolve) => realSetImmediate(resolve));

export class DeadlockError extends Error {}

export class VirtualTime {
	private timers: Timer[] = [];
	private seq = 0;
	private saved?: { now: typeof Date.now; setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };

	constructor(public now: number) {}

	install(): void {
		if (this.saved) return;
		this.saved = { now: Date.now, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
		Date.now = () => this.now;
		globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => this.later(ms ?? 0, () => fn(...args))) as unknown as typeof setTimeout;
		globalThis.clearTimeout = ((timer: Timer | undefined) => {
			if (timer && typeof timer === 'object') timer.cancelled = true;
		}) as typeof clearTimeout;
	}

	uninstall(): void {
		if (!this.saved) return;
		Date.now = this.saved.now;
		globalThis.setTimeout = this.saved.setTimeout;
		globalThis.clearTimeout = this.saved.clearTimeout;
		this.saved = undefined;
	}

	later(ms: number, run: () => void): Timer {
		const timer: Timer = {
			at: this.now + Math.max(0, Number(ms) || 0),
			seq: ++this.seq,
			run,
			cancelled: false,
			ref: () => timer,
			unref: () => timer,
			hasRef: () => true,
			[Symbol.toPrimitive]: () => timer.seq,
		};
		this.timers.push(timer);
		return timer;
	}

	/** A promise resolved when the simulated clock reaches now + ms. */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => this.later(ms, resolve));
	}

	private nextTimer(until = Number.POSITIVE_INFINITY): Timer | undefined {
		this.timers = this.timers.filter((t) => !t.cancelled);
		let next: Timer | undefined;
		for (const t of this.timers) if (t.at <= until && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
		return next;
	}

	private fire(timer: Timer): void {
		this.timers = this.timers.filter((t) => t !== timer);
		this.now = Math.max(this.now, timer.at);
		timer.run();
	}

	/** Moves the clock forward, running every timer due on the way, in order. */
	async advance(ms: number): Promise<void> {
		const target = this.now + ms;
		for (;;) {
			await turn();
			const next = this.nextTimer(target);
			if (!next) break;
			this.fire(next);
		}
		this.now = Math.max(this.now, target);
		await turn();
	}

	/** Runs until every promise settled; a wait on nothing at all is a deadlock. */
	async drive(promises: Array<Promise<unknown>>, scheduler?: fc.Scheduler, maxSteps = 100_000): Promise<void> {
		let settled = 0;
		for (const p of promises) p.then(() => settled++, () => settled++);
		for (let step = 0; step < maxSteps; step++) {
			await turn();
			if (settled === promises.length) return;
			if (scheduler && scheduler.count() > 0) {
				await scheduler.waitOne();
				continue;
			}
			const next = this.nextTimer();
			if (!next) throw new DeadlockError('the polls wait on nothing: no answer, no timer (a deadlock)');
			this.fire(next);
		}
		throw new DeadlockError(`the polls did not end after ${maxSteps} steps of the simulated clock`);
	}
}
