/**
 * The demo company's books (contract §8), dated relative to the clock so that "older than 30 days" means
 * the same whenever the sandbox starts: invoices of the demo customers, some paid in full, one partly, some
 * not (two of them more than 30 days old); payments whose lines point at those invoices (one line on
 * hold); two credit notes and their AR credits; supplier bills and the cheques that paid some; three tax
 * exceptions; inventory movements that add up to the products' stock. The invoices of the invoicing
 * module (§4) are in the receivables ledger too.
 */
import { enumerations } from '../../../nodes/ExoConnect/catalog';
import { localDate } from '../clock';
import type { Json, StoredRecord } from '../store';
import type { Ledgers } from './book';
import { cents, enumValue } from './book';

const DAY = 86_400_000;
const TPS = 5;
const TVQ = 9.975;

/** Sales, TPS and TVQ allocations of a subtotal, as the invoicing module posts them. */
function salesAllocations(subtotal: number): Json[] {
	return [
		{ charter_code: '4000', description: 'Ventes', amount: subtotal },
		{ charter_code: '2300', description: 'TPS à payer', amount: cents((subtotal * TPS) / 100) },
		{ charter_code: '2310', description: 'TVQ à payer', amount: cents((subtotal * TVQ) / 100) },
	];
}

const totalOf = (record: StoredRecord) => Number((record.data.amounts as Json).transaction_total);

export function loadLedgerStory(book: Ledgers): void {
	const { store } = book;
	const now = store.clock.seconds();
	/** an hour before the clock, n days ago, plus a few seconds to keep the order of the story */
	const at = (daysAgo: number, second = 0) => now - daysAgo * DAY - 3_600_000 + second * 1000;
	const day = (daysAgo: number) => localDate(at(daysAgo));
	const year = (daysAgo: number) => day(daysAgo).slice(0, 4);
	// a sandbox started with one customer still gets the whole story, on fewer customers
	const customers = store.table('customers').liveRecords().map((r) => String(r.data.code));
	const [jachete, second, third, fourth] = [0, 1, 2, 3].map((i) => customers[i % customers.length]);
	const suppliers = store.table('suppliers').liveRecords().map((r) => String(r.data.code));

	// -- receivables: older invoices (opening of the story) --------------------------------------
	const ar = (daysAgo: number, code: string, customer: string, subtotal: number, reference: string) =>
		book.createArTransaction(
			{ customer_code: customer, invoice_number: code, transaction_type: 3, date: day(daysAgo), reference, description: 'Vente de marchandises', allocations: salesAllocations(subtotal) },
			at(daysAgo),
		);
	const paidLongAgo = ar(88, `FAC-${year(88)}-00391`, jachete, 1000, 'PO-0871');
	const paidLater = ar(74, `FAC-${year(74)}-00398`, second, 2500, 'PO-0902');
	const partlyPaid = ar(53, `FAC-${year(53)}-00402`, jachete, 3000, 'PO-0915');
	const overdue1 = ar(46, `FAC-${year(46)}-00405`, third, 750, 'Commande téléphonique');
	const overdue2 = ar(35, `FAC-${year(35)}-00409`, fourth, 500, 'PO-2231');
	const recent = ar(18, `FAC-${year(18)}-00413`, jachete, 1500, 'PO-0950');

	// -- receivables: the invoicing module's invoices (§4) ---------------------------------------
	const fromInvoicing = store.table('invoices').liveRecords().map((invoice, index) =>
		book.createArTransaction(
			{
				customer_code: invoice.data.customer_code,
				invoice_number: invoice.data.code,
				transaction_type: 3,
				date: invoice.data.date,
				reference: invoice.data.reference,
				description: 'Facture du module de facturation',
				allocations: [
					{ charter_code: '4000', description: 'Ventes', amount: invoice.data.subtotal },
					{ charter_code: '2300', description: 'Taxes', amount: invoice.data.tax_total },
				],
			},
			invoice.modifiedAt + 1000 + index * 1000,
		),
	);

	// -- credit notes and their AR credits --------------------------------------------------------
	const credit = (daysAgo: number, code: string, customer: string, lines: Array<[string, number]>, shipping: number) => {
		const rows = lines.map(([sku, quantity], index) => {
			const product = store.findLive('products', sku);
			const price = Number(store.getByCode('products', sku)?.price ?? product?.data.price ?? 0);
			return { line_id: index + 1, line_index: index, sku, description: String(product?.data.description ?? sku), quantity, unit_price: price, selling_price: price, total: cents(quantity * price) };
		});
		const subtotal = cents(rows.reduce((sum, r) => sum + r.total, 0));
		const base = cents(subtotal + shipping);
		const breakdown = [
			{ tax_code: 'TPS', rate_percent: TPS, base_taxable_amount: base, amount: cents((base * TPS) / 100) },
			{ tax_code: 'TVQ', rate_percent: TVQ, base_taxable_amount: base, amount: cents((base * TVQ) / 100) },
		];
		const taxTotal = cents(breakdown.reduce((sum, t) => sum + t.amount, 0));
		const creditType = enumValue(enumerations.arTransactionType, 2, []);
		book.put(
			'credits',
			{
				code,
				customer: book.party('customers', customer),
				header: { date: day(daysAgo), description: 'Retour de marchandises', reference: `RMA-${code.slice(-3)}` },
				invoicing_type: creditType,
				transaction_type: creditType,
				lines: rows,
				shipping: { amount: shipping, description: shipping ? 'Frais de transport remboursés' : null },
				taxes: { breakdown, total: taxTotal },
				totals: { subtotal, shipping_total: shipping, tax_total: taxTotal, grand_total: cents(base + taxTotal) },
				status: { is_active: true },
			},
			at(daysAgo),
		);
		book.createArTransaction(
			{
				customer_code: customer,
				invoice_number: code,
				transaction_type: 2,
				date: day(daysAgo),
				description: 'Note de crédit',
				allocations: [{ charter_code: '4000', description: 'Retour', amount: base }, ...breakdown.map((t) => ({ charter_code: t.tax_code === 'TPS' ? '2300' : '2310', description: t.tax_code, amount: t.amount }))],
				// applied against the customer's account when it was issued
				_settled: true,
			},
			at(daysAgo, 1),
		);
	};
	credit(16, `CR-${year(16)}-00011`, jachete, [['WIDGET-001', 4]], 0);
	credit(4, `CR-${year(4)}-00012`, second, [['WIDGET-002', 1]], 10);

	// -- customer payments: lines point at the invoices above ---------------------------------------
	book.addCustomerPayment({ code: 'PAI-000131', customer_code: jachete, payment_date: day(58), reference: 'Chèque 4471', lines: [{ invoice_code: String(paidLongAgo.data.code), amount: totalOf(paidLongAgo) }] }, at(58));
	book.addCustomerPayment({ code: 'PAI-000134', customer_code: second, payment_date: day(44), reference: 'Virement 88120', mode: 3, lines: [{ invoice_code: String(paidLater.data.code), amount: cents(totalOf(paidLater) - 50), discount: 50 }] }, at(44));
	book.addCustomerPayment({ code: 'PAI-000137', customer_code: jachete, payment_date: day(23), reference: 'Chèque 4502', lines: [{ invoice_code: String(partlyPaid.data.code), amount: 1500 }] }, at(23));
	book.addCustomerPayment({ code: 'PAI-000139', customer_code: fourth, payment_date: day(9), reference: 'Chèque postdaté 118', lines: [{ invoice_code: String(overdue2.data.code), amount: 100, on_hold: true }] }, at(9));
	const firstOfJachete = fromInvoicing.find((t) => (t.data.customer as Json).code === jachete);
	book.addCustomerPayment(
		{
			code: 'PAI-000140',
			customer_code: jachete,
			payment_date: day(1),
			reference: 'Virement 90311',
			mode: 3,
			lines: [{ invoice_code: String(recent.data.code), amount: totalOf(recent) }, ...(firstOfJachete ? [{ invoice_code: String(firstOfJachete.data.code), amount: totalOf(firstOfJachete) }] : [])],
		},
		at(1),
	);
	void overdue1; // left unpaid: the reminder list's first line

	// -- payables: supplier bills and cheques ----------------------------------------------------
	const ap = (daysAgo: number, code: string, supplier: string, subtotal: number, type = 2) =>
		book.createApInvoice(
			{ supplier_code: supplier, invoice_number: code, invoice_type: type, date: day(daysAgo), reference: `F${code.slice(-4)}`, description: type === 2 ? 'Achat de marchandises' : 'Crédit du fournisseur', allocations: [{ charter_code: '5000', description: 'Achats', amount: subtotal }, { charter_code: '2330', description: 'CTI à recevoir', amount: cents((subtotal * (TPS + TVQ)) / 100) }], subtotal },
			at(daysAgo, 2),
		);
	ap(50, `AP-${year(50)}-00083`, suppliers[0], 1200);
	ap(40, `AP-${year(40)}-00084`, suppliers[1], 860);
	ap(25, `AP-${year(25)}-00085`, suppliers[0], 2400);
	ap(12, `AP-${year(12)}-00086`, suppliers[1], 150, 1);
	ap(3, `AP-${year(3)}-00087`, suppliers[2], 640);
	book.addSupplierPayment({ code: 'PA00010', supplier_code: suppliers[0], amount: cents(1200 * 1.14975), payment_date: day(20), reference: 'Chèque 1201', settles: [`AP-${year(50)}-00083`] }, at(20, 3));
	book.addSupplierPayment({ code: 'PA00011', supplier_code: suppliers[1], amount: cents(860 * 1.14975), payment_date: day(10), reference: 'Chèque 1202', settles: [`AP-${year(40)}-00084`] }, at(10, 3));
	book.addSupplierPayment({ code: 'PA00012', supplier_code: suppliers[0], amount: 1000, payment_date: day(1), reference: 'Chèque 1203 (acompte)' }, at(1, 3));

	// -- tax exceptions -----------------------------------------------------------------------------
	const taxLine = (index: number, code: string, type: Json) => ({ line_index: index, rate_index: index, tax_id: store.findLive('taxes', code)?.id ?? null, tax_code: code, tax_amount: 0, tax_type: type });
	const zeroRated = { id: 1, code: 'zero_rated', label: 'Détaxée' };
	const exempt = { id: 2, code: 'exempt', label: 'Exonérée' };
	book.put('tax_exceptions', { code: 'EX-EXPORT', name: "Ventes à l'exportation", lines: [taxLine(0, 'TPS', zeroRated), taxLine(1, 'TVQ', zeroRated)], status: { is_active: true, is_used: true } }, at(80, 4));
	book.put('tax_exceptions', { code: 'EX-AUTOCH', name: 'Livraison en réserve (Indien inscrit)', lines: [taxLine(0, 'TPS', exempt), taxLine(1, 'TVQ', exempt)], status: { is_active: true, is_used: false } }, at(60, 4));
	book.put('tax_exceptions', { code: 'EX-OBNL', name: 'Organisme exonéré de TVQ', lines: [taxLine(0, 'TVQ', exempt)], status: { is_active: false, is_used: false } }, at(30, 4));

	// -- inventory movements: they add up to each product's stock on hand ---------------------------
	/** trail types as numbers only (the documentation shows no labels): 0 opening, 1 receipt, 2 sale */
	const move = (daysAgo: number, sku: string, quantity: number, trailType: number) => {
		const product = store.findLive('products', sku);
		if (!product || quantity === 0) return;
		book.put('inventory_movements', { product: { id: product.id, code: sku }, date: day(daysAgo), quantity, cost: Number(product.data.cost ?? 0), trail_type: trailType }, at(daysAgo, 5));
	};
	const onHand = (sku: string) => Number((store.getByCode('products', sku)?.stock as Json | undefined)?.on_hand ?? 0);
	for (const sku of ['WIDGET-001', 'WIDGET-002']) {
		move(30, sku, onHand(sku) + 30, 1);
		move(10, sku, -22, 2);
		move(5, sku, -8, 2);
	}
	for (const product of store.table('products').liveRecords().slice(2, 12)) move(90, String(product.data.code), onHand(String(product.data.code)), 0);
}
