/**
 * n8n as the simulation models it around one ExoConnect Trigger: the node's parameters as the editor saved
 * them, and its static data as saved in the database and as a poll sees it:
 * - n8n 2.x runs each poll on a copy of the saved static data (its poll-cursor staging scope) and saves the
 *   copy after a poll that returns having changed it; overlapping polls each get their own copy;
 * - n8n 1.123 keeps one object in memory (shared by every poll of the active workflow) and saves it only
 *   after a poll that emits; a restart reloads the saved one.
 * Polls run the REAL trigger through n8n-core's PollContext; only the HTTP helper answers from the model.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { changeFeed, resourceByKey } from '../../nodes/ExoConnect/catalog';
import { createPollContext } from '../helpers/n8n';
import type { Fault, RequestKind, SimulatedExo } from './simulatedExo';
import { BASE_URL } from './simulatedExo';

export type N8nVersion = '2.x' | '1.123';

const trigger = new ExoConnectTrigger();
const credentials = { baseUrl: BASE_URL, apiKey: 'simulated-key' };

export interface Emission {
	poll: number;
	epoch: number;
	event: string;
	entity: string;
	id: number;
	modifiedAt: number;
	modified_at: string;
	hasRecord: boolean;
	warning?: unknown;
}

export interface PollLog {
	no: number;
	epoch: number;
	startedAt: number;
	endedAt?: number;
	entity: string;
	feed: 'updates' | 'extract';
	events: string[];
	windowS: number;
	emitted: number;
	error?: string;
	killed?: boolean;
	faults: Array<{ kind: RequestKind; fault: Fault }>;
	/** what the trigger wrote to n8n's log */
	logs: string[];
	/** whether another poll of the trigger was still running when this one started */
	overlapped: boolean;
	/** whether this poll found no state of its entity (it seeds one) */
	seeding: boolean;
	staticBytes?: number;
	/** how many record ids the saved state keeps as owed a `created` (trigger/createdUnread.ts) */
	createdUnread?: number;
}

/** A cursor's life: from the poll that seeded it, for one entity. */
export interface Epoch {
	no: number;
	entity: string;
	feed: 'updates' | 'extract';
	startFrom: string;
	/** changes at or after this instant (ms) are promised; -Infinity: everything */
	startMs: number;
	/** the seeding poll's start on the server's clock: a change committed before it in the start second is not promised */
	seededAt: number;
	polls: number[];
}

export interface PollPlan {
	/** the fault of each request, by its order in the poll (retries count) */
	faults: Array<Fault | undefined>;
	budgetMs?: number;
}

/** Finds the entity of the trigger's state in static data, whatever its layout: an object with `entity`. */
export function stateEntityOf(data: unknown, depth = 0): string | undefined {
	if (!data || typeof data !== 'object' || depth > 3) return undefined;
	const entity = (data as IDataObject).entity;
	if (typeof entity === 'string' && depth > 0) return entity;
	for (const value of Object.values(data as IDataObject)) {
		const found = stateEntityOf(value, depth + 1);
		if (found) return found;
	}
	return undefined;
}

export class N8nHost {
	memory: IDataObject = {};
	saved: string | undefined;
	generation = 0;
	readonly polls: PollLog[] = [];
	readonly emissions: Emission[] = [];
	readonly epochs: Epoch[] = [];
	private readonly kills: Array<() => void> = [];
	private running = 0;
	/** what else a restart clears (the process's memory: the trigger's lease) */
	onRestart?: () => void;

	private loadSaved(): IDataObject {
		return this.saved === undefined ? {} : (JSON.parse(this.saved) as IDataObject);
	}

	constructor(
		readonly version: N8nVersion,
		readonly exo: SimulatedExo,
		public params: INodeParameters,
	) {}

	get entity(): string {
		return String(this.params.entity);
	}

	feedOf(entity: string): 'updates' | 'extract' {
		const resource = resourceByKey(entity);
		return resource && changeFeed(resource)?.kind === 'extract' ? 'extract' : 'updates';
	}

	currentEpoch(): Epoch | undefined {
		return this.epochs.at(-1);
	}

	/** n8n restarts: polls in flight die, static data comes back from the database. */
	restart(): void {
		this.generation++;
		this.running = 0;
		this.memory = this.loadSaved();
		this.onRestart?.();
		for (const kill of this.kills.splice(0)) kill();
	}

	/** Starts one poll; the promise settles when it ended or died in a restart. */
	startPoll(plan: PollPlan, hold?: <T>(p: Promise<T>, label: string) => Promise<T>): Promise<PollLog> {
		const generation = this.generation;
		const params = JSON.parse(JSON.stringify(this.params)) as INodeParameters;
		const entity = String(params.entity);
		const options = (params.options ?? {}) as IDataObject;
		// n8n 2.x: a copy of what is saved, staged for this poll alone
		const memory = this.version === '2.x' ? this.loadSaved() : this.memory;
		const loaded = JSON.stringify(memory);
		const seeding = stateEntityOf(memory) !== entity;
		const log: PollLog = {
			no: this.polls.length + 1,
			epoch: seeding ? -1 : (this.currentEpoch()?.no ?? -1),
			startedAt: this.exo.serverNow(),
			entity,
			feed: this.feedOf(entity),
			events: ([] as string[]).concat((params.events as string[] | string | undefined) ?? []),
			windowS: Number(options.lateChangeWindow ?? 60),
			emitted: 0,
			faults: [],
			seeding,
			overlapped: this.running > 0,
			logs: [],
		};
		this.running++;
		this.polls.push(log);
		const ctx = createPollContext({
			node: trigger,
			parameters: params,
			credentials,
			staticData: memory,
			mode: 'trigger',
			pollBudgetMs: this.version === '2.x' ? plan.budgetMs : undefined,
		});
		// the trigger's log lines (a skipped poll…) are counted in the poll's log, not printed
		const logged = (line: unknown) => log.logs.push(String(line));
		Object.defineProperty(ctx, 'logger', { value: { error: logged, warn: logged, info: logged, debug: () => undefined } });
		// n8n 1.123's poll context has no budget
		if (this.version === '1.123') (ctx as unknown as { getPollBudgetMs?: unknown }).getPollBudgetMs = undefined;
		let requests = 0;
		const dead = () => this.generation !== generation;
		const nextFault = (kind: RequestKind, forced?: Fault) => {
			const fault = forced ?? plan.faults[requests++];
			if (fault) log.faults.push({ kind, fault });
			return fault;
		};
		(ctx.helpers as unknown as IDataObject).httpRequestWithAuthentication = this.exo.helper(nextFault, hold, dead);

		return new Promise<PollLog>((resolve) => {
			this.kills.push(() => {
				log.killed = true;
				resolve(log);
			});
			(trigger.poll as NonNullable<typeof trigger.poll>)
				.call(ctx)
				.then(
					(out) => {
						if (dead()) return;
						this.finish(log, memory, loaded, params, out?.[0]?.map((item) => item.json) ?? [], undefined);
						resolve(log);
					},
					(error: Error) => {
						if (dead()) return;
						const description = (error as { description?: unknown }).description;
						this.finish(log, memory, loaded, params, [], `${error.message}${description ? ` — ${String(description)}` : ''}`);
						resolve(log);
					},
				);
		});
	}

	private finish(log: PollLog, memory: IDataObject, loaded: string, params: INodeParameters, items: IDataObject[], error: string | undefined): void {
		this.running--;
		log.endedAt = this.exo.serverNow();
		log.error = error;
		if (log.seeding && stateEntityOf(memory) === log.entity) {
			const startFrom = String(params.startFrom ?? 'now');
			// Start From Now seeds at ExoConnect's clock as this poll read it
			const seededAt = Math.max(log.startedAt, this.exo.lastStatusAt);
			const startMs =
				startFrom === 'everything' ? Number.NEGATIVE_INFINITY : startFrom === 'date' ? Date.parse(String(params.startDate)) : Math.floor(seededAt / 1000) * 1000;
			this.epochs.push({ no: this.epochs.length + 1, entity: log.entity, feed: log.feed, startFrom, startMs, seededAt, polls: [] });
			log.epoch = this.epochs.length;
		}
		this.currentEpoch()?.polls.push(log.no);
		for (const json of items) {
			const modified_at = String(json.modified_at);
			this.emissions.push({
				poll: log.no,
				epoch: log.epoch,
				event: String(json.event),
				entity: String(json.entity),
				id: Number(json.id),
				modified_at,
				modifiedAt: Date.parse(modified_at),
				hasRecord: json.record !== null && json.record !== undefined,
				warning: json.warning,
			});
		}
		log.emitted = items.length;
		const text = JSON.stringify(memory);
		log.staticBytes = text.length;
		log.createdUnread = ((memory.exoConnectCursor as { createdUnread?: unknown[] } | undefined)?.createdUnread ?? []).length;
		if (this.version === '2.x' ? error === undefined && text !== loaded : items.length > 0 && memory === this.memory) this.saved = text;
	}
}
