/**
 * One gate per node execution that every request passes before it is sent. A 429's Retry-After closes it
 * for everyone: with several records written at once, the relay's "slow down" is about the client, so
 * every writer waits, not only the one that was told (the others would only collect 429s of their own).
 * It waits with n8n's `sleep`, never a timer of its own.
 */
import { sleep } from 'n8n-workflow';

export class RequestGate {
	private openAt = 0;

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

const gates = new WeakMap<object, RequestGate>();

/** The gate of the execution `ctx` runs in: all items of one run share it. */
export function gateOf(ctx: object): RequestGate {
	let gate = gates.get(ctx);
	if (!gate) gates.set(ctx, (gate = new RequestGate()));
	return gate;
}
