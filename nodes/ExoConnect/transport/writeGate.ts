/**
 * One gate per run (its session, session.ts) that every request passes before it is sent. A 429's Retry-After closes it
 * for everyone: with several records written at once, the relay's "slow down" is about the client, so
 * every writer waits, not only the one that was told (the others would only collect 429s of their own).
 * It waits with n8n's `sleep`, never a timer of its own. It also holds the run's limit of requests in
 * flight (Parallel Writes): items are prepared further ahead than that, and each request takes a slot only
 * while it is on the wire. Once an item failed in a run that stops on errors, it lets no new write through:
 * the writes already sent finish, and the error can name every record the run wrote.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/** A write the gate held back because the run is stopping: the item wrote nothing and counts as not started. */
export class WriteNotStarted extends NodeOperationError {
	constructor(node: INode) {
		super(node, 'The run stopped before this write was sent');
	}
}

export class RequestGate {
	private openAt = 0;
	private limit = Number.POSITIVE_INFINITY;
	private active = 0;
	private readonly waiting: Array<() => void> = [];
	private writesStopped = false;

	/** From now on no new write is sent (an item failed and the run stops); writes on the wire finish. */
	stopWrites(): void {
		this.writesStopped = true;
	}

	/** Whether writes are stopped: asked right before a write is first sent. */
	stopped(): boolean {
		return this.writesStopped;
	}

	/** At most `count` requests of the run in flight from now on. */
	limitTo(count: number): void {
		this.limit = Math.max(1, count);
	}

	/** Waits for a free slot; every call is followed by one release(). */
	async acquire(): Promise<void> {
		if (this.active < this.limit) {
			this.active++;
			return;
		}
		// the slot is handed over by release(), in the order the requests asked for one
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}

	/**
	 * Waits until the gate is open and a slot is free; every call is followed by one release(). A request that
	 * got its slot while a Retry-After closed the gate gives it back and waits too.
	 */
	async enter(): Promise<void> {
		for (;;) {
			await this.pass();
			await this.acquire();
			if (this.remainingMs() === 0) return;
			this.release();
		}
	}

	/** Requests on the wire now. */
	inFlight(): number {
		return this.active;
	}

	/** Waits until the gate is open; the gate may be closed again while waiting. */
	async pass(): Promise<void> {
		for (let wait = this.openAt - Date.now(); wait > 0; wait = this.openAt - Date.now()) await sleep(wait);
	}

	/** Keeps every request waiting for `ms` from now (a longer closing already in force stays). */
	closeFor(ms: number): void {
		this.openAt = Math.max(this.openAt, Date.now() + ms);
	}

	/** Milliseconds until the gate opens (0 when open). */
	remainingMs(): number {
		return Math.max(0, this.openAt - Date.now());
	}
}
