/**
 * Finding a key that has no lookup route (a sales order's Reference) in the resource's list. The list is
 * read with documented filters only: the key's own filter when the contract documents it, else for a
 * document its party and a date window (Look Back (Days) before its date). The key is checked on every
 * record read, so a server that ignores a filter cannot make the node decide "not found" and write twice;
 * a window too large to read is an error that says what to do, never a guess.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MatchKey, ResourceDef } from '../../catalog';
import { documentedFilter, documentSearch, fieldOf } from '../../catalog';
import { OptionName } from '../../descriptions';
import { withArticle } from '../../descriptions/names';
import { fieldValue } from '../../recordShape';
import { searchByKey } from '../../transport';
import { keyText } from './currentRecords';
import type { RunContext } from '../run/runContext';

const DAY_MS = 86_400_000;

/** The first day a document matched on its key is looked for: Look Back days before its date (today when none). */
function windowStart(ctx: IExecuteFunctions, item: IDataObject, itemIndex: number): string {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wanted = Number(options[OptionName.lookBackDays] ?? documentSearch.defaultLookBackDays);
	const days = Number.isInteger(wanted) && wanted >= 1 ? wanted : documentSearch.defaultLookBackDays;
	const today = Date.now();
	const given = typeof item.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(item.date) ? Date.parse(item.date.slice(0, 10)) : NaN;
	const from = Number.isNaN(given) ? today : Math.min(given, today);
	// one day more: Acomba's "today" may already be tomorrow in UTC, or still yesterday
	return new Date(from - (days + 1) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The documented filters a key without a lookup route is searched by: the key's own filter when the
 * contract documents it, else for a document its party and the date window. What each one narrows, for
 * the message that says the search could not tell.
 */
function searchFilters(ctx: IExecuteFunctions, resource: ResourceDef, key: MatchKey, value: string, item: IDataObject, itemIndex: number): { filters: IDataObject; scope: string } {
	const many = resource.pluralName.toLowerCase();
	if (key.filter && documentedFilter(resource, key.filter)) return { filters: { [key.filter]: value }, scope: many };
	const filters: IDataObject = {};
	const scope: string[] = [];
	const document = resource.document;
	const party = document ? keyText(item[document.partyField]) : undefined;
	if (document && party !== undefined && documentedFilter(resource, document.partyField)) {
		filters[document.partyField] = party;
		scope.push(`of ${document.partyResource === 'suppliers' ? 'supplier' : 'customer'} ${party}`);
	}
	if (document && documentedFilter(resource, documentSearch.dateFrom)) {
		filters[documentSearch.dateFrom] = windowStart(ctx, item, itemIndex);
		scope.push(`dated from ${String(filters[documentSearch.dateFrom])} on`);
	}
	return { filters, scope: [many, ...scope].join(' ') };
}

/** The list searched for `value`, every record read checked; a list too long to read is an error, never "none". */
export async function findKeyInList(run: RunContext, resource: ResourceDef, key: MatchKey, value: string, item: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	const { ctx } = run;
	const field = fieldOf(resource, key.field);
	const holds = (record: IDataObject) => keyText(field ? fieldValue(record, field) : record[key.field]) === value;
	const { filters, scope } = searchFilters(ctx, resource, key, value, item, itemIndex);
	const result = await searchByKey(ctx, { resource, filters, holds, maxRecords: documentSearch.maxRecords, itemIndex }, run.api);
	if ('found' in result) return result.found;
	const label = field?.displayName ?? key.field;
	const counted = result.total === undefined ? `more than ${documentSearch.maxRecords.toLocaleString('en-US')}` : result.total.toLocaleString('en-US');
	const noParty = resource.document && filters[resource.document.partyField] === undefined;
	throw new NodeOperationError(ctx.getNode(), `Cannot tell whether ${withArticle(resource.displayName.toLowerCase())} with the ${label.toLowerCase()} "${value}" already exists`, {
		itemIndex,
		description: [
			`ExoConnect has no search by ${label.toLowerCase()}, so the node reads the ${scope} and checks each one: there are ${counted}, more than the ${documentSearch.maxRecords.toLocaleString('en-US')} it reads for one item. This item wrote nothing.`,
			noParty ? `Give the item its ${resource.document?.partyResource === 'suppliers' ? 'supplier' : 'customer'}, lower Look Back (Days) in the options,` : 'Lower Look Back (Days) in the options,',
			`or match on ${resource.codeLabel} instead.`,
		].join(' '),
	});
}
