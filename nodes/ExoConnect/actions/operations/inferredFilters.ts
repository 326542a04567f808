/**
 * A list filter the contract does not document ([inferred], such as a sales order's Reference) is still
 * sent, but a server may ignore it (FastAPI ignores an unknown query parameter): Get Many checks it on the
 * full records too, so that its answer does not depend on the server knowing the filter.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { fieldOf, listFiltersOf } from '../../catalog';
import { fieldValue } from '../../recordShape';
import { keyText } from '../planning/currentRecords';
import type { RecordTest } from './ledgerAnswers';

/** The test of the [inferred] filters set in `apiFilters` (exact matches on the field of the same name), or undefined. */
export function inferredFilterTest(resource: ResourceDef, apiFilters: IDataObject): RecordTest | undefined {
	const tests = listFiltersOf(resource)
		.filter((filter) => filter.evidence === 'inferred' && apiFilters[filter.name] !== undefined)
		.map((filter): RecordTest => {
			const field = fieldOf(resource, filter.name);
			const wanted = keyText(apiFilters[filter.name]);
			return (record) => keyText(field ? fieldValue(record, field) : record[filter.name]) === wanted;
		});
	return tests.length ? (record) => tests.every((test) => test(record)) : undefined;
}

/** Both tests, either, or none. */
export function bothTests(a: RecordTest | undefined, b: RecordTest | undefined): RecordTest | undefined {
	return a && b ? (record) => a(record) && b(record) : (a ?? b);
}
