/**
 * THE resource catalog: every ExoConnect path, key, field and filter the package knows.
 *
 * Both the n8n UI (descriptions/) and the execution (actions/, transport/) read this table, and the
 * sandbox serves exactly what it lists. Most paths are inferred from the documented ones (see
 * shared/exoconnect-api.md §3): correcting one against a live server is a one-line change here.
 */

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

/** Lookup segments of `C/by-code/{code}` and `C/by-id/{id}`. */
export const lookupSegments = { code: 'by-code', id: 'by-id' } as const;

/** Routes that are not record collections (contract §5 and §6). */
export const routes = {
	updates: '/api/helpers/updates',
	entities: '/api/helpers/entities',
	status: '/system/status',
	/** §8.2 [doc]: "Lister les fenêtres d'arrêt SDK" */
	sdkWindows: '/system/sdk/windows',
	/** §8.2 [doc]: the receivables ledger's invoices (the node reads the ledger itself: customer transactions) */
	arInvoices: '/api/customers/invoice-ar',
} as const;

/** List parameters shared by every collection (contract §2). */
export const listLimits = {
	defaultPageSize: 50,
	maxPageSize: 500,
} as const;

/** Limits of the updates helper (contract §5.1) and of every extract feed (§8.1, inferred as §5.1). */
export const updatesLimits = {
	defaultLimit: 100,
	maxLimit: 500,
} as const;

/**
 * A change feed: a route answering changes strictly after a keyset cursor (modified_at, id), oldest first.
 * The updates helper (§5.1) and every `…/extract` route (§8.1) are feeds; they spell the cursor differently.
 */
export interface FeedDef {
	kind: 'updates' | 'extract';
	route: string;
	/** the entity the changes belong to */
	entity: string;
	/** query names of the cursor, and field names of the answer's `next_cursor` */
	keyset: { at: string; id: string; nextAt: string; nextId: string };
	/** query parameters every page carries (the updates helper's entity) */
	fixed: Record<string, string>;
	/** the query switch that leaves full records out, where the feed has one */
	recordSwitch?: string;
}

export const feedKeysets = {
	/** §5.1 [inferred]: `since`, `cursor_id`; next_cursor {since, cursor_id} */
	updates: { at: 'since', id: 'cursor_id', nextAt: 'since', nextId: 'cursor_id' },
	/** §8.1 [doc]: `cursor_modified_at`, `cursor_card_pos`; next_cursor {modified_at, card_pos} */
	extract: { at: 'cursor_modified_at', id: 'cursor_card_pos', nextAt: 'modified_at', nextId: 'card_pos' },
} as const;

/** The updates helper's feed of one entity (contract §5.1). */
export function updatesFeed(entity: EntityKey): FeedDef {
	return {
		kind: 'updates',
		route: routes.updates,
		entity,
		keyset: feedKeysets.updates,
		fixed: { entity },
		recordSwitch: 'include_record',
	};
}

/** An `…/extract` feed (contract §8.1): full records, no switch. */
export function extractFeed(entity: string, route: string): FeedDef {
	return { kind: 'extract', route, entity, keyset: feedKeysets.extract, fixed: {} };
}

/** Where a resource's changes come from: its extract route, the updates helper, or nowhere (undefined). */
export function changeFeed(resource: ResourceDef): FeedDef | undefined {
	if (resource.extract === false) return undefined;
	return resource.extract ? extractFeed(resource.key, resource.extract) : updatesFeed(resource.key);
}

/** Document line rules (contract §4). */
export const lineRules = {
	maxDescriptionLength: 90,
} as const;

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

// ---- reusable field definitions -------------------------------------------------------------

const code = (codeLabel: string, description?: string): FieldDef => ({
	name: 'code',
	displayName: codeLabel,
	kind: 'string',
	description,
});
const description = (displayName = 'Description', text?: string): FieldDef => ({
	name: 'description',
	displayName,
	kind: 'string',
	description: text,
});
const isActive: FieldDef = {
	name: 'is_active',
	displayName: 'Is Active',
	kind: 'boolean',
	description: 'Whether the record is active in Acomba',
	// the body name is §3's [inferred]; full records show it in status {is_active, is_deleted} [doc]
	evidence: 'inferred',
	shownAs: 'status.is_active',
};
const related = (name: string, displayName: string, relation: EntityKey, more: Partial<FieldDef> = {}): FieldDef => ({
	name,
	displayName,
	kind: 'string',
	relation,
	...more,
});

/**
 * How a customer's or product's comment is sent. Full records show `comment {text, …}` [doc]; no body is
 * documented, so sending the same object is [inferred] (§3 read it as a plain string, also [inferred]).
 * Change this one value to send `'string'`.
 */
export const writeForms: { comment: 'object' | 'string' } = { comment: 'object' };

const comment = (description: string): FieldDef => ({
	name: 'comment',
	displayName: 'Comment',
	kind: 'comment',
	description,
	evidence: 'inferred',
	shownAs: 'comment.text', // [doc]
});

const termFields: FieldDef[] = [
	code('Term Number', 'The term number, as Acomba shows it (e.g. 1)'),
	description(),
	{ name: 'due_days', displayName: 'Due Days', kind: 'integer', description: 'Days until payment is due' },
	{
		name: 'discount_days',
		displayName: 'Discount Days',
		kind: 'integer',
		description: 'Days during which the early-payment discount applies',
	},
	{
		name: 'discount_percent',
		displayName: 'Discount Percent',
		kind: 'number',
		description: 'Early-payment discount, in percent',
	},
	isActive,
];

/**
 * Customers and suppliers. Body names are the `<thing>_code` form the documented AR create body uses
 * [doc: "Créer une transaction client AR"]; full records show `{id, code}` objects instead [doc: §9].
 */
const partyFields = (
	nameLabel: string,
	termRelation: 'sales_terms' | 'purchase_terms',
	codeLabel: string,
): FieldDef[] => [
	code(codeLabel),
	description(nameLabel, 'The name shown in Acomba'),
	{ name: 'care_of', displayName: 'Care Of', kind: 'string' },
	{ name: 'address', displayName: 'Address', kind: 'address' },
	{ name: 'phones', displayName: 'Phones', kind: 'phones', evidence: 'doc' },
	{ name: 'emails', displayName: 'Emails', kind: 'emails', evidence: 'doc' },
	{
		name: 'language_code',
		displayName: 'Language',
		kind: 'options',
		choices: [
			{ name: 'English', value: 'EN' },
			{ name: 'French', value: 'FR' },
		],
		evidence: 'inferred',
		shownAs: 'language.code', // [doc] language {id, code, label}
	},
	related('sales_rep_code', 'Sales Rep', 'sales_reps', { evidence: 'doc', shownAs: 'sales_rep.code' }),
	related('territory_code', 'Territory', 'territories', { evidence: 'doc', shownAs: 'territory.code' }),
	// the body name is [inferred] (the AR body has no term); the response's `payment_term` is [doc]
	related('term_code', 'Term', termRelation, { evidence: 'inferred', shownAs: 'payment_term.code' }),
	// the carrier is `shipping` in responses and `shipping_code` in the AR body [doc]; §3 said carrier_code
	related('shipping_code', 'Carrier', 'carriers', { evidence: 'doc', shownAs: 'shipping.code', aliases: ['carrier_code'] }),
	related('tax_group_code', 'Tax Group', 'tax_groups', { evidence: 'doc', shownAs: 'tax_group.code' }),
	{ name: 'credit_limit', displayName: 'Credit Limit', kind: 'number' },
	comment('Shown in full records as comment.text'),
	isActive,
];

const documentFields = (party: DocumentDef, numberLabel: string, extra: FieldDef[] = []): FieldDef[] => [
	related(
		party.partyField,
		party.partyResource === 'customers' ? 'Customer' : 'Supplier',
		party.partyResource,
	),
	{
		name: 'details',
		displayName: 'Lines',
		kind: 'lines',
	},
	code(numberLabel, 'Leave empty to let Acomba number the document'),
	{ name: 'date', displayName: 'Date', kind: 'date', description: 'Document date; today when empty' },
	...extra,
	{
		name: 'reference',
		displayName: 'Reference',
		kind: 'string',
		description:
			party.partyResource === 'customers'
				? "The customer's reference, such as their purchase order number"
				: "The supplier's reference",
	},
	description('Description', 'Header text of the document'),
	// header names as the Soumissions guide lists them [doc] (§4), the carrier included: `carrier_code`
	related('term_code', 'Term', party.partyResource === 'customers' ? 'sales_terms' : 'purchase_terms', { evidence: 'doc' }),
	related('sales_rep_code', 'Sales Rep', 'sales_reps', { evidence: 'doc' }),
	related('territory_code', 'Territory', 'territories', { evidence: 'doc' }),
	related('carrier_code', 'Carrier', 'carriers', { evidence: 'doc' }),
	...(party.partyResource === 'customers'
		? [related('invoice_to_code', 'Invoice To', 'customers', { evidence: 'doc' })]
		: []),
	{ name: 'shipping_address', displayName: 'Shipping Address', kind: 'shippingAddress' },
];

const customerDocument: DocumentDef = {
	partyField: 'customer_code',
	partyResource: 'customers',
	partyObject: 'customer',
};
const supplierDocument: DocumentDef = {
	partyField: 'supplier_code',
	partyResource: 'suppliers',
	partyObject: 'supplier',
};

// §3 lists the documents' filters: the party's code and the document date, nothing else
const documentDateFilters: FilterDef[] = [
	{ name: 'date_from', displayName: 'Document Date From', kind: 'date', evidence: 'doc' },
	{ name: 'date_to', displayName: 'Document Date To', kind: 'date', evidence: 'doc' },
];
const customerFilter: FilterDef = {
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

// ---- the table -------------------------------------------------------------------------------

const recordTable: ResourceDef[] = [
	{
		key: 'charters',
		value: 'account',
		displayName: 'Account',
		pluralName: 'Accounts',
		frenchName: 'Plan comptable (Chartes)',
		group: 'Accounting',
		path: '/api/organisation/charters',
		codeLabel: 'Account Number',
		nameField: 'description',
		createRequired: ['code', 'description', 'type'],
		update: true,
		fields: [
			code('Account Number', 'The account number in the chart of accounts (e.g. 1000)'),
			description(),
			{
				name: 'type',
				displayName: 'Type',
				kind: 'options',
				choices: [
					{ name: 'Asset', value: 'asset' },
					{ name: 'Equity', value: 'equity' },
					{ name: 'Expense', value: 'expense' },
					{ name: 'Liability', value: 'liability' },
					{ name: 'Revenue', value: 'revenue' },
				],
			},
			isActive,
		],
		filters: [],
	},
	{
		key: 'taxes',
		value: 'tax',
		displayName: 'Tax',
		pluralName: 'Taxes',
		frenchName: 'Taxes',
		group: 'Accounting',
		path: '/api/organisation/taxes',
		codeLabel: 'Tax Code',
		nameField: 'description',
		createRequired: ['code', 'description', 'rate_percent'],
		update: true,
		fields: [
			code('Tax Code', 'For example TPS or TVQ'),
			description(),
			{ name: 'rate_percent', displayName: 'Rate Percent', kind: 'number', description: 'For example 5 or 9.975' },
			isActive,
		],
		filters: [],
	},
	{
		key: 'tax_groups',
		value: 'taxGroup',
		displayName: 'Tax Group',
		pluralName: 'Tax Groups',
		frenchName: 'Groupes de taxes',
		group: 'Accounting',
		path: '/api/organisation/tax-groups',
		codeLabel: 'Tax Group Code',
		nameField: 'description',
		createRequired: ['code', 'description', 'taxes'],
		update: true,
		fields: [
			code('Tax Group Code'),
			description(),
			{
				name: 'taxes',
				displayName: 'Taxes',
				kind: 'codeList',
				relation: 'taxes',
				description: 'Codes of the taxes the group applies',
			},
			isActive,
		],
		filters: [],
	},
	{
		key: 'sales_reps',
		value: 'salesRep',
		displayName: 'Sales Rep',
		pluralName: 'Sales Reps',
		frenchName: 'Vendeurs',
		group: 'Sales',
		path: '/api/customers/sales-reps',
		codeLabel: 'Sales Rep Code',
		nameField: 'name',
		createRequired: ['code', 'name'],
		update: true,
		fields: [
			code('Sales Rep Code', 'Often a number, such as 42'),
			{ name: 'name', displayName: 'Name', kind: 'string' },
			isActive,
		],
		filters: [],
	},
	{
		key: 'territories',
		value: 'territory',
		displayName: 'Territory',
		pluralName: 'Territories',
		frenchName: 'Territoires',
		group: 'Sales',
		path: '/api/customers/territories',
		codeLabel: 'Territory Code',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: [code('Territory Code'), description(), isActive],
		filters: [],
	},
	{
		key: 'carriers',
		value: 'carrier',
		displayName: 'Carrier',
		pluralName: 'Carriers',
		frenchName: 'Transporteurs',
		group: 'Sales',
		path: '/api/customers/carriers',
		codeLabel: 'Carrier Code',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: [code('Carrier Code'), description(), isActive],
		filters: [],
	},
	{
		key: 'sales_terms',
		value: 'salesTerm',
		displayName: 'Sales Term',
		pluralName: 'Sales Terms',
		frenchName: 'Termes de ventes',
		group: 'Sales',
		// legacy documented path: /api/customer/terms/
		path: '/api/customers/terms',
		codeLabel: 'Term Number',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: termFields,
		filters: [],
	},
	{
		key: 'customers',
		value: 'customer',
		displayName: 'Customer',
		pluralName: 'Customers',
		frenchName: 'Clients',
		group: 'Sales',
		path: '/api/customers',
		codeLabel: 'Customer Code',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: partyFields('Name', 'sales_terms', 'Customer Code'),
		simplifyKeeps: ['sales_rep_code', 'term_code', 'shipping_code', 'comment'],
		filters: [],
	},
	{
		key: 'quotes',
		value: 'quote',
		displayName: 'Quote',
		pluralName: 'Quotes',
		frenchName: 'Soumissions',
		group: 'Sales',
		path: '/api/invoicing/quotes',
		codeLabel: 'Quote Number',
		nameField: 'description',
		createRequired: ['customer_code', 'details'],
		update: true,
		fields: documentFields(customerDocument, 'Quote Number', [
			{
				name: 'valid_until',
				displayName: 'Valid Until',
				kind: 'date',
				description: 'Last day the quote can be accepted',
			},
		]),
		filters: [customerFilter, ...documentDateFilters],
		document: customerDocument,
	},
	{
		key: 'sales_orders',
		value: 'salesOrder',
		displayName: 'Sales Order',
		pluralName: 'Sales Orders',
		frenchName: 'Commandes',
		group: 'Sales',
		path: '/api/invoicing/orders',
		codeLabel: 'Order Number',
		nameField: 'description',
		createRequired: ['customer_code', 'details'],
		update: true,
		fields: documentFields(customerDocument, 'Order Number'),
		// the contract has no `reference` filter: Get Many offers our guess, which a server may ignore
		filters: [
			customerFilter,
			...documentDateFilters,
			{ name: 'reference', displayName: 'Reference', kind: 'string', description: 'Only orders with exactly this reference', evidence: 'inferred' },
		],
		document: customerDocument,
		matchKeys: [{ field: 'reference', filter: 'reference' }, { field: 'code' }],
	},
	{
		key: 'invoices',
		value: 'invoice',
		displayName: 'Invoice',
		pluralName: 'Invoices',
		frenchName: 'Factures',
		group: 'Sales',
		path: '/api/invoicing/invoices',
		codeLabel: 'Invoice Number',
		nameField: 'description',
		createRequired: ['customer_code', 'details'],
		// Acomba invoices are immutable once written
		update: false,
		fields: documentFields(customerDocument, 'Invoice Number'),
		filters: [customerFilter, ...documentDateFilters],
		document: customerDocument,
	},
	{
		key: 'purchase_terms',
		value: 'purchaseTerm',
		displayName: 'Purchase Term',
		pluralName: 'Purchase Terms',
		frenchName: "Termes d'achat",
		group: 'Purchasing',
		path: '/api/suppliers/terms',
		codeLabel: 'Term Number',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: termFields,
		filters: [],
	},
	{
		key: 'suppliers',
		value: 'supplier',
		displayName: 'Supplier',
		pluralName: 'Suppliers',
		frenchName: 'Fournisseurs',
		group: 'Purchasing',
		path: '/api/suppliers',
		codeLabel: 'Supplier Code',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: partyFields('Name', 'purchase_terms', 'Supplier Code'),
		simplifyKeeps: ['term_code', 'shipping_code', 'comment'],
		filters: [],
	},
	{
		key: 'purchase_orders',
		value: 'purchaseOrder',
		displayName: 'Purchase Order',
		pluralName: 'Purchase Orders',
		frenchName: "Bons d'achat",
		group: 'Purchasing',
		// legacy documented path: /api/invoicing/purchase_order/
		path: '/api/invoicing/purchase-orders',
		codeLabel: 'PO Number',
		nameField: 'description',
		createRequired: ['supplier_code', 'details'],
		update: true,
		fields: documentFields(supplierDocument, 'PO Number'),
		filters: [
			{
				name: 'supplier_code',
				displayName: 'Supplier',
				kind: 'string',
				relation: 'suppliers',
				description: 'Only purchase orders of this supplier',
				evidence: 'doc',
			},
			...documentDateFilters,
		],
		document: supplierDocument,
	},
	{
		key: 'product_groups',
		value: 'productGroup',
		displayName: 'Product Group',
		pluralName: 'Product Groups',
		frenchName: 'Groupes de produits',
		group: 'Inventory',
		path: '/api/inventory/product-groups',
		codeLabel: 'Product Group Code',
		nameField: 'description',
		createRequired: ['code', 'description'],
		update: true,
		fields: [code('Product Group Code'), description(), isActive],
		filters: [],
	},
	{
		key: 'products',
		value: 'product',
		displayName: 'Product',
		pluralName: 'Products',
		frenchName: 'Produits',
		group: 'Inventory',
		path: '/api/inventory/products',
		codeLabel: 'SKU',
		nameField: 'description',
		createRequired: ['code', 'description', 'price'],
		update: true,
		fields: [
			code('SKU', 'The product code (e.g. WIDGET-001)'),
			description(),
			// brief items show `price`, full records `prices.regular` [doc]; the body name is [inferred]
			{ name: 'price', displayName: 'Price', kind: 'number', description: 'Selling price before taxes', evidence: 'inferred', shownAs: 'prices.regular' },
			related('product_group_code', 'Product Group', 'product_groups', { evidence: 'inferred', shownAs: 'product_group.code' }),
			// full records show prices.last_cost and prices.average_cost [doc]; which one `cost` sets is [inferred]
			{ name: 'cost', displayName: 'Cost', kind: 'number', evidence: 'inferred', shownAs: 'prices.last_cost' },
			{ name: 'upc', displayName: 'UPC', kind: 'string', description: 'Barcode' },
			// full records show unit {code, label} [doc]; the body takes the code [inferred]
			{ name: 'unit', displayName: 'Unit', kind: 'string', description: 'Selling unit, such as EA or BOX', evidence: 'inferred', shownAs: 'unit.code' },
			comment('Shown in full records as comment.text; printed on invoices when Acomba is set to'),
			isActive,
		],
		simplifyKeeps: ['product_group_code', 'unit'],
		filters: [
			{
				name: 'product_group_code',
				displayName: 'Product Group',
				kind: 'string',
				relation: 'product_groups',
				description: 'Only products of this group',
				evidence: 'doc', // §3 lists it
			},
		],
	},
];

// ---- contract §8: receivables, payables and their extracts ---------------------------------------

/** Documented enumerations (contract §8.2) [doc: example responses and the AR create sample]. */
export const enumerations = {
	/** customer transaction type: invoice = 3, credit = 2 */
	arTransactionType: [
		{ id: 3, code: 'invoice', label: 'Facture', name: 'Invoice' },
		{ id: 2, code: 'credit', label: 'Crédit', name: 'Credit' },
	],
	/** a customer transaction's invoice type: invoice = 1 */
	arInvoiceType: [{ id: 1, code: 'invoice', label: 'Facture', name: 'Invoice' }],
	/** supplier invoice type: invoice = 2, credit = 1 */
	apInvoiceType: [
		{ id: 2, code: 'invoice', label: 'Facture', name: 'Invoice' },
		{ id: 1, code: 'credit', label: 'Crédit', name: 'Credit' },
	],
	/** customer payment type: payment = 1 */
	customerPaymentType: [{ id: 1, code: 'payment', label: 'Paiement', name: 'Payment' }],
	/** supplier payment type: check = 1 */
	supplierPaymentType: [{ id: 1, code: 'check', label: 'Chèque', name: 'Check' }],
} satisfies Record<string, EnumChoice[]>;

const idFilter = (name: string, displayName: string, text: string): FilterDef => ({
	name,
	displayName,
	kind: 'integer',
	description: text,
	evidence: 'doc',
});
const codeFilter = (name: string, displayName: string, relation: EntityKey, text: string): FilterDef => ({
	name,
	displayName,
	kind: 'string',
	relation,
	description: text,
	evidence: 'doc',
});
/** `<party>_id` and `<party>_code`: every ledger filters on its customer (supplier, product) both ways [doc]. */
const partyFilters = (party: 'customer' | 'supplier' | 'product', noun: string): FilterDef[] => {
	const name = party.charAt(0).toUpperCase() + party.slice(1);
	const relation: EntityKey = `${party}s`;
	return [
		idFilter(`${party}_id`, `${name} ID`, `Only ${noun} of the ${party} with this ExoConnect ID`),
		codeFilter(`${party}_code`, name, relation, `Only ${noun} of this ${party}`),
	];
};
const enumFilter = (name: string, displayName: string, enumeration: EnumChoice[]): FilterDef => ({
	name,
	displayName,
	kind: 'enumeration',
	enumeration,
	description: `Only records of this ${displayName.toLowerCase()}`,
	evidence: 'doc',
});
const [activeOnly, modifiedAfter, modifiedBefore, namePrefix] = commonFilters;
/** The filters of the two ledgers' page lists [doc]: party, type, active, modification time. */
const ledgerFilters = (party: 'customer' | 'supplier', noun: string, type: FilterDef): FilterDef[] => [
	...partyFilters(party, noun),
	type,
	activeOnly,
	modifiedAfter,
	modifiedBefore,
];
const onHoldOnly: FilterDef = {
	name: 'on_hold_only',
	displayName: 'On Hold Only',
	kind: 'boolean',
	description: 'Whether to keep only payments on hold',
	evidence: 'doc',
};

const NO_SERVER_FILTER = 'ExoConnect has no filter for this: the node reads the full records and keeps the matching ones';
const unpaidOnly: LocalFilterDef = {
	name: 'unpaidOnly',
	displayName: 'Unpaid Only',
	kind: 'boolean',
	path: 'status.is_paid_in_full',
	test: 'isFalse',
	description: `Whether to keep only transactions not paid in full. ${NO_SERVER_FILTER}.`,
};
const paymentDates: LocalFilterDef[] = [
	{
		name: 'paymentDateFrom',
		displayName: 'Payment Date From',
		kind: 'date',
		path: 'payment_date',
		test: 'from',
		description: `Only payments made on or after this day. ${NO_SERVER_FILTER}.`,
	},
	{
		name: 'paymentDateTo',
		displayName: 'Payment Date To',
		kind: 'date',
		path: 'payment_date',
		test: 'to',
		description: `Only payments made on or before this day. ${NO_SERVER_FILTER}.`,
	},
];

const jsonField = (name: string, displayName: string, kind: 'object' | 'objectList', text: string): FieldDef => ({
	name,
	displayName,
	kind,
	description: text,
});
const allocations = jsonField(
	'allocations',
	'Allocations (JSON)',
	'objectList',
	'Accounts the amount goes to, as a JSON array: [{"charter_code": "4000", "description": "Ventes", "amount": 100}]',
);
const terms = jsonField('terms', 'Terms (JSON)', 'object', 'Payment terms as a JSON object, e.g. {"due_days": 30}');
const text = (name: string, displayName: string, description?: string): FieldDef => ({ name, displayName, kind: 'string', description });

const readOnlyOperations: RecordOperationKey[] = ['get', 'getMany'];

const ledgerTable: ResourceDef[] = [
	{
		key: 'customer_transactions',
		value: 'customerTransaction',
		displayName: 'Customer Transaction',
		pluralName: 'Customer Transactions',
		frenchName: 'Transactions clients AR',
		group: 'Sales',
		// [doc] list, by-id and create; by-code [inferred]; no update [inferred: ledger entries are immutable].
		// GET /api/customers/invoice-ar lists the same ledger's invoices [doc]
		path: '/api/customers/transactions',
		codeLabel: 'Invoice Number',
		nameField: 'description',
		createRequired: ['customer_code', 'invoice_number', 'transaction_type', 'date'],
		update: false,
		operations: ['create', 'get', 'getMany'],
		extract: false,
		ownFiltersOnly: true,
		simplify: false,
		fields: [
			related('customer_code', 'Customer', 'customers'),
			text('invoice_number', 'Invoice Number', 'The number of the invoice or credit, e.g. FAC-2026-00418'),
			{ name: 'transaction_type', displayName: 'Transaction Type', kind: 'enumeration', enumeration: enumerations.arTransactionType },
			{ name: 'date', displayName: 'Date', kind: 'date' },
			related('invoice_to_code', 'Invoice To', 'customers'),
			text('reference', 'Reference', "The customer's reference, such as their purchase order number"),
			description('Description'),
			text('receivable_offset', 'Receivable Offset', 'The receivable account of the transaction'),
			related('sales_rep_code', 'Sales Rep', 'sales_reps'),
			related('territory_code', 'Territory', 'territories'),
			// the documented AR body calls the carrier "shipping" [doc]
			related('shipping_code', 'Carrier', 'carriers'),
			related('tax_group_code', 'Tax Group', 'tax_groups'),
			text('project_code', 'Project'),
			{ name: 'order_id', displayName: 'Order ID', kind: 'integer', description: 'ExoConnect ID of the sales order it comes from' },
			terms,
			allocations,
		],
		filters: ledgerFilters('customer', 'transactions', enumFilter('transaction_type', 'Transaction Type', enumerations.arTransactionType)),
		localFilters: [unpaidOnly],
	},
	{
		key: 'customer_payments',
		value: 'customerPayment',
		displayName: 'Customer Payment',
		pluralName: 'Customer Payments',
		frenchName: 'Paiements clients',
		group: 'Sales',
		// the extract [doc]; by-id and its lines [inferred paths; the lines' shape is doc]
		path: '/api/customers/payments',
		codeLabel: 'Payment Number',
		nameField: 'description',
		createRequired: [],
		update: false,
		operations: readOnlyOperations,
		lookups: ['id'],
		many: 'extract',
		extract: '/api/customers/payments/extract',
		ownFiltersOnly: true,
		simplify: false,
		fields: [],
		// `include` is documented without a meaning: not offered
		filters: [
			...partyFilters('customer', 'payments'),
			enumFilter('payment_type', 'Payment Type', enumerations.customerPaymentType),
			onHoldOnly,
		],
		localFilters: paymentDates,
		subLists: [
			{
				key: 'lines',
				displayName: 'Include Lines',
				description: 'Whether to add the payment\'s lines (which invoices it paid, and how much of each) under "lines" (one more request)',
			},
		],
	},
	{
		key: 'credits',
		value: 'creditNote',
		displayName: 'Credit Note',
		pluralName: 'Credit Notes',
		frenchName: 'Crédits',
		group: 'Sales',
		// [doc] the extract, and get under the invoicing transactions
		path: '/api/invoicing/credits',
		recordPath: '/api/invoicing/transactions',
		codeLabel: 'Credit Note Number',
		nameField: 'description',
		createRequired: [],
		update: false,
		operations: readOnlyOperations,
		lookups: ['id'],
		many: 'extract',
		extract: '/api/invoicing/credits/extract',
		ownFiltersOnly: true,
		simplify: false,
		fields: [],
		// `profile_offset` is documented without a meaning: never sent
		filters: [],
	},
	{
		key: 'supplier_invoices',
		value: 'supplierInvoice',
		displayName: 'Supplier Invoice',
		pluralName: 'Supplier Invoices',
		frenchName: 'Facturations fournisseurs AP',
		group: 'Purchasing',
		// [doc] list, by-id and the extract; create [inferred path; body doc: TransAPCreateSchema]
		path: '/api/suppliers/invoices-ap',
		createPath: '/api/suppliers/transactions',
		codeLabel: 'Invoice Number',
		nameField: 'description',
		createRequired: ['supplier_code', 'invoice_number', 'invoice_type', 'date'],
		update: false,
		operations: ['create', 'get', 'getMany'],
		lookups: ['id'],
		extract: '/api/suppliers/transactions/extract',
		ownFiltersOnly: true,
		simplify: false,
		fields: [
			related('supplier_code', 'Supplier', 'suppliers'),
			text('invoice_number', 'Invoice Number', "The supplier's invoice number"),
			{ name: 'invoice_type', displayName: 'Invoice Type', kind: 'enumeration', enumeration: enumerations.apInvoiceType },
			{ name: 'date', displayName: 'Date', kind: 'date' },
			related('supplier_paid_to_code', 'Paid To Supplier', 'suppliers'),
			{ name: 'subtotal', displayName: 'Subtotal', kind: 'number', description: 'Amount before taxes' },
			text('payable', 'Payable Account', 'The payable account of the invoice'),
			text('reference', 'Reference', "The supplier's reference"),
			description('Description'),
			terms,
			allocations,
		],
		filters: ledgerFilters('supplier', 'invoices', enumFilter('invoice_type', 'Invoice Type', enumerations.apInvoiceType)),
		localFilters: [unpaidOnly],
	},
	{
		key: 'supplier_payments',
		value: 'supplierPayment',
		displayName: 'Supplier Payment',
		pluralName: 'Supplier Payments',
		frenchName: 'Paiements fournisseurs',
		group: 'Purchasing',
		// only the extract is documented: no Get
		path: '/api/suppliers/payments',
		codeLabel: 'Payment Number',
		nameField: 'description',
		createRequired: [],
		update: false,
		operations: ['getMany'],
		lookups: [],
		many: 'extract',
		extract: '/api/suppliers/payments/extract',
		ownFiltersOnly: true,
		simplify: false,
		fields: [],
		filters: [
			...partyFilters('supplier', 'payments'),
			enumFilter('payment_type', 'Payment Type', enumerations.supplierPaymentType),
			{ name: 'bank_number', displayName: 'Bank Number', kind: 'string', description: 'Only payments from this bank account', evidence: 'doc' },
			onHoldOnly,
		],
		localFilters: paymentDates,
	},
	{
		key: 'tax_exceptions',
		value: 'taxException',
		displayName: 'Tax Exception',
		pluralName: 'Tax Exceptions',
		frenchName: 'Exceptions de taxes',
		group: 'Accounting',
		// [doc] list, by-id and the extract
		path: '/api/organisation/tax-exceptions',
		codeLabel: 'Exception Code',
		nameField: 'name',
		createRequired: [],
		update: false,
		operations: readOnlyOperations,
		lookups: ['id'],
		extract: '/api/organisation/tax-exceptions/extract',
		ownFiltersOnly: true,
		simplify: false,
		fields: [],
		filters: [namePrefix, modifiedAfter, modifiedBefore],
	},
	{
		key: 'inventory_movements',
		value: 'inventoryMovement',
		displayName: 'Inventory Movement',
		pluralName: 'Inventory Movements',
		frenchName: "Mouvements d'inventaire",
		group: 'Inventory',
		// [doc] list and by-id
		path: '/api/inventory/trails',
		codeLabel: 'Movement',
		nameField: 'description',
		createRequired: [],
		update: false,
		operations: readOnlyOperations,
		lookups: ['id'],
		extract: false,
		ownFiltersOnly: true,
		simplify: false,
		fields: [],
		filters: [
			...partyFilters('product', 'movements'),
			modifiedAfter,
			modifiedBefore,
		],
	},
];

export const resources: ResourceDef[] = [...recordTable, ...ledgerTable];

/** The record resources of §3: the updates helper's entities, with the four generic operations. */
export const coreResources: ResourceDef[] = recordTable;

const defaultOperations: RecordOperationKey[] = ['create', 'get', 'getMany'];

/** The operations a resource offers, in the order the editor lists them. */
export function operationsOf(resource: ResourceDef): RecordOperationKey[] {
	return resource.operations ?? (resource.update ? [...defaultOperations, 'update'] : defaultOperations);
}

export function offers(resource: ResourceDef, operation: RecordOperationKey): boolean {
	return operationsOf(resource).includes(operation);
}

/** How Get finds one record of the resource. */
export function lookupsOf(resource: ResourceDef): Array<keyof typeof lookupSegments> {
	return resource.lookups ?? ['code', 'id'];
}

/** Every filter Get Many sends to the API for the resource. */
export function listFiltersOf(resource: ResourceDef): FilterDef[] {
	return resource.ownFiltersOnly ? resource.filters : [...commonFilters, ...resource.filters];
}

/** The list filter `name` when the contract documents it ([doc]); an [inferred] one is never relied on. */
export function documentedFilter(resource: ResourceDef, name: string): FilterDef | undefined {
	return listFiltersOf(resource).find((f) => f.name === name && f.evidence === 'doc');
}

/** Whether the resource's page list can be searched by name: what the locators' "From List" does. */
export function searchable(resource: ResourceDef): boolean {
	return resource.many !== 'extract' && listFiltersOf(resource).some((f) => f.name === 'description_prefix');
}

/** The feed Get Many walks for a resource without a page list. */
export function manyFeed(resource: ResourceDef): FeedDef | undefined {
	return resource.many === 'extract' ? changeFeed(resource) : undefined;
}

/** Fields of a document line (contract §4), in the order the UI shows them. */
export const lineFields: FieldDef[] = [
	{ name: 'sku', displayName: 'Product', kind: 'string', relation: 'products', description: 'Product code (SKU); empty for a comment line' },
	{ name: 'description', displayName: 'Description', kind: 'string' },
	{ name: 'ordered_qty', displayName: 'Quantity', kind: 'number' },
	{ name: 'unit_price', displayName: 'Unit Price', kind: 'number' },
	{ name: 'product_group_code', displayName: 'Product Group', kind: 'string', relation: 'product_groups' },
	{ name: 'tax_amount_1', displayName: 'Tax Amount 1', kind: 'number' },
	{ name: 'tax_amount_2', displayName: 'Tax Amount 2', kind: 'number' },
	{ name: 'line_number', displayName: 'Line Number', kind: 'integer' },
];

/** Sub-fields of the structured kinds, shared by the schemas and the UI. */
export const subFields = {
	address: ['line1', 'line2', 'city', 'province', 'postal_code', 'country_code'],
	shippingAddress: ['name', 'attention', 'line1', 'line2', 'city', 'province', 'postal_code', 'country_code'],
	// [doc] §9: phones[].type and its optional description; §3's `other` is not a documented value
	phoneTypes: ['main', 'fax', 'other_1', 'other_2'],
	phone: ['type', 'number', 'extension', 'description'],
	// [doc] §9: emails[].type
	emailTypes: ['primary', 'personal', 'other'],
} as const;

/**
 * Input names Map Automatically also recognises, by field (mapper ids: `address.postal_code`), besides the
 * field's API name and display name: what shops, CRMs and spreadsheets call them.
 */
export const inputSynonyms: Record<string, string[]> = {
	code: ['sku', 'product_code', 'item_code'],
	description: ['name', 'title', 'company', 'company_name', 'product_name'],
	'address.line1': ['address1', 'address_1', 'street', 'address_line_1'],
	'address.line2': ['address2', 'address_2', 'address_line_2'],
	'address.city': ['town'],
	'address.province': ['province_code', 'state', 'state_code', 'region'],
	'address.postal_code': ['zip', 'zip_code', 'postcode', 'postal'],
	'address.country_code': ['country'],
	'phones.main': ['phone', 'telephone', 'phone_number', 'tel'],
	'phones.fax': ['fax'],
	'emails.primary': ['email', 'email_address', 'mail'],
	price: ['regular_price'],
	upc: ['barcode', 'gtin', 'ean'],
	is_active: ['active', 'enabled'],
	reference: ['order_number', 'order_name', 'order_id'],
};

/** The keys Create or Update may match on: the catalog's, or the code. */
export function matchKeysOf(resource: ResourceDef): MatchKey[] {
	return resource.matchKeys ?? [{ field: 'code' }];
}

/** Create or Update exists where a record can be both found by a unique key and updated. */
export function supportsUpsert(resource: ResourceDef): boolean {
	const findable = (key: MatchKey) =>
		resource.fields.some((f) => f.name === key.field) && (key.filter !== undefined || lookupsOf(resource).includes('code'));
	return resource.update && offers(resource, 'create') && offers(resource, 'update') && matchKeysOf(resource).every(findable);
}

const byKey = new Map(resources.map((r) => [r.key, r]));
const byValue = new Map(resources.map((r) => [r.value, r]));

export function resourceByKey(key: string): ResourceDef | undefined {
	return byKey.get(key as EntityKey);
}

export function resourceByValue(value: string): ResourceDef | undefined {
	return byValue.get(value);
}

export function fieldOf(resource: ResourceDef, name: string): FieldDef | undefined {
	return resource.fields.find((f) => f.name === name);
}

/** Human name of an API field for error messages: "Customer", "Lines", "Unit Price"… */
export function fieldDisplayName(resource: ResourceDef | undefined, name: string): string {
	const field = resource ? fieldOf(resource, name) : undefined;
	return field?.displayName ?? lineFields.find((f) => f.name === name)?.displayName ?? name;
}

// ---- what the node reads in answers ----------------------------------------------------------------

/**
 * The keys the node reads in each kind of answer (contract §2, §5, §6, §8): System › Check Compatibility
 * compares a live server's answers with them. `a|b` is read from either key; a dotted key inside an object.
 */
export const answerKeys = {
	/** a page list (§2); page, page_size and total are optional: the node ends a list on a short page */
	pageList: ['items'],
	/** every record and list item (§2) */
	record: ['id'],
	/** where the resource is looked up by code (§2) */
	recordCode: ['code'],
	/** where the pickers search the resource by name: brief items carry `name`, full records the name field */
	recordName: ['name|description'],
	/** a change feed (§5.1, §8.1): has_more says whether to read on */
	feed: ['items', 'has_more'],
	/** an item of the updates helper (§5.1); `record` is the full record */
	updatesItem: ['entity', 'id', 'event', 'modified_at', 'record'],
	/** an item of an extract (§8.1): the full record, with its keyset */
	extractItem: ['sync.cursor.card_pos|id', 'sync.cursor.modified_at|metadata.updated_at|updated_at'],
	/** a record's sub-list (§8.2: a payment's lines) */
	subList: ['items'],
	/** §6 */
	status: ['status', 'api_version', 'server_time'],
	/** §5.2 */
	entities: ['items'],
	entity: ['entity', 'count', 'last_modified_at'],
	/** §8.2 */
	sdkWindows: ['items'],
	sdkWindow: ['window_name', 'enabled', 'start_time', 'end_time', 'days_of_week'],
} as const;
