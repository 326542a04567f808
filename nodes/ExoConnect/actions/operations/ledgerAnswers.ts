/**
 * Answers the API has no filter for (contract §8.3): "unpaid only", "paid between": the node reads full
 * records and keeps the matching ones. The catalog says which resource answers which question.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LocalFilterDef, ResourceDef } from '../../catalog';
import { valueAt } from '../../recordShape';
import { isBlank } from '../../userInput';
import { inputError } from '../input/input';

export type RecordTest = (record: IDataObject) => boolean;

/** The day of a date parameter ("2026-03-05T00:00:00" from the picker, or a typed day). */
function dayOf(value: unknown): string | undefined {
	const text = value instanceof Date ? value.toISOString() : String(value).trim();
	return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text.slice(0, 10))) ? text.slice(0, 10) : undefined;
}

function testOf(filter: LocalFilterDef, day: string | undefined): RecordTest {
	if (filter.test === 'isFalse') return (record) => valueAt(record, filter.path) !== true;
	const bound = day as string;
	return (record) => {
		const at = dayOf(valueAt(record, filter.path) ?? '');
		if (at === undefined) return false;
		return filter.test === 'from' ? at >= bound : at <= bound;
	};
}

/** The record test of the local filters the user set, or undefined when none is set. */
export function localTest(ctx: IExecuteFunctions, resource: ResourceDef, values: IDataObject, itemIndex: number): RecordTest | undefined {
	const tests: RecordTest[] = [];
	for (const filter of resource.localFilters ?? []) {
		const value = values[filter.name];
		if (filter.kind === 'boolean') {
			if (value === true || value === 'true') tests.push(testOf(filter, undefined));
			continue;
		}
		if (isBlank(value)) continue;
		const day = dayOf(value);
		if (day === undefined) {
			throw inputError(ctx, resource, [{ path: [filter.displayName], message: `"${String(value)}" is not a date` }], itemIndex);
		}
		tests.push(testOf(filter, day));
	}
	return tests.length ? (record) => tests.every((test) => test(record)) : undefined;
}
