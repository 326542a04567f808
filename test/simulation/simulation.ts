/**
 * One simulated history: the model's ExoConnect, the simulated clock and n8n around the real trigger. The
 * commands of commands.ts call the methods below; `finish` lets the trigger catch up with no fault, then
 * oracle.ts judges everything that was emitted.
 */
import type fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';

import type { FeedReadings } from '../model';
import { RecordStore, iso } from '../model';
import type { N8nVersion, PollLog, PollPlan } from './host';
import { forgetLeases } from '../../nodes/ExoConnect/trigger/lease';
import { N8nHost } from './host';
import { SimulatedExo } from './simulatedExo';
import { VirtualTime } from './virtualTime';

/** 2026-03-02 10:00:00 in Montreal: every history starts there (plus a few seconds of its own). */
export const T0 = Date.parse('2026-03-02T15:00:00Z');

export interface TriggerOptions {
	entity: string;
	events: string[];
	includeRecord: boolean;
	startFrom: 'now' | 'date' | 'everything';
	/** Start Date, seconds from T0 (may be before it) */
	startDateS: number;
	maxChanges: number;
	windowS: number;
}

export interface HistorySetup {
	n8n: N8nVersion;
	readings: FeedReadings;
	/** ExoConnect's clock minus n8n's, ms */
	skewMs: number;
	/** whether a slow status answer tells the server's time on arrival (else when it answers) */
	clockAtArrival?: boolean;
	/** records of each watched entity before the trigger's first poll */
	existing: number;
	options: TriggerOptions;
}

/** The entities a history watches: two of the updates helper, two extracts. */
export const ENTITIES = ['customers', 'products', 'customer_payments', 'supplier_invoices'] as const;

export function parametersOf(options: TriggerOptions): INodeParameters {
	return {
		entity: options.entity,
		events: options.events,
		includeRecord: options.includeRecord,
		startFrom: options.startFrom,
		...(options.startFrom === 'date' ? { startDate: iso(T0 + options.startDateS * 1000) } : {}),
		options: { maxChanges: options.maxChanges, lateChangeWindow: options.windowS },
	};
}

export class Simulation {
	readonly time = new VirtualTime(T0);
	readonly store = new RecordStore();
	readonly exo: SimulatedExo;
	readonly host: N8nHost;
	options: TriggerOptions;
	/** polls of the final catch-up, where no fault is injected */
	readonly drainPolls: number[] = [];
	private codes = 0;

	constructor(readonly setup: HistorySetup) {
		this.exo = new SimulatedExo(this.store, this.time, setup.readings, setup.skewMs);
		this.exo.clockAtArrival = setup.clockAtArrival === true;
		this.options = { ...setup.options };
		this.host = new N8nHost(setup.n8n, this.exo, parametersOf(this.options));
		// the trigger's lease lives in the process's memory: a restart (and a new history) starts without any
		forgetLeases();
		this.host.onRestart = forgetLeases;
		for (const entity of ENTITIES) {
			for (let i = 0; i < setup.existing; i++) this.write(entity, 'create', 0, 0, -3600 + i);
		}
	}

	/** ExoConnect's clock */
	now(): number {
		return this.exo.serverNow();
	}

	/**
	 * One write on the server: `lag` seconds late (it carries a time `lag` seconds ago and becomes visible
	 * now); `pick` chooses the record among the live ones. `shiftS` dates it (only for the records before).
	 */
	write(entity: string, op: 'create' | 'update' | 'delete', pick: number, lag: number, shiftS = 0): void {
		const now = this.now() + shiftS * 1000;
		const time = { at: now - lag * 1000, commitAt: now };
		if (op === 'create') {
			this.codes++;
			this.store.create(entity, { code: `C${this.codes}`, description: `Record ${this.codes}` }, time);
			return;
		}
		const live = this.store.visible(entity, Number.POSITIVE_INFINITY).filter((r) => !r.deleted);
		if (live.length === 0) return;
		const target = live[pick % live.length];
		// a late change never carries a time before the record's current one
		const at = Math.max(time.at, target.modifiedAt);
		if (op === 'update') this.store.update(entity, target.id, { description: `Edit ${this.codes++}` }, { at, commitAt: now });
		else this.store.remove(entity, target.id, { at, commitAt: now });
	}

	setOptions(change: Partial<TriggerOptions>): void {
		this.options = { ...this.options, ...change };
		this.host.params = parametersOf(this.options);
	}

	async advance(seconds: number): Promise<void> {
		this.time.install();
		try {
			await this.time.advance(seconds * 1000);
		} finally {
			this.time.uninstall();
		}
	}

	async poll(plan: PollPlan): Promise<PollLog> {
		this.time.install();
		try {
			const running = this.host.startPoll(plan);
			await this.time.drive([running]);
			return await running;
		} finally {
			this.time.uninstall();
		}
	}

	/**
	 * Two polls of the same trigger: the second starts `gapS` seconds after the first (n8n 2.x runs it even
	 * while the first still runs); the fast-check scheduler decides the order in which answers come back.
	 * `restartAtS`: n8n restarts that many seconds after the first started, killing what still runs.
	 */
	async overlap(first: PollPlan, second: PollPlan, gapS: number, scheduler: fc.Scheduler, restartAtS?: number): Promise<void> {
		this.time.install();
		try {
			const hold = <T>(p: Promise<T>, label: string) => scheduler.schedule(p, label);
			const runs: Array<Promise<unknown>> = [this.host.startPoll(first, hold)];
			runs.push(
				new Promise<void>((resolve) => {
					this.time.later(gapS * 1000, () => void this.host.startPoll(second, hold).then(() => resolve()));
				}),
			);
			if (restartAtS !== undefined) this.time.later(restartAtS * 1000, () => this.host.restart());
			await this.time.drive(runs, scheduler);
		} finally {
			this.time.uninstall();
		}
	}

	restart(): void {
		this.host.restart();
	}

	/**
	 * The catch-up: no more writes or faults, polls a minute apart until the trigger has been quiet for
	 * longer than the largest window (so every late change it can still recover was recovered).
	 */
	async finish(): Promise<void> {
		// enough polls for every change at one per poll (Max Changes 1), and the quiet time after them
		let changes = 0;
		for (const record of this.store.all(this.options.entity)) changes += record.versions.length;
		const walk = Math.ceil(changes / Math.max(1, Math.min(this.options.maxChanges, 500)));
		const maxPolls = 40 + walk;
		// the user corrected the Base URL; a record that keeps failing still does
		this.exo.wrongBaseUrl = false;
		let quietSince = this.now();
		for (let i = 0; i < maxPolls; i++) {
			// quiet: nothing emitted and no change the feeds had not shown before, once there were polls enough to
			// walk every change at Max Changes per poll (a reread may have shown changes the walk has not reached)
			const shownBefore = this.exo.shown.size;
			const log = await this.poll({ faults: [] });
			this.drainPolls.push(log.no);
			if (log.emitted > 0 || log.error || this.exo.shown.size > shownBefore) quietSince = this.now();
			else if (this.now() - quietSince > 700_000 && i > walk) return;
			await this.advance(60);
		}
	}
}
