/**
 * Fault injection per route: added latency, an HTTP error answered in place of the API (429 with
 * Retry-After, 503, 500…) or a dropped connection. A faulted request is logged and not processed.
 */
export interface FaultRule {
	method?: string;
	/**
	 * the path without the relay prefix and query: a string matches that path and every path below it
	 * (`/api/customers` also hits `/api/customers/by-code/X` and `/api/customers/terms`); a RegExp is tested
	 */
	path: string | RegExp;
	/** how many matching requests the fault hits (default 1; Infinity for all) */
	times?: number;
	/** let this many matching requests through first */
	afterMatches?: number;
	/** 'status': answer `status` with `{detail}`; 'latency': wait `latencyMs`, then answer normally; 'drop': close the socket */
	kind: 'status' | 'latency' | 'drop';
	/** default 503 */
	status?: number;
	/** sent as the Retry-After header */
	retryAfter?: string | number;
	detail?: string;
	/** default 1000 */
	latencyMs?: number;
}

interface ActiveRule extends FaultRule {
	remaining: number;
	toSkip: number;
}

const KINDS = ['status', 'latency', 'drop'];

/** A rule as JSON sends it (control route): `pathPattern` for a RegExp, `times: null | "Infinity"` for ever. */
export function ruleFromJson(body: Record<string, unknown>): FaultRule {
	const { pathPattern, times, ...rest } = body;
	const rule = { ...rest } as unknown as FaultRule;
	if (typeof pathPattern === 'string') rule.path = new RegExp(pathPattern);
	if (times === null || times === 'Infinity') rule.times = Infinity;
	else if (times !== undefined) rule.times = Number(times);
	return rule;
}

export class Faults {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		if (!KINDS.includes(rule.kind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
		if (typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) throw new Error('fault path must be a string or a RegExp');
		this.rules.push({ ...rule, remaining: rule.times ?? 1, toSkip: rule.afterMatches ?? 0 });
	}

	clear(): void {
		this.rules = [];
	}

	/** The rules still armed, for the control route. */
	pending(): Array<FaultRule & { remaining: number; toSkip: number }> {
		return this.rules.filter((r) => r.remaining > 0).map((r) => ({ ...r, path: r.path instanceof RegExp ? r.path.source : r.path }));
	}

	/** The fault this request runs into, if any; counts it. */
	take(method: string, path: string): FaultRule | undefined {
		for (const rule of this.rules) {
			if (rule.remaining <= 0) continue;
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			const matches =
				rule.path instanceof RegExp ? rule.path.test(path) : path === rule.path || path.startsWith(`${rule.path.replace(/\/+$/, '')}/`);
			if (!matches) continue;
			if (rule.toSkip > 0) {
				rule.toSkip--;
				continue;
			}
			rule.remaining--;
			return rule;
		}
		return undefined;
	}
}
