/**
 * The receivables and payables of the demo company (contract §8): AR transactions, customer payments and
 * their lines, credit notes, supplier invoices and cheques, tax exceptions, inventory movements. Records
 * live in the store's tables (ids, timestamps, deleted flags, reset) and are rendered in the documented
 * shapes; what follows from other records (paid in full, paid today) is computed when a record is read,
 * so every route tells the same story.
 */
import type { EntityKey, EnumChoice, ResourceDef } from '../../../nodes/ExoConnect/catalog';
import { enumerations, resourceByKey } from '../../../nodes/ExoConnect/catalog';
import { isoWithOffset, localDate } from '../clock';
import type { Problem } from '../errors';
import { ApiError, throwProblems } from '../errors';
import type { Json, Store, StoredRecord } from '../store';
import { uniqueId } from '../store';

/** The organisation of the demo company, in `sync` and in the SDK windows. */
export const ORGANISATION_ID = 'demo-acomba';

export type LedgerKey = Extract<
	EntityKey,
	'customer_transactions' | 'customer_payments' | 'credits' | 'supplier_invoices' | 'supplier_payments' | 'tax_exceptions' | 'inventory_movements'
>;

const LEDGER_KEYS: string[] = ['customer_transactions', 'customer_payments', 'credits', 'supplier_invoices', 'supplier_payments', 'tax_exceptions', 'inventory_movements'];

export const isLedger = (entity: string): entity is LedgerKey => LEDGER_KEYS.includes(entity);

/** Sales tax accounts: allocations on them are taxes, not subtotal. */
const TAX_ACCOUNTS = ['2300', '2310'];
/** Keys the sandbox keeps for itself (a payment's lines, what it applies to): never rendered. */
const isInternal = (key: string) => key.startsWith('_');
const DAY = 86_400_000;

export const cents = (n: number) => Math.round(n * 100) / 100;

/** `{id, code, label}` of a documented value; an undocumented id is 422 at `loc`. */
export function enumValue(list: EnumChoice[], id: unknown, loc: Array<string | number>): Json {
	const found = list.find((e) => e.id === id);
	if (!found) {
		throw new ApiError(422, [{ loc, msg: `Input should be ${list.map((e) => e.id).join(' or ')}`, type: 'enum' }]);
	}
	return { id: found.id, code: found.code, label: found.label };
}

/** What a brief list item keeps of each resource with a page list (§8.2; `undefined`: the full record). */
const BRIEF: Partial<Record<LedgerKey, string[]>> = {
	customer_transactions: ['id', 'code', 'customer', 'transaction_type', 'date', 'updated_at', '_links'],
	supplier_invoices: ['id', 'code', 'supplier', 'invoice_type', 'date', 'updated_at', '_links'],
	tax_exceptions: ['id', 'code', 'name', 'updated_at', '_links'],
};

export interface PaymentLineInput {
	/** the AR transaction's number */
	invoice_code: string;
	amount: number;
	discount?: number;
	on_hold?: boolean;
}

export interface CustomerPaymentInput {
	customer_code: string;
	payment_date?: string;
	reference?: string;
	code?: string;
	/** 1 cheque (default), 3 electronic transfer */
	mode?: number;
	lines: PaymentLineInput[];
}

export interface SupplierPaymentInput {
	supplier_code: string;
	amount: number;
	payment_date?: string;
	reference?: string;
	code?: string;
	/** supplier invoice numbers this cheque settles */
	settles?: string[];
}

const PAYMENT_MODES: Record<number, Json> = {
	1: { id: 1, code: 'cheque', label: 'Chèque' },
	3: { id: 3, code: 'eft', label: 'Virement électronique' },
};

export class Ledgers {
	constructor(readonly store: Store) {}

	resource(entity: LedgerKey): ResourceDef {
		return resourceByKey(entity) as ResourceDef;
	}

	/** Stores a record as Acomba writes it at `at` (whole seconds). */
	put(entity: LedgerKey, data: Json, at = this.store.clock.seconds()): StoredRecord {
		const table = this.store.table(entity);
		const time = Math.floor(at / 1000) * 1000;
		const record: StoredRecord = { id: table.nextId++, data, createdAt: time, modifiedAt: time, isDeleted: false };
		table.records.set(record.id, record);
		if (typeof data.code === 'string') table.byCode.set(data.code, record.id);
		table.invalidate();
		return record;
	}

	/** A change to a record now: it moves to the end of its extract. */
	touch(entity: LedgerKey, record: StoredRecord, at = this.store.clock.seconds()): void {
		record.modifiedAt = Math.max(record.modifiedAt, at);
		this.store.table(entity).invalidate();
	}

	/** `{id, code, name}` of a live customer, supplier or product, or undefined. */
	party(entity: 'customers' | 'suppliers' | 'products', code: string): Json | undefined {
		const record = this.store.findLive(entity, code);
		return record ? { id: record.id, code, name: this.store.nameOf(entity, record) } : undefined;
	}

	/** A live record by its code, or by its id when `code` is a number. */
	live(entity: LedgerKey, code: string): StoredRecord | undefined {
		return this.store.findLive(entity, code);
	}

	private payments(): StoredRecord[] {
		return this.store.table('customer_payments').liveRecords();
	}

	/** What live payments applied to an AR transaction (lines on hold are not applied yet). */
	paidOn(transactionId: number): number {
		let paid = 0;
		for (const payment of this.payments()) {
			for (const line of (payment.data._lines as Json[] | undefined) ?? []) {
				if (line.invoice_id === transactionId && line.on_hold !== true) paid += Number(line.amount) + Number(line.discount ?? 0);
			}
		}
		return cents(paid);
	}

	/** The full record in the documented shape (§8.2). */
	render(entity: LedgerKey, record: StoredRecord): Json {
		const resource = this.resource(entity);
		const out: Json = { id: record.id };
		for (const [key, value] of Object.entries(record.data)) if (!isInternal(key)) out[key] = value;
		const updatedAt = isoWithOffset(record.modifiedAt);
		const today = localDate(this.store.clock.seconds());
		const status: Json = { ...((record.data.status as Json | undefined) ?? { is_active: true }), is_deleted: record.isDeleted };
		if (entity === 'customer_transactions') {
			const total = Number((record.data.amounts as Json).transaction_total);
			status.is_paid_in_full = record.data._settled === true || this.paidOn(record.id) >= total - 0.005;
		}
		if (entity === 'customer_payments' || entity === 'supplier_payments') status.is_current_day = record.data.payment_date === today;
		out.status = status;
		out.metadata = { unique_id: uniqueId(entity, record.id), updated_at: updatedAt };
		if (BRIEF[entity] || entity === 'inventory_movements') out.updated_at = updatedAt;
		if (resource.extract) {
			out.sync = {
				cursor: { card_pos: record.id, modified_at: updatedAt },
				extracted_at: isoWithOffset(this.store.clock.seconds()),
				organisation_id: ORGANISATION_ID,
			};
		}
		out._links = { self: `${resource.recordPath ?? resource.path}/by-id/${record.id}` };
		return out;
	}

	brief(entity: LedgerKey, record: StoredRecord): Json {
		const full = this.render(entity, record);
		const keys = BRIEF[entity];
		return keys ? Object.fromEntries(keys.map((k) => [k, full[k] ?? null])) : full;
	}

	/** A customer payment's lines, in the documented shape. */
	paymentLines(payment: StoredRecord): Json[] {
		const transactions = this.store.table('customer_transactions');
		return ((payment.data._lines as Json[] | undefined) ?? []).map((line, index) => {
			const invoice = transactions.records.get(Number(line.invoice_id));
			return {
				id: payment.id * 100 + index + 1,
				code: `${String(payment.data.code)}-${index + 1}`,
				invoice_code: invoice?.data.code ?? null,
				payment_date: payment.data.payment_date,
				amounts: { amount: line.amount, discount: line.discount ?? 0, receivable: invoice ? Number((invoice.data.amounts as Json).transaction_total) : null },
				flags: {
					is_active: true,
					is_current_day: payment.data.payment_date === localDate(this.store.clock.seconds()),
					is_deleted: payment.isDeleted,
					is_on_hold: line.on_hold === true,
					is_refund: false,
				},
				related: {
					invoice_ar_id: invoice?.id ?? null,
					invoice_ar_unique_id: invoice ? uniqueId('customer_transactions', invoice.id) : null,
					payment_id: payment.id,
					payment_unique_id: uniqueId('customer_payments', payment.id),
				},
				transaction_type: invoice?.data.transaction_type ?? null,
			};
		});
	}

	// ---- writes --------------------------------------------------------------------------------

	/** Allocations `[{charter_code, description, amount}]` → the documented shape, unknown accounts 422. */
	private allocations(input: unknown, problems: Problem[]): Json[] {
		const list = Array.isArray(input) ? (input as Json[]) : [];
		return list.map((a, index) => {
			const code = a.charter_code === undefined || a.charter_code === null ? undefined : String(a.charter_code);
			const charter = code === undefined ? undefined : this.store.findLive('charters', code);
			if (code !== undefined && !charter) problems.push({ loc: ['body', 'allocations', index, 'charter_code'], msg: `Account '${code}' does not exist`, type: 'value_error' });
			if (typeof a.amount !== 'number') problems.push({ loc: ['body', 'allocations', index, 'amount'], msg: 'Input should be a valid number', type: 'float_type' });
			return { line_index: index, charter_id: charter?.id ?? a.charter_id ?? null, charter_code: code ?? null, description: a.description ?? null, amount: a.amount };
		});
	}

	private static totals(allocations: Json[]): { subtotal: number; total: number } {
		const total = cents(allocations.reduce((sum, a) => sum + Number(a.amount ?? 0), 0));
		const taxes = allocations.filter((a) => TAX_ACCOUNTS.includes(String(a.charter_code))).reduce((sum, a) => sum + Number(a.amount ?? 0), 0);
		return { subtotal: cents(total - taxes), total };
	}

	/** The code of a customer (supplier) sent as `<party>_id` only. */
	resolvePartyId(body: Json, party: 'customer' | 'supplier'): Json {
		const id = body[`${party}_id`];
		if (body[`${party}_code`] !== undefined || id === undefined) return body;
		const record = this.store.table(party === 'customer' ? 'customers' : 'suppliers').records.get(Number(id));
		if (!record || record.isDeleted) throw new ApiError(422, [{ loc: ['body', `${party}_id`], msg: `${party === 'customer' ? 'Customer' : 'Supplier'} ${String(id)} does not exist`, type: 'value_error' }]);
		return { ...body, [`${party}_code`]: record.data.code };
	}

	private dueDate(date: string, days: number): string {
		return localDate(Date.parse(`${date}T12:00:00-05:00`) + days * DAY);
	}

	/** `POST /api/customers/transactions`, body already checked against the catalog's schema. */
	createArTransaction(body: Json, at?: number): StoredRecord {
		const resource = this.resource('customer_transactions');
		const problems: Problem[] = [...this.store.relationProblems(resource, body)];
		const customer = this.party('customers', String(body.customer_code));
		const code = String(body.invoice_number);
		if (this.live('customer_transactions', code)) throw new ApiError(409, `Customer transaction ${code} already exists`);
		const type = enumValue(enumerations.arTransactionType, body.transaction_type, ['body', 'transaction_type']);
		const allocations = this.allocations(body.allocations, problems);
		throwProblems(problems);
		const customerData = this.store.findLive('customers', String(body.customer_code))?.data ?? {};
		const term = this.store.findLive('sales_terms', String(customerData.term_code ?? ''))?.data;
		const givenTerms = (body.terms as Json | undefined) ?? {};
		const dueDays = Number(givenTerms.due_days ?? term?.due_days ?? 30);
		const salesRep = String(body.sales_rep_code ?? customerData.sales_rep_code ?? '');
		const invoiceTo = String(body.invoice_to_code ?? body.customer_code);
		const { subtotal, total } = Ledgers.totals(allocations);
		return this.put(
			'customer_transactions',
			{
				code,
				customer,
				date: body.date,
				due_date: this.dueDate(String(body.date), dueDays),
				description: body.description ?? null,
				reference: body.reference ?? null,
				receivable_offset: body.receivable_offset ?? '1200',
				invoice_type: type.id === 3 ? enumValue(enumerations.arInvoiceType, 1, []) : null,
				transaction_type: type,
				amounts: { transaction_subtotal: subtotal, transaction_total: total },
				allocations,
				related: {
					invoice_to_id: this.store.findLive('customers', invoiceTo)?.id ?? null,
					invoice_to_code: invoiceTo,
					sales_rep_id: salesRep ? (this.store.findLive('sales_reps', salesRep)?.id ?? null) : null,
					sales_rep_code: salesRep || null,
				},
				status: { is_active: true },
				terms: {
					term_type: givenTerms.term_type ?? 1,
					term_percent: givenTerms.term_percent ?? term?.discount_percent ?? 0,
					number_of_days: givenTerms.number_of_days ?? term?.discount_days ?? 0,
					due_days: dueDays,
				},
				...(body._settled === true ? { _settled: true } : {}),
			},
			at,
		);
	}

	/** `POST /api/suppliers/transactions` (TransAPCreateSchema), body already checked. */
	createApInvoice(body: Json, at?: number): StoredRecord {
		const resource = this.resource('supplier_invoices');
		const problems: Problem[] = [...this.store.relationProblems(resource, body)];
		const code = String(body.invoice_number);
		if (this.live('supplier_invoices', code)) throw new ApiError(409, `Supplier invoice ${code} already exists`);
		const type = enumValue(enumerations.apInvoiceType, body.invoice_type, ['body', 'invoice_type']);
		const allocations = this.allocations(body.allocations, problems);
		throwProblems(problems);
		const supplier = this.store.findLive('suppliers', String(body.supplier_code));
		const paidToCode = String(body.supplier_paid_to_code ?? body.supplier_code);
		const paidTo = this.store.findLive('suppliers', paidToCode);
		const term = this.store.findLive('purchase_terms', String(supplier?.data.term_code ?? ''))?.data;
		const givenTerms = (body.terms as Json | undefined) ?? {};
		const sums = Ledgers.totals(allocations);
		const subtotal = typeof body.subtotal === 'number' ? body.subtotal : sums.subtotal;
		return this.put(
			'supplier_invoices',
			{
				code,
				date: body.date,
				description: body.description ?? null,
				reference: body.reference ?? null,
				supplier: { id: supplier?.id ?? null, code: body.supplier_code },
				supplier_paid_to: { id: paidTo?.id ?? null, code: paidToCode },
				invoice_type: type,
				amounts: { subtotal, total: allocations.length ? sums.total : subtotal },
				payable: body.payable ?? '2100',
				allocations,
				terms: {
					term_due_days: givenTerms.term_due_days ?? term?.due_days ?? 30,
					term_number_of_days: givenTerms.term_number_of_days ?? 0,
					term_percent: givenTerms.term_percent ?? 0,
					term_type: givenTerms.term_type ?? 1,
				},
				status: { is_active: true, is_paid_in_full: body._settled === true },
			},
			at,
		);
	}

	/** A customer pays: the payment and its lines; the invoices it pays change too (and show it). */
	addCustomerPayment(input: CustomerPaymentInput, at = this.store.clock.seconds()): StoredRecord {
		const customer = this.store.findLive('customers', input.customer_code);
		if (!customer) throw new ApiError(422, [{ loc: ['body', 'customer_code'], msg: `Customer '${input.customer_code}' does not exist`, type: 'value_error' }]);
		const invoices = input.lines.map((line, index) => {
			const invoice = this.live('customer_transactions', line.invoice_code);
			if (!invoice) throw new ApiError(422, [{ loc: ['body', 'lines', index, 'invoice_code'], msg: `Customer transaction '${line.invoice_code}' does not exist`, type: 'value_error' }]);
			return invoice;
		});
		const table = this.store.table('customer_payments');
		// after the demo's last number (PAI-000140)
		const code = input.code ?? `PAI-${String(140 + table.nextId).padStart(6, '0')}`;
		const total = cents(input.lines.reduce((sum, l) => sum + l.amount, 0));
		const discount = cents(input.lines.reduce((sum, l) => sum + (l.discount ?? 0), 0));
		const payment = this.put(
			'customer_payments',
			{
				code,
				customer: { id: customer.id, code: input.customer_code },
				payment_date: input.payment_date ?? localDate(at),
				payment_type: enumValue(enumerations.customerPaymentType, 1, []),
				modes: [{ index: 0, amount: total, mode: PAYMENT_MODES[input.mode ?? 1] ?? PAYMENT_MODES[1] }],
				receivable: '1200',
				reference: input.reference ?? null,
				status: { is_active: true, is_archived: false, is_from_invoicing: false },
				totals: { credit: 0, deposit: 0, discount, overpayment: 0, penalty: 0 },
				_lines: input.lines.map((line, index) => ({ invoice_id: invoices[index].id, amount: line.amount, discount: line.discount ?? 0, on_hold: line.on_hold === true })),
			},
			at,
		);
		for (const invoice of invoices) this.touch('customer_transactions', invoice, at);
		return payment;
	}

	/** A cheque to a supplier; the invoices it settles are then paid in full. */
	addSupplierPayment(input: SupplierPaymentInput, at = this.store.clock.seconds()): StoredRecord {
		const supplier = this.store.findLive('suppliers', input.supplier_code);
		if (!supplier) throw new ApiError(422, [{ loc: ['body', 'supplier_code'], msg: `Supplier '${input.supplier_code}' does not exist`, type: 'value_error' }]);
		const table = this.store.table('supplier_payments');
		const payment = this.put(
			'supplier_payments',
			{
				code: input.code ?? `PA${String(9 + table.nextId).padStart(5, '0')}`,
				amount: input.amount,
				bank_number: '1',
				credit: 0,
				discount: 0,
				payable: '2100',
				payment_date: input.payment_date ?? localDate(at),
				payment_type: enumValue(enumerations.supplierPaymentType, 1, []),
				reference: input.reference ?? null,
				supplier: { id: supplier.id, code: input.supplier_code },
				status: { is_active: true, is_archived: false },
			},
			at,
		);
		for (const code of input.settles ?? []) {
			const invoice = this.live('supplier_invoices', code);
			if (!invoice) continue;
			invoice.data.status = { ...(invoice.data.status as Json), is_paid_in_full: true };
			this.touch('supplier_invoices', invoice, at);
		}
		return payment;
	}
}
