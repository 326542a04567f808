/**
 * What the requests of one run share: the credential, read once, and the gate every request passes (the
 * Retry-After of a 429, the limit of Parallel Writes, the stop after a failure). The action node's router
 * opens one per run (actions/run/runContext.ts) and hands it to every call in the transport's options. A
 * call without one opens its own (a list, one for all its pages), so a trigger's poll or a list in the
 * editor reads the credential afresh (a key changed in n8n is used at once). Nothing is kept behind the caller.
 */
import type { ApiContext } from './context';
import type { CredentialRead } from './credentials';
import { readCredentials } from './credentials';
import { RequestGate } from './writeGate';

export class ApiSession {
	readonly gate = new RequestGate();
	private credential: Promise<CredentialRead> | undefined;

	constructor(private readonly ctx: ApiContext) {}

	/** The credential, read at the first request; the same promise for every later one (no allocation per request). */
	credentials(): Promise<CredentialRead> {
		if (this.credential) return this.credential;
		const reading = readCredentials(this.ctx);
		this.credential = reading;
		// a failed read (no credential chosen) is not remembered: each item says so
		reading.catch(() => {
			if (this.credential === reading) this.credential = undefined;
		});
		return reading;
	}
}

/** The session of one run of the action node, or of one call made outside a run. */
export function openSession(ctx: ApiContext): ApiSession {
	return new ApiSession(ctx);
}
