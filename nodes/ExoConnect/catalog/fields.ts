/**
 * Reusable field definitions (codes, descriptions, related records, a party's and a document's fields),
 * the form a comment is sent in, and the fields of a document line and of the structured kinds.
 */

import type { DocumentDef, EntityKey, FieldDef } from './types';

// ---- reusable field definitions -------------------------------------------------------------

export const code = (codeLabel: string, description?: string): FieldDef => ({
	name: 'code',
	displayName: codeLabel,
	kind: 'string',
	description,
});
export const description = (displayName = 'Description', text?: string): FieldDef => ({
	name: 'description',
	displayName,
	kind: 'string',
	description: text,
});
export const isActive: FieldDef = {
	name: 'is_active',
	displayName: 'Is Active',
	kind: 'boolean',
	description: 'Whether the record is active in Acomba',
	// the body name is §3's [inferred]; full records show it in status {is_active, is_deleted} [doc]
	evidence: 'inferred',
	shownAs: 'status.is_active',
};
export const related = (name: string, displayName: string, relation: EntityKey, more: Partial<FieldDef> = {}): FieldDef => ({
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

/**
 * [doc] §4, a known limitation: on an update of any document these fields are accepted (success) but not
 * saved, the previous value stays. The node does not send a change of them; it warns instead.
 */
export const documentUpdateIgnores: readonly string[] = ['sales_rep_code'];

export const comment = (description: string): FieldDef => ({
	name: 'comment',
	displayName: 'Comment',
	kind: 'comment',
	description,
	evidence: 'inferred',
	shownAs: 'comment.text', // [doc]
});

export const termFields: FieldDef[] = [
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
export const partyFields = (
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

export const documentFields = (party: DocumentDef, numberLabel: string, extra: FieldDef[] = []): FieldDef[] => [
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

export const customerDocument: DocumentDef = {
	partyField: 'customer_code',
	partyResource: 'customers',
	partyObject: 'customer',
};
export const supplierDocument: DocumentDef = {
	partyField: 'supplier_code',
	partyResource: 'suppliers',
	partyObject: 'supplier',
};

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
