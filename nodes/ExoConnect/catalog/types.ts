/**
 * The catalog's types: what a resource, a field, a filter and a match key are. The data is in
 * records.ts and ledgers.ts; this file holds no value.
 */

import type { lookupSegments } from './routes';

/** Entity keys as the API names them (contract §3). */
export type EntityKey =
	| 'charters'
	| 'taxes'
	| 'tax_groups'
	| 'sales_reps'
	| 'territories'
	| 'carriers'
	| 'sales_terms'
	| 'customers'
	| 'quotes'
	| 'sales_orders'
	| 'invoices'
	| 'purchase_terms'
	| 'suppliers'
	| 'purchase_orders'
	| 'product_groups'
	| 'products'
	// contract §8.2: ledgers, payments, credit notes, tax exceptions, inventory movements
	| 'customer_transactions'
	| 'customer_payments'
	| 'credits'
	| 'supplier_invoices'
	| 'supplier_payments'
	| 'tax_exceptions'
	| 'inventory_movements';

export type FieldKind =
	| 'string'
	| 'number'
	| 'integer'
	| 'boolean'
	| 'date'
	| 'dateTime'
	| 'options'
	/** an array of codes of another resource (a tax group's taxes) */
	| 'codeList'
	| 'address'
	| 'shippingAddress'
	| 'phones'
	| 'emails'
	/** a free text the API wraps as `{text, …}` in full records; sent in the form `writeForms.comment` says */
	| 'comment'
	/** document lines (contract §4) */
	| 'lines'
	/** a documented enumeration (contract §8.2): the UI shows labels, the API takes the integer id */
	| 'enumeration'
	/** a JSON object (an AR transaction's terms) */
	| 'object'
	/** a JSON array of objects (an AR transaction's allocations) */
	| 'objectList';

/** One value of a documented enumeration `{id, code, label}` (label in French) [doc: contract §8.2]. */
export interface EnumChoice {
	id: number;
	code: string;
	/** Acomba's (French) label */
	label: string;
	/** what the English UI shows */
	name: string;
}

export interface FieldDef {
	/** the API's snake_case key */
	name: string;
	displayName: string;
	kind: FieldKind;
	description?: string;
	/** choices for kind 'options' */
	choices?: Array<{ name: string; value: string }>;
	/** the documented values of kind 'enumeration' (an expression may give any other id) */
	enumeration?: EnumChoice[];
	/** the field holds the code of a record of this resource: the UI offers a dropdown */
	relation?: EntityKey;
	/** computed by the server: never offered as an input */
	readOnly?: boolean;
	/**
	 * Where the body name `name` comes from: [doc] a documented body shows it, [inferred] our reading of the
	 * conventions (contract §9: bodies of customers, suppliers and products are shown nowhere).
	 */
	evidence?: Evidence;
	/**
	 * Where a full record shows the value when not under `name`, as a dotted path: `sales_rep.code`,
	 * `comment.text`, `prices.regular` (contract §9, [doc]). Readers take `name` first, then this path.
	 */
	shownAs?: string;
	/** other body names accepted from Custom Fields (JSON), sent as `name` (the carrier's `carrier_code`) */
	aliases?: string[];
}

/** A unique key Create or Update can find a record by (besides the code, which every lookup route takes). */
export interface MatchKey {
	/** the field holding it */
	field: string;
	/**
	 * Set: the record is found in the list, never by `by-code`, and this is the list filter on the key. The
	 * node sends it only when `filters` marks it [doc]; either way it checks the key on every record it reads,
	 * so a server that ignores the filter cannot make it decide "not found". A document's list is narrowed
	 * by its [doc] filters instead: its party and a date window (`documentSearch`).
	 */
	filter?: string;
}

/** How sure a name or value is: [doc] shown by the ExoConnect documentation, [inferred] our choice. */
export type Evidence = 'doc' | 'inferred';

export interface FilterDef {
	/** query-string parameter */
	name: string;
	displayName: string;
	kind: 'string' | 'date' | 'dateTime' | 'boolean' | 'integer' | 'enumeration';
	relation?: EntityKey;
	enumeration?: EnumChoice[];
	description?: string;
	/**
	 * [doc] the contract documents the filter; [inferred] our guess, which a server may ignore (FastAPI
	 * ignores unknown query parameters). Nothing the node decides may rest on an [inferred] filter.
	 */
	evidence: Evidence;
}

/**
 * A question the API cannot filter on (contract §8.3): the node reads full records and keeps those that
 * match. `isFalse`: the value at `path` is not `true`; `from` / `to`: the date at `path` is on or
 * after / on or before the day given.
 */
export interface LocalFilterDef {
	/** parameter name inside Get Many's Filters */
	name: string;
	displayName: string;
	kind: 'boolean' | 'date';
	/** dotted path in the full record: `status.is_paid_in_full` */
	path: string;
	test: 'isFalse' | 'from' | 'to';
	description: string;
}

/** A list that belongs to one record, read with `{record route}/{segment}` and added to it on request. */
export interface SubListDef {
	/** the key the items get in the record, and the route's last segment */
	key: string;
	/** option of Get, e.g. "Include Lines" */
	displayName: string;
	description: string;
}

/** The record operations a resource may offer; which ones it does is data (ResourceDef.operations). */
export type RecordOperationKey = 'create' | 'get' | 'getMany' | 'update';

export interface DocumentDef {
	/** `customer_code` or `supplier_code` */
	partyField: 'customer_code' | 'supplier_code';
	partyResource: 'customers' | 'suppliers';
	/** the object the full document carries for its party (`customer {id, code, name}`) */
	partyObject: 'customer' | 'supplier';
}

export type ResourceGroup = 'Accounting' | 'Sales' | 'Purchasing' | 'Inventory';

export interface ResourceDef {
	key: EntityKey;
	/** value of the n8n `resource` parameter */
	value: string;
	displayName: string;
	pluralName: string;
	/** the name used in Acomba's (French) UI and in the ExoConnect docs */
	frenchName: string;
	group: ResourceGroup;
	/** collection path `C` of contract §2 */
	path: string;
	/** what the accountant calls the code: "Account Number", "SKU", "Quote Number"… */
	codeLabel: string;
	/** the field that holds the record's name; brief list items expose it as `name` */
	nameField: 'description' | 'name';
	/** fields "Simplify" keeps besides the id, code, name, required fields and status (read in either form) */
	simplifyKeeps?: string[];
	/** fields a create must carry (contract §3 "create requires") */
	createRequired: string[];
	/** whether `PUT …/by-code|by-id` exists (Acomba invoices are immutable) */
	update: boolean;
	/** every writable field, required ones included (the code field `code` too) */
	fields: FieldDef[];
	/** resource-specific list filters, beside the common ones */
	filters: FilterDef[];
	document?: DocumentDef;
	/**
	 * Keys Create or Update may match on, the default first; absent: the code. A document keyed by the
	 * shop's order number matches on `reference` (contract §4), so a webhook delivered twice writes one order.
	 */
	matchKeys?: MatchKey[];
	/**
	 * Where its changes come from: the incremental extract route (contract §8.1); `false` when it has no
	 * change feed at all; absent: the updates helper (§5.1), which serves every resource of §3.
	 */
	extract?: string | false;
	/** the operations its routes support; absent: Create, Get, Get Many, and Update when `update` (§3) */
	operations?: RecordOperationKey[];
	/** how Get finds a record; absent: by code and by ID (§2) */
	lookups?: Array<keyof typeof lookupSegments>;
	/** where Get Many reads: the page list at `path` (default), or the extract (no page list, §8.2) */
	many?: 'pages' | 'extract';
	/** `POST` route of Create when it is not `path` (§8.2: supplier invoices) */
	createPath?: string;
	/** base of `…/by-id/{id}` when it is not `path` (§8.2: credit notes) */
	recordPath?: string;
	/** whether `filters` lists every filter of the route, the common ones of §2 included (§8.2) */
	ownFiltersOnly?: boolean;
	/** answers the API has no filter for: checked by the node on full records (§8.3) */
	localFilters?: LocalFilterDef[];
	/** lists of a record that Get can add to it (a customer payment's lines) */
	subLists?: SubListDef[];
	/** false: Get Many offers no Simplify (ledger records nest what matters: customer, amounts, status) */
	simplify?: false;
}
