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
import { applyDocumentRules } from './documents';
import { ApiError, invalid } from './errors';

export type Json = IDataObject;

export interface StoredRecord {
	id: number;
	/** API fields as stored: code, name field, *_code relations, is_active, … */
	data: Json;
	createdAt: number;
	modifiedAt: number;
	isDeleted: boolean;
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

	/** Every record, by (modifiedAt, id): the updates helper's order. */
	changeOrder(): StoredRecord[] {
		this.changes ??= [...this.records.values()].sort((a, b) => a.modifiedAt - b.modifiedAt || a.id - b.id);
		return this.changes;
	}
}

const DOCUMENT_PREFIX: Partial<Record<EntityKey, string>> = {
	quotes: 'SOU',
	sales_orders: 'CMD',
	invoices: 'FAC',
	purchase_orders: 'BA',
};

/** Deterministic Acomba-like unique id (informational in the API). */
function uniqueId(entity: EntityKey, id: number): string {
	const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(len, '0').slice(-len);
	let h = 2166136261;
	for (const ch of `${entity}:${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
	return `${hex(h, 8)}-${hex(id, 4)}-4${hex(h >>> 4, 3)}-a${hex(h >>> 8, 3)}-${hex(id * 2654435761, 12)}`;
}

export class Store {
	private tables = new Map<EntityKey, Table>();
	private sequence = new Map<EntityKey, number>();

	constructor(readonly clock: Clock) {
		for (const r of resources) this.tables.set(r.key, new Table());
	}

	table(entity: EntityKey): Table {
		const table = this.tables.get(entity);
		if (!table) throw new Error(`unknown entity ${entity}`);
		return table;
	}

	resource(entity: EntityKey): ResourceDef {
		return resourceByKey(entity) as ResourceDef;
	}

	/** Every record of an entity as full API records (deleted ones included, flagged). */
	list(entity: EntityKey): Json[] {
		return [...this.table(entity).records.values()].map((r) => this.render(entity, r));
	}

	get(entity: EntityKey, id: number): Json | undefined {
		const record = this.table(entity).records.get(id);
		return record ? this.render(entity, record) : undefined;
	}

	getByCode(entity: EntityKey, code: string): Json | undefined {
		const id = this.table(entity).byCode.get(code);
		return id === undefined ? undefined : this.get(entity, id);
	}

	/** A live record by code, or undefined. */
	findLive(entity: EntityKey, code: string): StoredRecord | undefined {
		const table = this.table(entity);
		const id = table.byCode.get(code);
		const record = id === undefined ? undefined : table.records.get(id);
		return record && !record.isDeleted ? record : undefined;
	}

	/** Creates a record as `POST C` does (documents get their defaults and totals); returns it rendered. */
	insert(entity: EntityKey, body: Json, at?: number): Json {
		return this.render(entity, this.create(entity, body, at));
	}

	create(entity: EntityKey, body: Json, at = this.clock.seconds()): StoredRecord {
		const resource = this.resource(entity);
		const table = this.table(entity);
		const data: Json = { ...body };
		if (resource.document && (data.code === undefined || data.code === '')) data.code = this.nextNumber(entity, at);
		const code = String(data.code);
		data.code = code;
		if (table.byCode.has(code)) throw new ApiError(409, `${resource.displayName} ${code} already exists`);
		this.checkRelations(resource, data);
		if (resource.document) applyDocumentRules(this, resource, data, at, { isCreate: true, linesChanged: true });
		data.is_active ??= true;
		const record: StoredRecord = { id: table.nextId++, data, createdAt: at, modifiedAt: at, isDeleted: false };
		table.records.set(record.id, record);
		table.byCode.set(code, record.id);
		table.invalidate();
		return record;
	}

	/** A partial update as `PUT C/by-…` does; returns it rendered. */
	update(entity: EntityKey, id: number, patch: Json, options: { viaApi?: boolean } = {}): Json {
		const resource = this.resource(entity);
		const table = this.table(entity);
		const record = table.records.get(id);
		if (!record || record.isDeleted) throw new ApiError(404, `${resource.displayName} ${id} not found`);
		const changes: Json = { ...patch };
		if (resource.document && options.viaApi) {
			// the documented ExoConnect limitation: accepted, answered with success, not saved
			delete changes.sales_rep_code;
		}
		if (changes.code !== undefined && String(changes.code) !== record.data.code) {
			const code = String(changes.code);
			if (table.byCode.has(code)) throw new ApiError(409, `${resource.displayName} ${code} already exists`);
			table.byCode.delete(String(record.data.code));
			table.byCode.set(code, id);
			changes.code = code;
		}
		this.checkRelations(resource, changes);
		const data = { ...record.data, ...changes };
		const at = this.clock.seconds();
		if (resource.document) {
			applyDocumentRules(this, resource, data, at, { isCreate: false, linesChanged: changes.details !== undefined });
		}
		record.data = data;
		record.modifiedAt = at;
		table.invalidate();
		return this.render(entity, record);
	}

	markDeleted(entity: EntityKey, id: number): void {
		const record = this.table(entity).records.get(id);
		if (!record) throw new Error(`no ${entity} ${id}`);
		record.isDeleted = true;
		record.modifiedAt = this.clock.seconds();
		this.table(entity).invalidate();
	}

	/** Marks a change with a given timestamp: a change Acomba commits late carries an older one. */
	touch(entity: EntityKey, id: number, options: { modifiedAt?: string } = {}): void {
		const record = this.table(entity).records.get(id);
		if (!record) throw new Error(`no ${entity} ${id}`);
		record.modifiedAt = options.modifiedAt ? Math.floor(Date.parse(options.modifiedAt) / 1000) * 1000 : this.clock.seconds();
		this.table(entity).invalidate();
	}

	private nextNumber(entity: EntityKey, at: number): string {
		const next = (this.sequence.get(entity) ?? 0) + 1;
		this.sequence.set(entity, next);
		return `${DOCUMENT_PREFIX[entity] ?? 'DOC'}-${isoWithOffset(at).slice(0, 4)}-${String(next).padStart(5, '0')}`;
	}

	/** Codes of related records must exist (422 at the field, as ExoConnect answers). */
	private checkRelations(resource: ResourceDef, data: Json): void {
		for (const field of resource.fields) {
			const value = data[field.name];
			if (!field.relation || value === undefined || value === null || value === '') continue;
			const target = this.resource(field.relation);
			const codes = Array.isArray(value) ? value.map(String) : [String(value)];
			codes.forEach((code, index) => {
				if (!this.findLive(field.relation as EntityKey, code)) {
					const loc = Array.isArray(value) ? ['body', field.name, index] : ['body', field.name];
					throw invalid(loc, `${target.displayName} '${code}' does not exist`);
				}
			});
		}
	}

	/** The full record as `GET C/by-id/{id}` returns it. */
	render(entity: EntityKey, record: StoredRecord): Json {
		const resource = this.resource(entity);
		const { is_active: isActive, ...fields } = record.data;
		const out: Json = { id: record.id, ...fields };
		for (const field of resource.fields) {
			const value = record.data[field.name];
			if (!field.relation || field.kind !== 'string' || typeof value !== 'string' || value === '') continue;
			const related = this.findLive(field.relation, value);
			const objectName = field.name.replace(/_code$/, '');
			out[objectName] = related
				? { id: related.id, code: value, ...(resource.document?.partyField === field.name ? { name: related.data.description } : {}) }
				: { id: null, code: value };
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
			updated_at: isoWithOffset(record.modifiedAt),
			_links: { self: `${resource.path}/by-id/${record.id}` },
		};
	}
}
