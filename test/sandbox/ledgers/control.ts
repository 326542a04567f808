/**
 * Sandbox controls of §8 (no API key, not logged), under the same `/__sandbox/records/{entity}` as the
 * other records: GET lists or reads them in the documented shapes; POST records a customer payment
 * (`{customer_code, lines: [{invoice_code, amount}]}`), a supplier cheque (`{supplier_code, amount,
 * settles}`), an AR transaction or a supplier invoice (their API bodies) as Acomba would. DELETE and
 * `…/touch` are the generic ones. `GET|POST /__sandbox/sdk-windows` reads or changes the maintenance
 * window (`{"enabled": true}`, `{"open_now": true}`).
 */
import { createSchema, validate } from '../../../nodes/ExoConnect/schemas';
import { ApiError } from '../errors';
import type { Json } from '../store';
import type { CustomerPaymentInput, LedgerKey, Ledgers, SupplierPaymentInput } from './book';
import { isLedger } from './book';
import type { SdkWindows } from './windows';

type Answer = { status: number; body: unknown };

function create(book: Ledgers, entity: LedgerKey, input: Json): Json {
	if (entity === 'customer_payments') {
		if (!Array.isArray(input.lines)) throw new ApiError(400, 'lines must be a list of {invoice_code, amount}');
		return book.render(entity, book.addCustomerPayment(input as unknown as CustomerPaymentInput));
	}
	if (entity === 'supplier_payments') return book.render(entity, book.addSupplierPayment(input as unknown as SupplierPaymentInput));
	if (entity === 'customer_transactions' || entity === 'supplier_invoices') {
		const party = entity === 'customer_transactions' ? 'customer' : 'supplier';
		const body = book.resolvePartyId(input, party);
		const checked = validate<Json>(createSchema(book.resource(entity)), body);
		if (!checked.ok) throw new ApiError(400, checked.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '));
		const record = entity === 'customer_transactions' ? book.createArTransaction(checked.value) : book.createApInvoice(checked.value);
		return book.render(entity, record);
	}
	throw new ApiError(400, `${entity} are not written through the sandbox; they come with the demo company`);
}

export function ledgerControl(book: Ledgers, windows: SdkWindows, method: string, parts: Array<string | undefined>, input: Json): Answer | undefined {
	const [what, entity, id, action] = parts;
	if (what === 'sdk-windows' && !entity) {
		if (method === 'POST') windows.change(input);
		if (method === 'POST' || method === 'GET') return { status: 200, body: windows.answer(undefined) };
	}
	if (what !== 'records' || !entity || !isLedger(entity)) return undefined;
	const table = book.store.table(entity);
	if (id === undefined && method === 'GET') return { status: 200, body: [...table.records.values()].map((r) => book.render(entity, r)) };
	if (id === undefined && method === 'POST') return { status: 201, body: create(book, entity, input) };
	if (id !== undefined && action === undefined && method === 'GET') {
		const record = table.records.get(Number(id));
		return record ? { status: 200, body: book.render(entity, record) } : { status: 404, body: { detail: `No ${entity} ${id}` } };
	}
	return undefined;
}
