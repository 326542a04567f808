/** Contract §8: the receivables and payables ledgers, their documented enumerations and their filters. */

import type { EntityKey, EnumChoice, FieldDef, FilterDef, LocalFilterDef, RecordOperationKey, ResourceDef } from './types';
import { description, related } from './fields';
import { commonFilters } from './filters';

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

export const ledgerTable: ResourceDef[] = [
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
