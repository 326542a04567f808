/**
 * Create or Update: finds the record by its key (the code, or a sales order's reference), creates it when
 * there is none, and otherwise writes what the planner finds different — a record with nothing different
 * is not written. A create refused with 409 (someone created the code between the lookup and the create)
 * becomes an update. Each output item says what happened: `action` is "created", "updated" or "unchanged".
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { MatchKey, ResourceDef } from '../../catalog';
import { fieldOf, matchKeysOf } from '../../catalog';
import { OptionName } from '../../descriptions';
import { createSchema, updateSchema, validate } from '../../schemas';
import { helperError } from '../../transport';
import type { WantedFields } from '../input/body';
import { createFields } from '../input/body';
import { check } from '../input/check';
import { inputError } from '../input/input';
import { mappedBody, matchKeyOf, usesMapper } from '../input/mappedBody';
import { currentRecord, markWritten, oneAtATime } from '../planning/currentRecords';
import type { Plan } from '../planning/plan';
import { planWrite } from '../planning/plan';
import { withPartyCode } from '../planning/resolve';
import type { RunContext } from '../run/runContext';
import { isPreview, notReread, previewOf, rereadAfterWrite, sendCreate, sendUpdate, withWarnings } from './write';

interface Sync {
	run: RunContext;
	resource: ResourceDef;
	key: MatchKey;
	value: string;
	body: IDataObject;
	returnFullRecord: boolean;
	preview: boolean;
	itemIndex: number;
}

/** The fields and key of the item: from the mapper, or from the Create form (matched on the default key). */
function readItem(run: RunContext, resource: ResourceDef, itemIndex: number, options: IDataObject): WantedFields & { matchOn: string } {
	if (!usesMapper(run, itemIndex)) return { ...createFields(run, resource, itemIndex), matchOn: matchKeysOf(resource)[0].field };
	const mapped = mappedBody(run, resource, itemIndex, options);
	// types are checked before anything is sent; the fields a create requires, once it is known to create
	const body = check(run.ctx, resource, mapped.body, mapped.problems, validate(updateSchema(resource), mapped.body), itemIndex);
	return { body, matchOn: mapped.matchOn };
}

async function output(sync: Sync, action: 'created' | 'updated', answer: IDataObject, id: unknown, sent: IDataObject): Promise<IDataObject> {
	const { run, resource, itemIndex } = sync;
	if (!sync.returnFullRecord || id === undefined) return { action, id: id as number, ...sent };
	const reread = await rereadAfterWrite(run, resource, 'id', id as number, itemIndex);
	return { action, ...('record' in reread ? reread.record : notReread(resource, answer, action, id, reread.why)) };
}

/** Creates the record; on 409 (created by someone else since the lookup) hands back the record now there. */
async function create(sync: Sync, plan: Plan): Promise<{ output: IDataObject } | { current: IDataObject }> {
	const { run, resource, key, value, itemIndex } = sync;
	try {
		const answer = await sendCreate(run, resource, plan.body, itemIndex);
		await markWritten(run, resource, key, value);
		return { output: await output(sync, 'created', answer, answer.created_id, plan.body) };
	} catch (error) {
		// a 409 means nothing was written: the record that now holds the key is updated instead
		if (!(error instanceof NodeApiError && error.httpCode === '409')) throw helperError(run.ctx.getNode(), error, itemIndex);
		await markWritten(run, resource, key, value);
		const current = await currentRecord(run, resource, key, value, itemIndex, sync.body);
		if (!current) {
			const label = fieldOf(resource, key.field)?.displayName ?? key.field;
			throw inputError(run.ctx, resource, [{ path: [label], message: `ExoConnect refused to create "${value}" as existing, but no ${resource.displayName.toLowerCase()} has it` }], itemIndex);
		}
		return { current };
	}
}

async function sync(sync: Sync): Promise<IDataObject> {
	const { run, resource, key, value, body, itemIndex } = sync;
	const identity = { [key.field]: value };
	let current = await currentRecord(run, resource, key, value, itemIndex, body);
	if (!current) {
		check(run.ctx, resource, body, [], validate(createSchema(resource), body), itemIndex);
		const plan = planWrite(resource, 'create', body);
		if (sync.preview) return previewOf(resource, plan, undefined, identity);
		const created = await create(sync, plan);
		if ('output' in created) return created.output;
		current = created.current;
	}
	const plan = planWrite(resource, 'sync', body, current);
	if (sync.preview) return previewOf(resource, plan, current, identity);
	if (plan.action === 'unchanged') return withWarnings({ action: 'unchanged', ...current }, plan.warnings);
	const answer = await sendUpdate(run, resource, 'id', current.id as number, plan.body, itemIndex);
	await markWritten(run, resource, key, value);
	return withWarnings(await output(sync, 'updated', answer, current.id, { ...identity, ...plan.body }), plan.warnings);
}

export async function upsertRecord(run: RunContext, resource: ResourceDef, itemIndex: number): Promise<IDataObject[]> {
	const options = run.ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wanted = readItem(run, resource, itemIndex, options);
	const { key, value } = matchKeyOf(run.ctx, resource, wanted.matchOn, wanted.body, itemIndex);
	const body = await withPartyCode(run, wanted, itemIndex);
	const state: Sync = { run, resource, key, value, body, returnFullRecord: options[OptionName.returnFullRecord] === true, preview: isPreview(options), itemIndex };
	return [await oneAtATime(run, `${resource.key}:${key.field}:${value}`, async () => await sync(state))];
}
