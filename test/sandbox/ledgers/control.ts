/**
 * Sandbox controls of §8 (no API key, not logged): `POST /__sandbox/ledgers/customer_payments` and
 * `…/supplier_payments` record a payment as Acomba would; `GET|POST /__sandbox/sdk-windows` reads or
 * changes the maintenance window (`{"enabled": true}`, `{"open_now": true}`).
 */
import { ApiError } from '../errors';
import type { Json } from '../store';
import type { CustomerPaymentInput, Ledgers, SupplierPaymentInput } from './book';
import type { SdkWindows } from './windows';

export function ledgerControl(
	book: Ledgers,
	windows: SdkWindows,
	method: string,
	what: string,
	entity: string | undefined,
	input: Json,
): { status: number; body: unknown } | undefined {
	if (what === 'sdk-windows' && !entity) {
		if (method === 'POST') windows.change(input);
		if (method === 'POST' || method === 'GET') return { status: 200, body: windows.answer(undefined) };
	}
	if (what === 'ledgers' && method === 'POST') {
		if (entity === 'customer_payments') {
			if (!Array.isArray(input.lines)) throw new ApiError(400, 'lines must be a list of {invoice_code, amount}');
			const payment = book.addCustomerPayment(input as unknown as CustomerPaymentInput);
			return { status: 201, body: book.render('customer_payments', payment) };
		}
		if (entity === 'supplier_payments') {
			const payment = book.addSupplierPayment(input as unknown as SupplierPaymentInput);
			return { status: 201, body: book.render('supplier_payments', payment) };
		}
	}
	return undefined;
}
