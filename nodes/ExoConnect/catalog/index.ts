/**
 * THE resource catalog: every ExoConnect path, key, field and filter the package knows.
 *
 * Both the n8n UI (descriptions/) and the execution (actions/, transport/) read this table, and the
 * sandbox serves exactly what it lists. Most paths are inferred from the documented ones (see
 * shared/exoconnect-api.md §3): correcting one against a live server is a one-line change here.
 *
 * Where to find what (each entry marked [doc] or [inferred] beside it):
 * - a resource's path, code label, fields and filters: records.ts (§3 records) / ledgers.ts (§8 ledgers)
 * - a field shared by many resources (code, party, document header, line, address parts): fields.ts
 * - a common or document list filter, the document search, which filters are [doc]: filters.ts
 * - a ledger's filter or a documented enumeration (§8.2): ledgers.ts
 * - routes that are not collections, by-code / by-id, page and feed limits, line rules: routes.ts
 * - the updates helper's and the extracts' cursor names: feeds.ts
 * - what Map Automatically also recognises as a field's name: synonyms.ts
 * - the keys the node reads in answers (Check Compatibility): answers.ts
 * - the shapes of all of the above: types.ts; questions asked of the tables: queries.ts
 * Import from this folder ('../catalog'), not from its files.
 */

export type {
	DocumentDef,
	EntityKey,
	EnumChoice,
	Evidence,
	FieldDef,
	FieldKind,
	FilterDef,
	LocalFilterDef,
	MatchKey,
	RecordOperationKey,
	ResourceDef,
	ResourceGroup,
	SubListDef,
} from './types';
export { lineRules, listLimits, lookupSegments, routes, updatesLimits } from './routes';
export type { FeedDef } from './feeds';
export { changeFeed, extractFeed, feedKeysets, updatesFeed } from './feeds';
export { documentUpdateIgnores, lineFields, subFields, writeForms } from './fields';
export { commonFilters, documentedFilter, documentSearch, listFiltersOf } from './filters';
export { enumerations } from './ledgers';
export { inputSynonyms } from './synonyms';
export { answerKeys } from './answers';
export {
	coreResources,
	fieldDisplayName,
	fieldOf,
	lookupsOf,
	manyFeed,
	matchKeysOf,
	offers,
	operationsOf,
	resourceByKey,
	resourceByValue,
	resources,
	searchable,
	supportsUpsert,
} from './queries';
