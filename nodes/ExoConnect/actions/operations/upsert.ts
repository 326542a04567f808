/**
 * Create or Update: finds the record by its key (the code, or a sales order's reference), creates it when
 * there is none, and otherwise sends only the fields that differ — a record with none is not written.
 * A create refused with 409 (someone created the code between the lookup and the create) becomes an
 * update. Each output item says what happened: `action` is "created", "updated" or "unchanged".
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { MatchKey, ResourceDef } from '../../catalog';
import { fieldOf, matchKeysOf } from '../../catalog';
import { OptionName } from '../../descriptions';
import { createSchema, updateSchema, validate } from '../../schemas';
import { apiRequest, createRoute, helperError, recordRoute } from '../../transport';
import { createBody } from '../input/body';
import { check } from '../input/check';
import { changedFields } from '../planning/compare';
import { currentRecord, markWritten, oneAtATime } from '../planning/currentRecords';
import { inputError } from '../input/input';
import { mappedBody, matchKeyOf, usesMapper } from '../input/mappedBody';
import type { RunContext } from '../run/runContext';
import { notReread, rereadAfterWrite } from './records';

type Action = 'created' | 'updated' | 'unchanged';

interface Sync {
	run: RunContext;
	ctx: IExecuteFunctions;
	resource: ResourceDef;
	key: MatchKey;
	value: string;
	body: IDataObject;
	returnFullRecord: boolean;
	itemIndex: number;
}

/** The body and key of the item: from the mapper, or from the Create form (matched on the default key). */
async function readItem(run: RunContext, resource: ResourceDef, itemIndex: number, options: IDataObject): Promise<{ body: IDataObject; matchOn: string }> {
	const { ctx } = run;
	if (!usesMapper(run, itemIndex)) return { body: await createBody(run, resource, itemIndex), matchOn: matchKeysOf(resource)[0].field };
	const mapped = mappedBody(run, resource, itemIndex, options);
	// types are checked before anything is sent; the fields a create requires, once it is known to create
	const body = check(ctx, resource, mapped.body, mapped.problems, validate(updateSchema(resource), mapped.body), itemIndex);
	return { body, matchOn: mapped.matchOn };
}

async function output(sync: Sync, action: Exclude<Action, 'unchanged'>, answer: IDataObject, id: unknown, sent: IDataObject): Promise<IDataObject> {
	const { ctx, resource, itemIndex } = sync;
	if (!sync.returnFullRecord || id === undefined) return { action, id: id as number, ...sent };
	const reread = await rereadAfterWrite(ctx, resource, 'id', id as number, itemIndex);
	return { action, ...('record' in reread ? reread.record : notReread(resource, answer, action, id, reread.why)) };
}

/** Creates the record; on 409 (created by someone else since the lookup) hands back the record now there. */
async function create(sync: Sync): Promise<{ output: IDataObject } | { current: IDataObject }> {
	const { run, ctx, resource, key, value, body, itemIndex } = sync;
	check(ctx, resource, body, [], validate(createSchema(resource), body), itemIndex);
	try {
		const answer = await apiRequest(ctx, { method: 'POST', route: createRoute(resource), body, resource, itemIndex });
		await markWritten(run, resource, key, value);
		return { output: await output(sync, 'created', answer, answer.created_id, body) };
	} catch (error) {
		// a 409 means nothing was written: the record that now holds the key is updated instead
		if (!(error instanceof NodeApiError && error.httpCode === '409')) throw helperError(ctx.getNode(), error, itemIndex);
		await markWritten(run, resource, key, value);
		const current = await currentRecord(run, resource, key, value, itemIndex);
		if (!current) {
			const label = fieldOf(resource, key.field)?.displayName ?? key.field;
			throw inputError(ctx, resource, [{ path: [label], message: `ExoConnect refused to create "${value}" as existing, but no ${resource.displayName.toLowerCase()} has it` }], itemIndex);
		}
		return { current };
	}
}

async function sync(sync: Sync): Promise<IDataObject> {
	const { run, ctx, resource, key, value, body, itemIndex } = sync;
	let current = await currentRecord(run, resource, key, value, itemIndex);
	if (!current) {
		const created = await create(sync);
		if ('output' in created) return created.output;
		current = created.current;
	}
	const changes = changedFields(resource, body, current);
	if (Object.keys(changes).length === 0) return { action: 'unchanged', ...current };
	const answer = await apiRequest(ctx, {
		method: 'PUT',
		route: recordRoute(resource, 'id', current.id as number),
		body: changes,
		resource,
		lookup: { by: 'id', key: current.id as number },
		itemIndex,
	});
	await markWritten(run, resource, key, value);
	return await output(sync, 'updated', answer, current.id, { [key.field]: value, ...changes });
}

export async function upsertRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { body, matchOn } = await readItem(run, resource, itemIndex, options);
	const { key, value } = matchKeyOf(ctx, resource, matchOn, body, itemIndex);
	const state: Sync = { run, ctx, resource, key, value, body, returnFullRecord: options[OptionName.returnFullRecord] === true, itemIndex };
	return [await oneAtATime(run, `${resource.key}:${key.field}:${value}`, async () => await sync(state))];
}
