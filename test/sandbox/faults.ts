/** Fault injection per route: latency, an HTTP error (429 with Retry-After, 503, 500…) or a dropped connection. */
export interface FaultRule {
	method?: string;
	/** a path (the rule also matches below it) or a RegExp, on the path without the relay prefix */
	path: string | RegExp;
	/** how many matching requests the fault hits (default 1; Infinity for all) */
	times?: number;
	/** let this many matching requests through first */
	afterMatches?: number;
	kind: 'status' | 'latency' | 'drop';
	status?: number;
	retryAfter?: string | number;
	detail?: string;
	latencyMs?: number;
}

interface ActiveRule extends FaultRule {
	remaining: number;
	toSkip: number;
}

export class Faults {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		this.rules.push({ ...rule, remaining: rule.times ?? 1, toSkip: rule.afterMatches ?? 0 });
	}

	clear(): void {
		this.rules = [];
	}

	/** The fault this request runs into, if any; counts it. */
	take(method: string, path: string): FaultRule | undefined {
		for (const rule of this.rules) {
			if (rule.remaining <= 0) continue;
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			const matches =
				rule.path instanceof RegExp ? rule.path.test(path) : path === rule.path || path.startsWith(`${rule.path}/`);
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
