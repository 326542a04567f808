/**
 * The one write planner: what an item wants written (its fields in the API's form, however they were
 * given) and the current record when one is needed → the body to send, the outcome and the warnings.
 * It makes no request: the current record and the party codes are resolved before (planning/resolve).
 *
 * - Create sends every field given.
 * - Update sends every field given; a structured field (address, phones, emails, comment with its flags)
 *   whole, merged with the current record, since a PUT replaces it (contract §2).
 * - Create or Update, on a record found, sends only the fields that differ, structured ones whole.
 * - On a document, a field ExoConnect accepts but does not save (the sales rep, §4) is never sent as a
 *   change: the item is warned instead, and a rerun does not write it again.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { documentUpdateIgnores, fieldOf } from '../../catalog';
import { fieldValue, relatedCode } from '../../recordShape';
import { isStructured, sameAsRecord, wholeValue } from './compare';

/** create: a new record; update: Update's "these fields"; sync: Create or Update on a record found. */
export type WriteMode = 'create' | 'update' | 'sync';
export type Action = 'created' | 'updated' | 'unchanged';

export interface Plan {
	action: Action;
	/** what is sent: nothing when unchanged */
	body: IDataObject;
	warnings: string[];
}

const ignoredOnUpdate = (resource: ResourceDef, name: string) => resource.document !== undefined && documentUpdateIgnores.includes(name);

/** Whether writing `wanted` over an existing record needs that record first (to merge or to check a field). */
export function needsCurrent(resource: ResourceDef, wanted: IDataObject): boolean {
	for (const name of Object.keys(wanted)) {
		const field = fieldOf(resource, name);
		if ((field && isStructured(field)) || ignoredOnUpdate(resource, name)) return true;
	}
	return false;
}

/** Whether a field ExoConnect does not save already holds `sent` (a related code read in either form, §9). */
function alreadyHolds(resource: ResourceDef, name: string, sent: unknown, current: IDataObject): boolean {
	if (!name.endsWith('_code')) return sameAsRecord(resource, name, sent, current);
	const now = relatedCode(current, name.slice(0, -'_code'.length));
	return now !== undefined && now.trim() === String(sent).trim();
}

function notSavedWarning(resource: ResourceDef, name: string, sent: unknown, current: IDataObject): string {
	const one = resource.displayName.toLowerCase();
	if (name === 'sales_rep_code') {
		return `The sales rep was not changed: ExoConnect does not save a new sales rep on an existing ${one} (a known ExoConnect limitation), so "${String(sent)}" was not sent and the ${one} still has "${relatedCode(current, 'sales_rep') ?? 'none'}". Change the sales rep in Acomba.`;
	}
	const label = fieldOf(resource, name)?.displayName ?? name;
	return `${label} was not changed: ExoConnect does not save it on an existing ${one} (a known ExoConnect limitation), so it was not sent. Change it in Acomba.`;
}

export function planWrite(resource: ResourceDef, mode: WriteMode, wanted: IDataObject, current?: IDataObject): Plan {
	if (mode === 'create') return { action: 'created', body: wanted, warnings: [] };
	const body: IDataObject = {};
	const warnings: string[] = [];
	for (const [name, sent] of Object.entries(wanted)) {
		if (current && ignoredOnUpdate(resource, name)) {
			if (!alreadyHolds(resource, name, sent, current)) warnings.push(notSavedWarning(resource, name, sent, current));
			continue;
		}
		const field = fieldOf(resource, name);
		if (mode === 'sync' && current && sameAsRecord(resource, name, sent, current, field)) continue;
		body[name] = (current && field && isStructured(field) ? wholeValue(field, sent, current) : sent) as IDataObject[string];
	}
	return { action: Object.keys(body).length ? 'updated' : 'unchanged', body, warnings };
}

export interface FieldChange {
	field: string;
	/** as the record shows it now (undefined: a new record, or a record not read) */
	current: unknown;
	new: unknown;
}

/** Each field a plan writes, with its current value: what Preview shows. */
export function changesOf(resource: ResourceDef, plan: Plan, current?: IDataObject): FieldChange[] {
	return Object.entries(plan.body).map(([name, value]) => {
		const field = fieldOf(resource, name);
		const now = !current ? undefined : field && !isStructured(field) && field.kind !== 'lines' ? fieldValue(current, field) : current[name];
		return { field: name, current: now ?? null, new: value };
	});
}
