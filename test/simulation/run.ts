/**
 * Runs simulated histories: `simulate({ seed, runs })` checks the oracle after each one and, on a
 * violation, throws with the seed, the shrunk history and the command that replays it.
 */
import fc from 'fast-check';

import type { Without } from './commands';
import { historyArb, setupArb } from './commands';
import type { Verdict } from './oracle';
import { judge } from './oracle';
import type { HistorySetup } from './simulation';
import { Simulation } from './simulation';

export interface Coverage {
	histories: number;
	polls: number;
	emissions: number;
	faults: Record<string, number>;
	misses: Record<string, number>;
	refusals: number;
	restarts: number;
	overlaps: number;
	n8n: Record<string, number>;
	readings: Record<string, number>;
}

export const emptyCoverage = (): Coverage => ({ histories: 0, polls: 0, emissions: 0, faults: {}, misses: {}, refusals: 0, restarts: 0, overlaps: 0, n8n: {}, readings: {} });

const add = (into: Record<string, number>, key: string, n = 1) => (into[key] = (into[key] ?? 0) + n);

/** One history: runs the commands, lets the trigger catch up, and judges it. */
export async function runHistory(
	setup: HistorySetup,
	commands: Iterable<fc.AsyncCommand<Record<string, never>, Simulation>>,
	coverage?: Coverage,
	trace?: (line: string) => void,
): Promise<Verdict> {
	const sim = new Simulation(setup);
	await fc.asyncModelRun(() => ({ model: {}, real: sim }), commands);
	await sim.finish();
	const verdict = judge(sim);
	if (trace) {
		for (const r of sim.exo.served) trace(`${new Date(r.at).toISOString()} ${r.kind} ${r.path} ${JSON.stringify(r.qs)}${r.fault ? ` FAULT ${JSON.stringify(r.fault)}` : ''}`);
		for (const p of sim.host.polls) trace(`poll ${JSON.stringify(p)}`);
		for (const e of sim.host.emissions) trace(`emitted ${JSON.stringify(e)}`);
		trace(`saved ${sim.host.saved ?? ''}`);
	}
	if (coverage) {
		coverage.histories++;
		coverage.polls += verdict.polls;
		coverage.emissions += verdict.emissions;
		coverage.refusals += verdict.refusals;
		for (const p of sim.host.polls) for (const f of p.faults) add(coverage.faults, `${f.fault.kind} on ${f.kind}`);
		for (const [reason, n] of Object.entries(verdict.misses)) add(coverage.misses, reason, n);
		coverage.restarts += sim.host.generation;
		coverage.overlaps += sim.host.polls.filter((p) => p.overlapped).length;
		add(coverage.n8n, setup.n8n);
		add(coverage.readings, `created judged on ${setup.readings.created}, since without id ${setup.readings.missingId}`);
	}
	return verdict;
}

export interface SimulateOptions {
	seed: number;
	runs: number;
	/** replays one failing case exactly (fast-check's path, printed with a failure) */
	path?: string;
	/** fast-check's replayPath of the commands, printed with a failure */
	replayPath?: string;
	/** oracle rules not checked (to look for a second defect while a first one is known) */
	skip?: string[];
	/** parts of the generation left out (see commands.ts) */
	without?: Without[];
	coverage?: Coverage;
	/** prints every request, poll and emission of each history (for one replayed history) */
	trace?: (line: string) => void;
}

export class SimulationFailure extends Error {}

export async function simulate(options: SimulateOptions): Promise<void> {
	const property = fc.asyncProperty(setupArb(options.without), historyArb(options.replayPath, options.without), async (setup, commands) => {
		const verdict = await runHistory(setup, commands, options.coverage, options.trace);
		const violations = verdict.violations.filter((v) => !options.skip?.includes(v.rule));
		if (violations.length) throw new Error(violations.map((v) => `  [${v.rule}] ${v.detail}`).join('\n'));
	});
	const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, path: options.path, endOnFailure: false });
	if (!details.failed) return;
	const [setup, commands] = (details.counterexample ?? []) as [HistorySetup, unknown];
	const replayPath = /replayPath="([^"]*)"/.exec(String(commands))?.[1];
	const replay = `npm run simulate -- --seed ${details.seed} --path ${details.counterexamplePath ?? ''}${replayPath ? ` --replay-path '${replayPath}'` : ''}${options.skip?.length ? ` --skip ${options.skip.join(',')}` : ''}${options.without?.length ? ` --without ${options.without.join(',')}` : ''}`;
	throw new SimulationFailure(
		[
			`The trigger broke its promise in a simulated history (seed ${details.seed}, after ${details.numRuns} histories, shrunk ${details.numShrinks} times).`,
			`Setup: ${JSON.stringify(setup)}`,
			`History: ${String(commands)}`,
			`Violations:`,
			String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance),
			`Replay: ${replay}`,
		].join('\n'),
	);
}
