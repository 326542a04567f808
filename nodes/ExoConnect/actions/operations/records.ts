/** The four record operations, generic over every catalog resource. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { listFiltersOf, manyFeed } from '../../catalog';
import { OptionName, paramName, RECORD_PARAM } from '../../descriptions';
import { relatedCode } from '../../recordShape';
import type { LookupBy } from '../../transport';
import { apiRequest, createRoute, listRecords, recordRoute, subListRoute } from '../../transport';
import { createBody, updateBody } from '../input/body';
import { extractRecords } from './extractMany';
import { readRecordLocator } from '../input/input';
import { localTest } from './ledgerAnswers';
import { mappedUpdateTarget, usesMapper } from '../input/mappedBody';
import type { RunContext } from '../run/runContext';
import { simplify } from './simplify';
import { fromCollection } from '../input/values';

async function readRecord(
	ctx: IExecuteFunctions,
	resource: ResourceDef,
	by: LookupBy,
	key: string | number,
	itemIndex: number,
): Promise<IDataObject> {
	return await apiRequest(ctx, {
		method: 'GET',
		route: recordRoute(resource, by, key),
		resource,
		lookup: { by, key },
		itemIndex,
	});
}

export async function getRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const { by, key } = readRecordLocator(ctx, RECORD_PARAM, itemIndex, resource);
	const record = await readRecord(ctx, resource, by, key, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	for (const sub of resource.subLists ?? []) {
		if (options[paramName(`include_${sub.key}`)] !== true) continue;
		const answer = await apiRequest(ctx, {
			method: 'GET',
			// no lookup: this answer is a list by design (the record itself was just read)
			route: subListRoute(resource, (record.id as number | undefined) ?? key, sub.key),
			resource,
			itemIndex,
		});
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
	// questions the API cannot filter on are answered here, on full records
	const keep = localTest(ctx, resource, filterValues, itemIndex);
	const feed = manyFeed(resource);
	if (feed) return await extractRecords(ctx, feed, apiFilters, limit, keep, itemIndex);
	// summaries (the API's default) unless Full Records is added: they are much lighter
	const full = options[OptionName.fullRecords] === true || keep !== undefined;
	const filters: IDataObject = { ...apiFilters, brief: !full };
	const read = await listRecords(ctx, resource, filters, keep ? undefined : limit, itemIndex);
	const records = keep ? read.filter(keep).slice(0, limit) : read;
	const simplified = full && resource.simplify !== false && options[OptionName.simplify] !== false;
	return simplified ? records.map((r) => simplify(resource, r)) : records;
}

/** The reread after a write, or why it failed: the write itself succeeded, so this never throws. */
export async function rereadAfterWrite(
	ctx: IExecuteFunctions,
	resource: ResourceDef,
	by: LookupBy,
	key: string | number,
	itemIndex: number,
): Promise<{ record: IDataObject } | { why: string }> {
	try {
		return { record: await readRecord(ctx, resource, by, key, itemIndex) };
	} catch (error) {
		const message = (error as Error | undefined)?.message;
		return { why: typeof message === 'string' && message ? message : 'unknown error' };
	}
}

/**
 * A written item never fails: failing it after ExoConnect wrote the record would have the user run it
 * again and write the record twice. The output is then ExoConnect's own answer, with a warning.
 */
export function notReread(resource: ResourceDef, answer: IDataObject, done: 'created' | 'updated', id: unknown, why: string, unchecked = ''): IDataObject {
	const name = resource.displayName.toLowerCase();
	const which = id === undefined ? '' : ` (ID ${String(id)})`;
	return {
		...answer,
		warnings: [
			`The ${name} was ${done}${which}, but it could not be read back: ${why}.${unchecked} The output is ExoConnect's answer. Do not run this item again: the ${name} exists; read it later with Get.`,
		],
	};
}

export async function createRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const body = await createBody(run, resource, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const answer = await apiRequest(ctx, { method: 'POST', route: createRoute(resource), body, resource, itemIndex });
	if (options[OptionName.returnFullRecord] === false || answer.created_id === undefined) return [answer];
	const reread = await rereadAfterWrite(ctx, resource, 'id', answer.created_id as number, itemIndex);
	return ['record' in reread ? reread.record : notReread(resource, answer, 'created', answer.created_id, reread.why)];
}

const SALES_REP = 'sales_rep_code';

export async function updateRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const { by, key, body } = usesMapper(run, itemIndex)
		? await mappedUpdateTarget(run, resource, itemIndex)
		: { ...readRecordLocator(ctx, RECORD_PARAM, itemIndex, resource), body: updateBody(ctx, resource, itemIndex) };
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const answer = await apiRequest(ctx, {
		method: 'PUT',
		route: recordRoute(resource, by, key),
		body,
		resource,
		lookup: { by, key },
		itemIndex,
	});
	// ExoConnect answers success but keeps a document's old sales rep: reread to tell the user
	const checkSalesRep = resource.document !== undefined && body[SALES_REP] !== undefined;
	if (options[OptionName.returnFullRecord] === false && !checkSalesRep) return [answer];
	const updatedId = answer.updated_id as number | undefined;
	const reread = updatedId !== undefined
		? await rereadAfterWrite(ctx, resource, 'id', updatedId, itemIndex)
		: await rereadAfterWrite(ctx, resource, by, key, itemIndex);
	if (!('record' in reread)) {
		const unchecked = checkSalesRep ? ' So the node could not check that the sales rep was changed (see the known ExoConnect limitation).' : '';
		return [notReread(resource, answer, 'updated', updatedId, reread.why, unchecked)];
	}
	const { record } = reread;
	const result: IDataObject = options[OptionName.returnFullRecord] === false ? { ...answer } : { ...record };
	const keptRep = relatedCode(record, 'sales_rep');
	if (checkSalesRep && keptRep !== String(body[SALES_REP])) {
		result.warnings = [
			`The sales rep was not changed: ExoConnect accepted "${String(body[SALES_REP])}" but the ${resource.displayName.toLowerCase()} still has "${keptRep ?? 'none'}". This is a known ExoConnect limitation; change the sales rep in Acomba.`,
		];
	}
	return [result];
}
