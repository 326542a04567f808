/**
 * Dropdowns of related records (sales reps, terms, customers, products…): one method per catalog
 * resource, named by descriptions/names.ts. Each option shows the name and code; its value is the code.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { resources } from '../catalog';
import { loadOptionsMethod } from '../descriptions/names';
import { recordName } from '../recordShape';
import { listRecords } from '../transport';

/** A dropdown beyond this size is useless; larger lists are better served by an expression. */
const MAX_OPTIONS = 2_000;

export function optionLabel(record: IDataObject): string {
	const name = (recordName(record) ?? '').trim();
	const code = String(record.code ?? '');
	return name && name !== code ? `${name} (${code})` : code;
}

function loader(resource: ResourceDef) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const records = await listRecords(this, resource, { brief: true, active_only: true }, MAX_OPTIONS);
		return records
			.map((record) => ({ name: optionLabel(record), value: String(record.code) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	};
}

export const loadOptions = Object.fromEntries(
	// resources read through their extract have no page list to search
	resources.filter((r) => r.many !== 'extract').map((r) => [loadOptionsMethod(r), loader(r)]),
);
