/** "Simplify" keeps the fields an accountant looks at first; records with few fields stay as they are. */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { fieldOf } from '../../catalog';
import { fieldValue } from '../../recordShape';

const SIMPLE_LIMIT = 10;
const ALWAYS = ['id', 'code', 'name', 'description', 'date', 'total', 'price', 'updated_at'];

const isScalar = (value: unknown) => value === null || typeof value !== 'object';

export function simplify(resource: ResourceDef, record: IDataObject): IDataObject {
	if (Object.keys(record).length <= SIMPLE_LIMIT) return record;
	const keep = new Set([
		...ALWAYS,
		resource.nameField,
		...resource.createRequired.filter((k) => k !== 'details'),
		...(resource.simplifyKeeps ?? []),
	]);
	const out: IDataObject = {};
	for (const key of keep) {
		// a catalog field is read in either form (`sales_rep {code}` or `sales_rep_code`, `prices.regular`…)
		const field = fieldOf(resource, key);
		const value = field ? fieldValue(record, field) : record[key];
		if (value !== undefined && isScalar(value)) out[key] = value as IDataObject[string];
	}
	const status = record.status as IDataObject | undefined;
	if (status && typeof status.is_active === 'boolean') out.is_active = status.is_active;
	if (Array.isArray(record.details)) out.line_count = record.details.length;
	return out;
}
