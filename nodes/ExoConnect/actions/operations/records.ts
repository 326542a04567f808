/** The four record operations, generic over every catalog resource. */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { listFiltersOf, manyFeed } from '../../catalog';
import { OptionName, paramName, RECORD_PARAM } from '../../descriptions';
import type { LookupBy } from '../../transport';
import { apiRequest, listRecords, recordRoute, subListRoute } from '../../transport';
import { createFields, updateBody } from '../input/body';
import { extractRecords } from './extractMany';
import { readRecordLocator } from '../input/input';
import { bothTests, inferredFilterTest } from './inferredFilters';
import { localTest } from './ledgerAnswers';
import type { UpdateTarget } from '../input/mappedBody';
import { mappedUpdateFields, usesMapper } from '../input/mappedBody';
import { markWritten } from '../planning/currentRecords';
import { needsCurrent, planWrite } from '../planning/plan';
import { currentOfUpdate, withPartyCode } from '../planning/resolve';
import type { RunContext } from '../run/runContext';
import { simplify } from './simplify';
import { isPreview, notReread, previewOf, rereadAfterWrite, sendCreate, sendUpdate, withWarnings } from './write';
import { fromCollection } from '../input/values';

async function readRecord(
	run: RunContext,
	resource: ResourceDef,
	by: LookupBy,
	key: string | number,
	itemIndex: number,
): Promise<IDataObject> {
	return await apiRequest(run.ctx, {
		method: 'GET',
		route: recordRoute(resource, by, key),
		resource,
		lookup: { by, key },
		itemIndex,
		answer: 'record',
	}, run.api);
}

export async function getRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const { by, key } = readRecordLocator(ctx, RECORD_PARAM, itemIndex, resource);
	const record = await readRecord(run, resource, by, key, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	for (const sub of resource.subLists ?? []) {
		if (options[paramName(`include_${sub.key}`)] !== true) continue;
		const answer = await apiRequest(ctx, {
			method: 'GET',
			// no lookup: this answer is a list by design (the record itself was just read)
			route: subListRoute(resource, (record.id as number | undefined) ?? key, sub.key),
			resource,
			itemIndex,
			answer: 'lines',
		}, run.api);
		record[sub.key] = Array.isArray(answer.items) ? answer.items : Array.isArray(answer) ? (answer as IDataObject[]) : [];
	}
	return [options[OptionName.simplify] === true ? simplify(resource, record) : record];
}

export async function getManyRecords(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	const filterValues = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const apiFilters = fromCollection(filterValues, listFiltersOf(resource));
	// questions the API cannot filter on are answered here, on full records, and so are filters it may not know
	const keep = bothTests(localTest(ctx, resource, filterValues, itemIndex), inferredFilterTest(resource, apiFilters));
	const feed = manyFeed(resource);
	if (feed) return await extractRecords(run, feed, apiFilters, limit, keep, itemIndex);
	// summaries (the API's default) unless Full Records is added: they are much lighter
	const full = options[OptionName.fullRecords] === true || keep !== undefined;
	const filters: IDataObject = { ...apiFilters, brief: !full };
	const read = await listRecords(ctx, resource, filters, keep ? undefined : limit, itemIndex, run.api);
	const records = keep ? read.filter(keep).slice(0, limit) : read;
	const simplified = full && resource.simplify !== false && options[OptionName.simplify] !== false;
	return simplified ? records.map((r) => simplify(resource, r)) : records;
}

export async function createRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const plan = planWrite(resource, 'create', await withPartyCode(run, createFields(run, resource, itemIndex), itemIndex));
	if (isPreview(options)) return [previewOf(resource, plan, undefined, {})];
	const answer = await sendCreate(run, resource, plan.body, itemIndex);
	if (options[OptionName.returnFullRecord] === false || answer.created_id === undefined) return [answer];
	const reread = await rereadAfterWrite(run, resource, 'id', answer.created_id as number, itemIndex);
	return ['record' in reread ? reread.record : notReread(resource, answer, 'created', answer.created_id, reread.why)];
}

export async function updateRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const preview = isPreview(options);
	const { target, body: wanted } = usesMapper(run, itemIndex)
		? mappedUpdateFields(run, resource, itemIndex)
		: { target: readRecordLocator(ctx, RECORD_PARAM, itemIndex, resource) as UpdateTarget, body: updateBody(ctx, resource, itemIndex) };
	// the current record only when the write needs it (a structured field, a document's sales rep) or to preview
	const current = 'match' in target || preview || needsCurrent(resource, wanted) ? await currentOfUpdate(run, resource, target, itemIndex, wanted) : undefined;
	const plan = planWrite(resource, 'update', wanted, current);
	if (preview) return [previewOf(resource, plan, current, {})];
	if (plan.action === 'unchanged') return [withWarnings({ ...current }, plan.warnings)];
	// the record is written where the user named it; one found by another key, by its ID
	const { by, key } = 'match' in target ? { by: 'id' as const, key: String(current?.id) } : target;
	const answer = await sendUpdate(run, resource, by, key, plan.body, itemIndex);
	if (by === 'code') await markWritten(run, resource, { field: 'code' }, key);
	else if ('match' in target) await markWritten(run, resource, target.match, target.value);
	if (options[OptionName.returnFullRecord] === false) return [withWarnings(answer, plan.warnings)];
	const updatedId = answer.updated_id as number | undefined;
	const reread = updatedId !== undefined ? await rereadAfterWrite(run, resource, 'id', updatedId, itemIndex) : await rereadAfterWrite(run, resource, by, key, itemIndex);
	const out = 'record' in reread ? reread.record : notReread(resource, answer, 'updated', updatedId, reread.why);
	return [withWarnings(out, plan.warnings)];
}
