/**
 * The resolve step: every lookup a write needs before its body can be planned — a document's party code
 * picked by ID, the current record of an Update or a Create or Update. Party codes are looked up once per
 * run; current records come from the run's list, read once in bulk, when many items need them.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MatchKey, ResourceDef } from '../../catalog';
import { fieldOf, matchKeysOf } from '../../catalog';
import { apiRequest, recordRoute } from '../../transport';
import type { WantedFields } from '../input/body';
import type { UpdateTarget } from '../input/mappedBody';
import type { RunContext } from '../run/runContext';
import { currentRecord } from './currentRecords';

/** The body with the party's code in place of the ID the item picked it by. */
export async function withPartyCode(run: RunContext, wanted: WantedFields, itemIndex: number): Promise<IDataObject> {
	const lookup = wanted.partyById;
	if (!lookup) return wanted.body;
	const id = `${lookup.party.key}:${lookup.id}`;
	let code = run.partyCodes.get(id);
	if (!code) {
		code = apiRequest(run.ctx, {
			method: 'GET',
			route: recordRoute(lookup.party, 'id', lookup.id),
			resource: lookup.party,
			lookup: { by: 'id', key: lookup.id },
			itemIndex,
			answer: 'record',
		}, run.api).then((record) => String(record.code));
		run.partyCodes.set(id, code);
		// a failed lookup is not remembered: the next item asks again
		code.catch(() => run.partyCodes.delete(id));
	}
	return { ...wanted.body, [lookup.field]: await code };
}

function notFound(run: RunContext, resource: ResourceDef, key: MatchKey, value: string, itemIndex: number): NodeOperationError {
	const label = key.field === 'code' ? resource.codeLabel : (fieldOf(resource, key.field)?.displayName ?? key.field);
	return new NodeOperationError(run.ctx.getNode(), `No ${resource.displayName.toLowerCase()} has the ${label.toLowerCase()} "${value}"`, {
		itemIndex,
		description: 'This item wrote nothing. Check the value, or use Create or Update to create it when it does not exist.',
	});
}

/** The current record an Update is about, and how the write addresses it. */
export async function currentOfUpdate(
	run: RunContext,
	resource: ResourceDef,
	target: UpdateTarget,
	itemIndex: number,
	wanted: IDataObject = {},
): Promise<IDataObject> {
	if ('match' in target) {
		// the item's party and date narrow the search of a key without a lookup route
		const found = await currentRecord(run, resource, target.match, target.value, itemIndex, wanted);
		if (!found) throw notFound(run, resource, target.match, target.value, itemIndex);
		return found;
	}
	if (target.by === 'id') {
		return await apiRequest(run.ctx, { method: 'GET', route: recordRoute(resource, 'id', target.key), resource, lookup: { by: 'id', key: target.key }, itemIndex, answer: 'record' }, run.api);
	}
	// by code: from the run's list when many items need their record
	const codeKey = matchKeysOf(resource).find((k) => k.field === 'code' && !k.filter) ?? { field: 'code' };
	const found = await currentRecord(run, resource, codeKey, target.key, itemIndex);
	if (!found) throw notFound(run, resource, codeKey, target.key, itemIndex);
	return found;
}
