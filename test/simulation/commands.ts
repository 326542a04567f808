/**
 * The steps of a history, as fast-check commands: writes on ExoConnect (bursts in one second, late commits),
 * time passing, polls meeting faults, overlapping polls, option edits and restarts. Each prints itself, so
 * a shrunk history reads as a script.
 */
import fc from 'fast-check';

import type { PollPlan } from './host';
import type { Fault } from './simulatedExo';
import type { HistorySetup, Simulation, TriggerOptions } from './simulation';
import { ENTITIES } from './simulation';

type Model = Record<string, never>;
type Cmd = fc.AsyncCommand<Model, Simulation>;

const describeFault = (f: Fault | undefined) => (f ? (f.kind === 'slow' ? `slow ${f.seconds}s` : f.kind === '429' || f.kind === '503' ? `${f.kind}${'retryAfter' in f && f.retryAfter !== undefined ? ` retry-after ${f.retryAfter}` : ''}` : f.kind === 'redirect' ? `redirect${f.offsite ? ' offsite' : ''}` : f.kind) : 'ok');
const describePlan = (p: PollPlan) => `[${p.faults.map(describeFault).join(', ')}]${p.budgetMs ? ` budget ${p.budgetMs / 1000}s` : ''}`;

const feedEvents = (entity: string, events: string[]) => {
	const extract = entity === 'customer_payments' || entity === 'supplier_invoices';
	const valid = events.filter((e) => (extract ? e === 'changed' || e === 'deleted' : e !== 'changed'));
	return valid.length ? valid : extract ? ['changed'] : ['created'];
};

export class Write implements Cmd {
	constructor(readonly op: 'create' | 'update' | 'delete', readonly count: number, readonly lag: number, readonly pick: number, readonly other: boolean) {}
	check = () => true;
	async run(_m: Model, sim: Simulation) {
		const entity = this.other ? (ENTITIES.find((e) => e !== sim.options.entity) as string) : sim.options.entity;
		for (let i = 0; i < this.count; i++) sim.write(entity, this.op, this.pick + i * 7, this.lag);
	}
	toString = () => `${this.op} ×${this.count}${this.lag ? ` committed ${this.lag}s late` : ''}${this.other ? ' (another entity)' : ''} pick ${this.pick}`;
}

export class Advance implements Cmd {
	constructor(readonly seconds: number) {}
	check = () => true;
	run = async (_m: Model, sim: Simulation) => await sim.advance(this.seconds);
	toString = () => `wait ${this.seconds}s`;
}

export class Poll implements Cmd {
	constructor(readonly plan: PollPlan) {}
	check = () => true;
	run = async (_m: Model, sim: Simulation) => void (await sim.poll(this.plan));
	toString = () => `poll ${describePlan(this.plan)}`;
}

export class Overlap implements Cmd {
	constructor(readonly first: PollPlan, readonly second: PollPlan, readonly gapS: number, readonly scheduler: fc.Scheduler, readonly restartAtS?: number) {}
	check = () => true;
	run = async (_m: Model, sim: Simulation) => await sim.overlap(this.first, this.second, this.gapS, this.scheduler, this.restartAtS);
	toString = () =>
		`overlapping polls ${describePlan(this.first)} and, ${this.gapS}s later, ${describePlan(this.second)}${this.restartAtS === undefined ? '' : `, n8n restarts at ${this.restartAtS}s`} ${this.scheduler.report().length ? `(answers in order: ${this.scheduler.report().map((t) => t.label).join(' | ')})` : ''}`;
}

export class Edit implements Cmd {
	constructor(readonly change: Partial<TriggerOptions>) {}
	check = () => true;
	// the editor offers only the Events of the entity's feed; switching the entity keeps the value (see defect 5)
	run = async (_m: Model, sim: Simulation) => sim.setOptions(this.change.events ? { events: feedEvents(sim.options.entity, this.change.events) } : this.change);
	toString = () => `edit ${JSON.stringify(this.change)}`;
}

export class Restart implements Cmd {
	check = () => true;
	run = async (_m: Model, sim: Simulation) => sim.restart();
	toString = () => 'restart n8n';
}

export class Persistent implements Cmd {
	constructor(readonly what: 'wrongBaseUrl' | 'brokenRecord', readonly on: boolean, readonly pick: number) {}
	check = () => true;
	async run(_m: Model, sim: Simulation) {
		if (this.what === 'wrongBaseUrl') sim.exo.wrongBaseUrl = this.on;
		else {
			const records = sim.store.all(sim.options.entity);
			if (records.length) sim.exo.brokenRecords.add(`${sim.options.entity}/${records[this.pick % records.length].id}`);
		}
	}
	toString = () => (this.what === 'wrongBaseUrl' ? `Base URL ${this.on ? 'wrong (HTML everywhere)' : 'corrected'}` : `record pick ${this.pick} answers 500 on every read by id`);
}

/** Parts of the generation a run may leave out, to look for a second defect while a first one is known. */
export type Without = 'overlap' | 'entity' | 'html' | 'restart' | 'broken' | 'late' | 'budget' | 'bulk' | 'slowclock';

export const faultArb: fc.Arbitrary<Fault | undefined> = fc.oneof(
	{ weight: 12, arbitrary: fc.constant(undefined) },
	fc.constant<Fault>({ kind: '500' }),
	fc.record({ kind: fc.constant('503' as const), retryAfter: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) }),
	fc.record({ kind: fc.constant('429' as const), retryAfter: fc.integer({ min: 1, max: 90 }) }),
	fc.constant<Fault>({ kind: 'timeout' }),
	fc.constant<Fault>({ kind: 'html' }),
	fc.record({ kind: fc.constant('redirect' as const), offsite: fc.boolean() }),
	{ weight: 3, arbitrary: fc.record({ kind: fc.constant('slow' as const), seconds: fc.integer({ min: 1, max: 150 }) }) },
);

export const planArb: fc.Arbitrary<PollPlan> = fc.record({
	faults: fc.array(faultArb, { maxLength: 6 }),
	budgetMs: fc.option(fc.constantFrom(10_000, 30_000, 120_000), { nil: undefined }),
});

const eventsArb = fc.subarray(['created', 'updated', 'deleted', 'changed'], { minLength: 1 });
export const windowArb = fc.constantFrom(0, 5, 30, 60, 60, 120, 600);
export const maxChangesArb = fc.constantFrom(1, 2, 3, 5, 500);

export const commandArbs = (without: Without[] = []): Array<fc.Arbitrary<Cmd>> => {
	const write =
	fc
		.tuple(fc.constantFrom('create', 'create', 'update', 'delete') as fc.Arbitrary<'create' | 'update' | 'delete'>, fc.integer({ min: 1, max: 8 }), fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 90 })), fc.nat(50), fc.nat(4))
		.map(([op, n, lag, pick, other]) => new Write(op, n, without.includes('late') ? 0 : lag, pick, other === 0));
	// a bulk import: more changes in one second than a page holds (500), so a reread needs several pages
	const bulk = fc.integer({ min: 501, max: 530 }).map((n) => new Write('create', n, 0, 0, false));
	const advance = fc.constantFrom(0, 1, 1, 2, 5, 20, 59, 60, 61, 120, 400).map((s) => new Advance(s));
	const poll = planArb.map((p) => new Poll(trim(p, without)));
	return [
	without.includes('bulk') ? write : fc.oneof({ weight: 1, arbitrary: bulk }, { weight: 14, arbitrary: write }),
	write,
	write,
	advance,
	advance,
	poll,
	poll,
	poll,
	fc
		.tuple(planArb, planArb, fc.constantFrom(0, 1, 30, 60), fc.scheduler(), fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined, freq: 5 }))
		.map(([a, b, gap, s, restart]) =>
			without.includes('overlap') ? new Poll(trim(a, without)) : new Overlap(trim(a, without), trim(b, without), gap, s, without.includes('restart') ? undefined : restart),
		),
	fc
		.oneof(
			eventsArb.map((events) => ({ events })),
			maxChangesArb.map((maxChanges) => ({ maxChanges })),
			windowArb.map((windowS) => ({ windowS })),
			fc.boolean().map((includeRecord) => ({ includeRecord })),
			fc.record({ startFrom: fc.constantFrom('now', 'date', 'everything') as fc.Arbitrary<TriggerOptions['startFrom']>, startDateS: fc.integer({ min: -120, max: 300 }) }),
			fc.constantFrom(...ENTITIES).map((entity) => ({ entity })),
		)
		.map((change) => new Edit(without.includes('entity') && 'entity' in change ? {} : change)),
	fc.constant(without.includes('restart') ? new Advance(1) : new Restart()),
	fc
		.tuple(fc.constantFrom('wrongBaseUrl', 'brokenRecord') as fc.Arbitrary<'wrongBaseUrl' | 'brokenRecord'>, fc.boolean(), fc.nat(50))
		.map(([w, on, pick]) => (without.includes(w === 'wrongBaseUrl' ? 'html' : 'broken') ? new Advance(1) : new Persistent(w, on, pick))),
	];
};

function trim(plan: PollPlan, without: Without[]): PollPlan {
	return {
		faults: plan.faults.map((f) => (f?.kind === 'html' && without.includes('html') ? undefined : f)),
		budgetMs: without.includes('budget') ? undefined : plan.budgetMs,
	};
}

export const setupArb = (without: Without[] = []): fc.Arbitrary<HistorySetup> => fc
	.record({
		clockAtArrival: without.includes('slowclock') ? fc.constant(true) : fc.boolean(),
		n8n: fc.constantFrom('2.x', '1.123') as fc.Arbitrary<HistorySetup['n8n']>,
		readings: fc.record({ created: fc.constantFrom('since', 'cursor') as fc.Arbitrary<'since' | 'cursor'>, missingId: fc.constantFrom('atOrAfter', 'after') as fc.Arbitrary<'atOrAfter' | 'after'> }),
		skewMs: fc.constantFrom(0, 0, 1500, -2500, 700),
		existing: fc.constantFrom(0, 2, 6),
		entity: fc.constantFrom(...ENTITIES),
		events: eventsArb,
		includeRecord: fc.boolean(),
		startFrom: fc.constantFrom('now', 'date', 'everything') as fc.Arbitrary<TriggerOptions['startFrom']>,
		startDateS: fc.integer({ min: -120, max: 300 }),
		maxChanges: maxChangesArb,
		windowS: windowArb,
	})
	.map((r) => ({
		clockAtArrival: r.clockAtArrival,
		n8n: r.n8n,
		readings: r.readings,
		skewMs: r.skewMs,
		existing: r.existing,
		options: { entity: r.entity, events: feedEvents(r.entity, r.events), includeRecord: r.includeRecord, startFrom: r.startFrom, startDateS: r.startDateS, maxChanges: r.maxChanges, windowS: r.windowS },
	}));

export const historyArb = (replayPath?: string, without: Without[] = []) => fc.commands(commandArbs(without), { maxCommands: 40, replayPath });
