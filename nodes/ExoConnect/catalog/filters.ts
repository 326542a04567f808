/**
 * List filters shared by many resources (the common ones of §2, the documents' of §3), how a document is
 * found without its number, and which filters a resource sends and which of them the contract documents.
 * The ledgers' own filters are in ledgers.ts.
 */

import type { FilterDef, ResourceDef } from './types';

/** Common list filters (contract §2), offered on every resource's Get Many. */
export const commonFilters: FilterDef[] = [
	{
		name: 'active_only',
		displayName: 'Active Only',
		kind: 'boolean',
		description: 'Whether to hide inactive records',
		evidence: 'doc',
	},
	{
		name: 'from_datetime',
		displayName: 'Modified After',
		kind: 'dateTime',
		description: 'Only records last modified at or after this time',
		evidence: 'doc',
	},
	{
		name: 'to_datetime',
		displayName: 'Modified Before',
		kind: 'dateTime',
		description: 'Only records last modified at or before this time',
		evidence: 'doc',
	},
	{
		name: 'description_prefix',
		displayName: 'Name Starts With',
		kind: 'string',
		description: 'Only records whose name or description starts with this text (not case-sensitive)',
		evidence: 'doc',
	},
];

// §3 lists the documents' filters: the party's code and the document date, nothing else
export const documentDateFilters: FilterDef[] = [
	{ name: 'date_from', displayName: 'Document Date From', kind: 'date', evidence: 'doc' },
	{ name: 'date_to', displayName: 'Document Date To', kind: 'date', evidence: 'doc' },
];
export const customerFilter: FilterDef = {
	name: 'customer_code',
	displayName: 'Customer',
	kind: 'string',
	relation: 'customers',
	description: 'Only documents of this customer',
	evidence: 'doc',
};

/**
 * How a document is found without its number (Create or Update matched on Reference): the list of its
 * party's documents (the filter named as the party field, `customer_code`) dated from a day on
 * (`dateFrom`), full records (`brief=false`), all [doc] filters; the node checks the key on each one.
 */
export const documentSearch = {
	dateFrom: 'date_from',
	/** days before the document's date (today when the item gives none) the search starts by default */
	defaultLookBackDays: 90,
	/** more documents than this in the window: the node says it cannot tell, rather than read on */
	maxRecords: 5_000,
} as const;

/** Every filter Get Many sends to the API for the resource. */
export function listFiltersOf(resource: ResourceDef): FilterDef[] {
	return resource.ownFiltersOnly ? resource.filters : [...commonFilters, ...resource.filters];
}

/** The list filter `name` when the contract documents it ([doc]); an [inferred] one is never relied on. */
export function documentedFilter(resource: ResourceDef, name: string): FilterDef | undefined {
	return listFiltersOf(resource).find((f) => f.name === name && f.evidence === 'doc');
}
