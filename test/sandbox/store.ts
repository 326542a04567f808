/**
 * In-memory Acomba: records per entity with ExoConnect's ids, codes, timestamps (whole seconds, from the
 * sandbox clock) and deleted flags. The HTTP server and the tests both change records through it, so
 * every change shows up in the updates helper.
 */
import type { IDataObject } from 'n8n-workflow';

import type { EntityKey, ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey, resources } from '../../nodes/ExoConnect/catalog';
import type { Clock } from './clock';
import { isoWithOffset } from './clock';
import { applyDocumentRules, lineProblems } from './documents';
import type { Problem } from './errors';
import { ApiError, throwProblems } from './errors';
import { BRIEF_EXTRAS, documentedShape, hasDocumentedShape, productStock, shownKey } from './shapes';

export type Json = IDataObject;

export interface StoredRecord {
	id: number;
	/** API fields as stored: code, name field, *_code relations, is_active, … */
	data: Json;
	/** epoch milliseconds, whole seconds */
	createdAt: number;
	modifiedAt: number;
	isDeleted: boolean;
}

export interface WriteOptions {
	/** a request to the API (not a test helper): read-only fields are ignored, documented limitations apply */
	viaApi?: boolean;
}

class Table {
	records = new Map<number, StoredRecord>();
	byCode = new Map<string, number>();
	nextId = 1;
	private live: StoredRecord[] | undefined;
	private changes: StoredRecord[] | undefined;

	invalidate(): void {
		this.live = undefined;
		this.changes = undefined;
	}

	/** Not deleted, by id. */
	liveRecords(): StoredRecord[] {
		this.live ??= [...this.records.values()].filter((r) => !r.isDeleted);
		return this.live;
	}

	/** Every record, deleted ones included, by (modifiedAt, id): the updates helper's order. */
	changeOrder(): StoredRecord[] {
		this.changes ??= [...this.records.values()].sort((a, b) => a.modifiedAt - b.modifiedAt || a.id - b.id);
		return this.changes;
	}

	/** The live record holding this code (a deleted record's code can be used again). */
	holder(code: string): StoredRecord | undefined {
		const id = this.byCode.get(code);
		const record = id === undefined ? undefined : this.records.get(id);
		return record && !record.isDeleted ? record : undefined;
	}
}

/** Document number prefixes Acomba uses when the number is left out. */
const DOCUMENT_PREFIX: Partial<Record<EntityKey, string>> = {
	quotes: 'SOU',
	sales_orders: 'CMD',
	invoices: 'FAC',
	purchase_orders: 'BA',
};

/** Read-only parts of a full record: ignored when a client sends them, shown from what is stored. */
const READ_ONLY_EXTRAS: Partial<Record<EntityKey, Record<string, (stored: unknown) => Json>>> = {
	products: { stock: productStock },
};

/** Keys the server computes for every record: never stored from a body. */
const SERVER_KEYS = ['id', 'updated_at', 'created_at', 'status', 'metadata', 'subtotal', 'tax_total', 'total', '_links'];

/** Deterministic Acomba-like unique id (informational in the API). */
export function uniqueId(entity: EntityKey, id: number): string {
	const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(len, '0').slice(-len);
	let h = 2166136261;
	for (const ch of `${entity}:${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
	return `${hex(h, 8)}-${hex(id, 4)}-4${hex(h >>> 4, 3)}-a${hex(h >>> 8, 3)}-${hex(id * 2654435761, 12)}`;
}

/** `sales_rep_code` → `sales_rep`: the `{id, code}` object a full record shows next to the code. */
const objectNameOf = (fieldName: string) => fieldName.replace(/_code$/, '');

/**
 * How the updates helper judges `created` (§5.1 reads both ways): against the request's `since` alone, or
 * against the whole `(since, cursor_id)` cursor (created at `since` with an id after `cursor_id`).
 */
export type CreatedReading = 'since' | 'cursor';

export class Store {
	private tables = new Map<EntityKey, Table>();
	private sequence = new Map<EntityKey, number>();
	/** the updates helper's reading of `created` (reset to 'since' by clear) */
	createdReading: CreatedReading = 'since';

	constructor(readonly clock: Clock) {
		this.clear();
	}

	/** Empties every entity (the sandbox's reset then loads the demo company again). */
	clear(): void {
		for (const r of resources) this.tables.set(r.key, new Table());
		this.sequence.clear();
		this.createdReading = 'since';
	}

	table(entity: EntityKey): Table {
		const table = this.tables.get(entity);
		if (!table) throw new ApiError(404, `Unknown entity ${entity}`);
		return table;
	}

	resource(entity: EntityKey): ResourceDef {
		const resource = resourceByKey(entity);
		if (!resource) throw new ApiError(404, `Unknown entity ${entity}`);
		return resource;
	}

	/** Every record of an entity as full API records, by id (deleted ones included, flagged). */
	list(entity: EntityKey): Json[] {
		return [...this.table(entity).records.values()].map((r) => this.render(entity, r));
	}

	/** A full record by id, deleted or not. */
	get(entity: EntityKey, id: number): Json | undefined {
		const record = this.table(entity).records.get(id);
		return record ? this.render(entity, record) : undefined;
	}

	/** A full record by code (the live one; else the last deleted one that had it). */
	getByCode(entity: EntityKey, code: string): Json | undefined {
		const id = this.table(entity).byCode.get(code);
		return id === undefined ? undefined : this.get(entity, id);
	}

	/** A live record by code, or undefined. */
	findLive(entity: EntityKey, code: string): StoredRecord | undefined {
		return this.table(entity).holder(code);
	}

	/** Creates a record as `POST C` does (documents get their defaults and totals); returns it rendered. */
	insert(entity: EntityKey, body: Json, at?: number): Json {
		return this.render(entity, this.create(entity, body, at));
	}

	/** Creates a record; throws the API's 409 / 422 (nothing written then). */
	create(entity: EntityKey, body: Json, at = this.clock.seconds(), options: WriteOptions = {}): StoredRecord {
		const resource = this.resource(entity);
		const table = this.table(entity);
		const data = this.writable(resource, body, options);
		const given = data.code === undefined || data.code === null || data.code === '' ? undefined : String(data.code);
		if (given === undefined && !resource.document) throw new ApiError(422, [{ loc: ['body', 'code'], msg: 'is required', type: 'missing' }]);
		if (given !== undefined && table.holder(given)) throw new ApiError(409, `${resource.displayName} ${given} already exists`);
		throwProblems([...this.relationProblems(resource, data), ...(resource.document ? lineProblems(this, data) : [])]);

		if (resource.document) applyDocumentRules(this, resource, data, at, { isCreate: true, linesChanged: true });
		const code = given ?? this.nextNumber(entity, at);
		data.code = code;
		data.is_active ??= true;
		const record: StoredRecord = { id: table.nextId++, data, createdAt: at, modifiedAt: at, isDeleted: false };
		table.records.set(record.id, record);
		table.byCode.set(code, record.id);
		table.invalidate();
		return record;
	}

	/** A partial update as `PUT C/by-…` does; returns it rendered. Throws 404 / 409 / 422 (nothing written then). */
	update(entity: EntityKey, id: number, patch: Json, options: WriteOptions = {}): Json {
		const resource = this.resource(entity);
		const table = this.table(entity);
		const record = table.records.get(id);
		if (!record || record.isDeleted) throw new ApiError(404, `${resource.displayName} ${id} not found`);
		const changes = this.writable(resource, patch, options);
		const oldCode = String(record.data.code);
		if (changes.code !== undefined) changes.code = String(changes.code);
		const newCode = changes.code as string | undefined;
		if (newCode !== undefined && newCode !== oldCode && table.holder(newCode)) {
			throw new ApiError(409, `${resource.displayName} ${newCode} already exists`);
		}
		const linesChanged = changes.details !== undefined;
		throwProblems([
			...this.relationProblems(resource, changes),
			...(resource.document && linesChanged ? lineProblems(this, changes) : []),
		]);

		if (resource.document && options.viaApi) {
			// the documented ExoConnect limitation: checked, answered with success, not saved
			delete changes.sales_rep_code;
		}
		const data = { ...record.data, ...changes };
		const at = this.clock.seconds();
		if (resource.document) applyDocumentRules(this, resource, data, at, { isCreate: false, linesChanged });
		if (newCode !== undefined && newCode !== oldCode) {
			if (table.byCode.get(oldCode) === id) table.byCode.delete(oldCode);
			table.byCode.set(newCode, id);
		}
		record.data = data;
		record.modifiedAt = at;
		table.invalidate();
		return this.render(entity, record);
	}

	/** Marks a record deleted (Acomba keeps it; the updates helper reports it as `deleted`). */
	markDeleted(entity: EntityKey, id: number): void {
		const record = this.existing(entity, id);
		record.isDeleted = true;
		record.modifiedAt = this.clock.seconds();
		this.table(entity).invalidate();
	}

	/** Marks a change now, or with a given timestamp: a change Acomba commits late carries an older one. */
	touch(entity: EntityKey, id: number, options: { modifiedAt?: string } = {}): void {
		const record = this.existing(entity, id);
		const at = options.modifiedAt === undefined ? this.clock.seconds() : Date.parse(options.modifiedAt);
		if (Number.isNaN(at)) throw new ApiError(400, `modifiedAt is not a timestamp: ${options.modifiedAt}`);
		record.modifiedAt = Math.floor(at / 1000) * 1000;
		this.table(entity).invalidate();
	}

	private existing(entity: EntityKey, id: number): StoredRecord {
		const record = this.table(entity).records.get(id);
		if (!record) throw new ApiError(404, `${this.resource(entity).displayName} ${id} not found`);
		return record;
	}

	/** The body without what the server computes (a client may send back a record it read). */
	private writable(resource: ResourceDef, body: Json, options: WriteOptions): Json {
		const data: Json = { ...body };
		for (const key of SERVER_KEYS) delete data[key];
		// the objects a full record shows (`sales_rep {id, code}`, `prices {…}`) are read-only presentation
		for (const field of resource.fields) {
			const objectName = shownKey(field) ?? (field.relation ? objectNameOf(field.name) : field.name);
			if (objectName !== field.name && typeof data[objectName] === 'object') delete data[objectName];
		}
		if (resource.document) delete data[resource.document.partyObject];
		if (options.viaApi) for (const key of Object.keys(READ_ONLY_EXTRAS[resource.key] ?? {})) delete data[key];
		return data;
	}

	/** Next free document number: `SOU-2026-00001`… (a number typed by a user is skipped). */
	private nextNumber(entity: EntityKey, at: number): string {
		const table = this.table(entity);
		for (;;) {
			const next = (this.sequence.get(entity) ?? 0) + 1;
			this.sequence.set(entity, next);
			const code = `${DOCUMENT_PREFIX[entity] ?? 'DOC'}-${isoWithOffset(at).slice(0, 4)}-${String(next).padStart(5, '0')}`;
			if (!table.holder(code)) return code;
		}
	}

	/** Codes of related records must exist (422 at the field, as ExoConnect answers). */
	relationProblems(resource: ResourceDef, data: Json): Problem[] {
		const problems: Problem[] = [];
		for (const field of resource.fields) {
			const value = data[field.name];
			if (!field.relation || value === undefined || value === null || value === '') continue;
			const target = this.resource(field.relation);
			const codes = Array.isArray(value) ? value.map(String) : [String(value)];
			codes.forEach((code, index) => {
				if (!this.findLive(field.relation as EntityKey, code)) {
					problems.push({
						loc: Array.isArray(value) ? ['body', field.name, index] : ['body', field.name],
						msg: `${target.displayName} '${code}' does not exist`,
						type: 'value_error',
					});
				}
			});
		}
		return problems;
	}

	/** The full record as `GET C/by-id/{id}` returns it. */
	render(entity: EntityKey, record: StoredRecord): Json {
		const resource = this.resource(entity);
		const { is_active: isActive, ...fields } = record.data;
		const out: Json = { id: record.id, ...fields };
		for (const [key, show] of Object.entries(READ_ONLY_EXTRAS[entity] ?? {})) out[key] = show(fields[key]);
		if (hasDocumentedShape(resource)) {
			documentedShape(resource, out, (related, code) => this.findLive(related, code)?.id ?? null);
		}
		for (const field of resource.fields) {
			if (field.shownAs) continue;
			const value = record.data[field.name];
			if (!field.relation || field.kind !== 'string' || typeof value !== 'string' || value === '') continue;
			const related = this.findLive(field.relation, value);
			const isParty = resource.document?.partyField === field.name;
			const name = isParty ? { name: related?.data[this.resource(field.relation).nameField] ?? null } : {};
			out[isParty ? (resource.document?.partyObject ?? objectNameOf(field.name)) : objectNameOf(field.name)] = {
				id: related?.id ?? null,
				code: value,
				...name,
			};
		}
		const updatedAt = isoWithOffset(record.modifiedAt);
		out.updated_at = updatedAt;
		out.status = { is_active: isActive !== false, is_deleted: record.isDeleted };
		out.metadata = { unique_id: uniqueId(entity, record.id), updated_at: updatedAt };
		return out;
	}

	/** The name a list shows: the name field, or for a document without a description its customer's (supplier's). */
	nameOf(entity: EntityKey, record: StoredRecord): string {
		const resource = this.resource(entity);
		const own = record.data[resource.nameField];
		if (typeof own === 'string' && own !== '') return own;
		const document = resource.document;
		const party = document ? this.findLive(document.partyResource, String(record.data[document.partyField])) : undefined;
		return String(party?.data.description ?? '');
	}

	/** The brief list item. */
	brief(entity: EntityKey, record: StoredRecord): Json {
		const resource = this.resource(entity);
		return {
			id: record.id,
			code: record.data.code,
			name: this.nameOf(entity, record),
			...Object.fromEntries((BRIEF_EXTRAS[entity] ?? []).map((key) => [key, record.data[key] ?? null])),
			updated_at: isoWithOffset(record.modifiedAt),
			_links: { self: `${resource.path}/by-id/${record.id}` },
		};
	}
}
