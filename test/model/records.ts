/**
 * A small model of ExoConnect's records (contract §2, §5.1, §8.1), with no HTTP: what the feeds and the
 * record routes would show at any instant. Every write is a *version* of a record carrying the time it
 * claims (`modifiedAt`, one-second resolution) and the time it becomes visible (`committedAt`): Acomba
 * sometimes commits a change a few seconds after the time it carries (a late commit).
 *
 * Write semantics follow the contract so that model-based write tests can use the same store:
 * - create: a new id (ids start at 1 and grow), a code unique among live records (409 otherwise);
 * - update (PUT): the top-level fields it carries replace the stored ones, a nested object or list replaces
 *   the stored one whole, omitted fields stay (§2); `fill` hooks let a resource fill omitted fields (§4);
 * - delete: the record stays, marked deleted (`status.is_deleted`), and its code may be used again.
 */

export type Json = Record<string, unknown>;

export interface Version {
	/** the time the change carries (ms, whole seconds) */
	modifiedAt: number;
	/** when it becomes visible to readers (ms, >= modifiedAt) */
	committedAt: number;
	/** the record's fields after this change (without id, status, timestamps) */
	data: Json;
	deleted: boolean;
	/** order of the writes, to break ties between commits in the same millisecond */
	seq: number;
}

export interface ModelRecord {
	entity: string;
	id: number;
	/** the creation's claimed time (the first version's modifiedAt) */
	createdAt: number;
	versions: Version[];
}

/** What a reader sees of a record at one instant. */
export interface VisibleRecord {
	entity: string;
	id: number;
	code: string;
	createdAt: number;
	modifiedAt: number;
	deleted: boolean;
	readonly data: Json;
}

export interface WriteTime {
	/** the time the change carries; whole seconds are kept */
	at: number;
	/** when it becomes visible (default: `at`, an ordinary commit) */
	commitAt?: number;
}

export class ConflictError extends Error {
	readonly status = 409;
}
export class NotFoundError extends Error {
	readonly status = 404;
}

/** Fills the fields a create or update left out (e.g. a document's defaults from its customer, §4). */
export type FillRule = (data: Json, store: RecordStore, existing: VisibleRecord | undefined) => Json;

const second = (ms: number) => Math.floor(ms / 1000) * 1000;
const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export class RecordStore {
	private readonly tables = new Map<string, Map<number, ModelRecord>>();
	private readonly nextIds = new Map<string, number>();
	private seq = 0;
	/** how many writes the store has taken: orders a read against the writes around it */
	get writes(): number {
		return this.seq;
	}
	/** per entity: fills omitted fields on create and update */
	readonly fill = new Map<string, FillRule>();

	private table(entity: string): Map<number, ModelRecord> {
		let table = this.tables.get(entity);
		if (!table) {
			table = new Map();
			this.tables.set(entity, table);
		}
		return table;
	}

	/** Every record of an entity, whether or not visible yet. */
	all(entity: string): ModelRecord[] {
		return [...this.table(entity).values()];
	}

	record(entity: string, id: number): ModelRecord | undefined {
		return this.table(entity).get(id);
	}

	/** The version readers see at `now`: the last one committed (commit order), or undefined before any. */
	static visibleVersion(record: ModelRecord, now: number): Version | undefined {
		let best: Version | undefined;
		for (const v of record.versions) {
			if (v.committedAt > now) continue;
			if (!best || v.committedAt > best.committedAt || (v.committedAt === best.committedAt && v.seq > best.seq)) best = v;
		}
		return best;
	}

	/** The record's last version once every commit happened. */
	static finalVersion(record: ModelRecord): Version {
		return RecordStore.visibleVersion(record, Number.POSITIVE_INFINITY) as Version;
	}

	view(entity: string, id: number, now: number): VisibleRecord | undefined {
		const record = this.record(entity, id);
		const version = record && RecordStore.visibleVersion(record, now);
		if (!record || !version) return undefined;
		return {
			entity,
			id,
			code: String(version.data.code ?? ''),
			createdAt: record.createdAt,
			modifiedAt: version.modifiedAt,
			deleted: version.deleted,
			// shared with the store, not copied: readers never change it (writes copy what they store)
			data: version.data,
		};
	}

	/** Every record visible at `now`, deleted ones included. */
	visible(entity: string, now: number): VisibleRecord[] {
		const out: VisibleRecord[] = [];
		for (const id of this.table(entity).keys()) {
			const view = this.view(entity, id, now);
			if (view) out.push(view);
		}
		return out;
	}

	/** The live (not deleted) record holding `code` at `now`. */
	byCode(entity: string, code: string, now: number): VisibleRecord | undefined {
		return this.visible(entity, now).find((r) => !r.deleted && r.code === code);
	}

	private push(record: ModelRecord, data: Json, deleted: boolean, time: WriteTime): Version {
		const modifiedAt = second(time.at);
		const version: Version = {
			modifiedAt,
			committedAt: Math.max(modifiedAt, time.commitAt ?? time.at),
			data,
			deleted,
			seq: ++this.seq,
		};
		record.versions.push(version);
		return version;
	}

	/** A new record; its id is the next of the entity. A live record with the same code is a conflict. */
	create(entity: string, data: Json, time: WriteTime): VisibleRecord {
		const code = data.code === undefined ? undefined : String(data.code);
		if (code !== undefined && this.byCode(entity, code, Number.POSITIVE_INFINITY)) {
			throw new ConflictError(`${entity} ${code} already exists`);
		}
		const id = this.nextIds.get(entity) ?? 1;
		this.nextIds.set(entity, id + 1);
		const rule = this.fill.get(entity);
		const stored = clone(rule ? rule(data, this, undefined) : data);
		if (stored.code === undefined) stored.code = `${entity.toUpperCase()}-${id}`;
		const record: ModelRecord = { entity, id, createdAt: second(time.at), versions: [] };
		this.table(entity).set(id, record);
		this.push(record, stored, false, time);
		return this.view(entity, id, Number.POSITIVE_INFINITY) as VisibleRecord;
	}

	/** A PUT: carried top-level fields replace the stored ones (nested values whole), the rest stays. */
	update(entity: string, id: number, patch: Json, time: WriteTime): VisibleRecord {
		const current = this.view(entity, id, Number.POSITIVE_INFINITY);
		if (!current || current.deleted) throw new NotFoundError(`${entity} ${id} not found`);
		const rule = this.fill.get(entity);
		const merged = { ...current.data, ...clone(rule ? rule(patch, this, current) : patch) };
		this.push(this.record(entity, id) as ModelRecord, merged, false, time);
		return this.view(entity, id, Number.POSITIVE_INFINITY) as VisibleRecord;
	}

	/** Marks a record deleted: it stays in the feeds with its deletion time. */
	remove(entity: string, id: number, time: WriteTime): VisibleRecord {
		const current = this.view(entity, id, Number.POSITIVE_INFINITY);
		if (!current || current.deleted) throw new NotFoundError(`${entity} ${id} not found`);
		this.push(this.record(entity, id) as ModelRecord, current.data, true, time);
		return this.view(entity, id, Number.POSITIVE_INFINITY) as VisibleRecord;
	}
}
