/**
 * One poll at a time per trigger. n8n 2.x starts a poll even while the previous one of the same node is
 * still running (and loads the node's static data afresh for each), so two polls could read the same
 * cursor and emit the same changes. Polls run in one n8n process (the main, also in queue mode), so the
 * lease lives in that process's memory, keyed by workflow and node. It expires with the poll's time budget:
 * a poll that never ends blocks the trigger no longer than that, and a poll that lost its lease commits
 * nothing (see poll.ts).
 */
interface Held {
	token: number;
	until: number;
}

export interface Lease {
	key: string;
	token: number;
}

const held = new Map<string, Held>();
let lastToken = 0;

/** The lease of `key` for `ms`, or undefined while another poll holds it. */
export function takeLease(key: string, now: number, ms: number): Lease | undefined {
	const current = held.get(key);
	if (current && current.until > now) return undefined;
	const lease = { key, token: ++lastToken };
	held.set(key, { token: lease.token, until: now + ms });
	return lease;
}

/** Whether no other poll took the lease over since (it may have expired, but nobody read the cursor after it). */
export function stillHolds(lease: Lease): boolean {
	return held.get(lease.key)?.token === lease.token;
}

export function releaseLease(lease: Lease): void {
	if (stillHolds(lease)) held.delete(lease.key);
}

/** Forgets every lease, as a restarted n8n starts without any (for tests that simulate a restart). */
export function forgetLeases(): void {
	held.clear();
}
