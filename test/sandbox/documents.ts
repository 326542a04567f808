/**
 * What ExoConnect does to a quote, order, invoice or purchase order (contract §4): header fields left out
 * come from the customer (supplier), line fields left out from the product, lines are numbered, and
 * totals and taxes are computed from the customer's tax group.
 */
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { localDate } from './clock';
import { invalid } from './errors';
import type { Json, Store } from './store';

const HEADER_DEFAULTS = ['term_code', 'sales_rep_code', 'territory_code', 'carrier_code'];

const cents = (n: number) => Math.round(n * 100) / 100;

function taxRates(store: Store, party: Json | undefined): number[] {
	const groupCode = party?.tax_group_code;
	if (typeof groupCode !== 'string') return [];
	const group = store.findLive('tax_groups', groupCode);
	const taxes = Array.isArray(group?.data.taxes) ? (group?.data.taxes as string[]) : [];
	return taxes.map((code) => Number(store.findLive('taxes', code)?.data.rate_percent ?? 0));
}

export function applyDocumentRules(
	store: Store,
	resource: ResourceDef,
	data: Json,
	at: number,
	{ isCreate, linesChanged }: { isCreate: boolean; linesChanged: boolean },
): void {
	const document = resource.document;
	if (!document) return;
	const party = store.findLive(document.partyResource, String(data[document.partyField]))?.data;
	if (isCreate) {
		for (const key of HEADER_DEFAULTS) {
			if (data[key] === undefined && party?.[key] !== undefined) data[key] = party[key];
		}
		data.date ??= localDate(at);
	}
	if (linesChanged) {
		const rates = taxRates(store, party);
		const lines = (Array.isArray(data.details) ? data.details : []) as Json[];
		data.details = lines.map((input, index) => {
			const line: Json = { ...input };
			line.line_number ??= index + 1;
			const sku = typeof line.sku === 'string' ? line.sku.trim() : '';
			if (!sku) {
				line.sku = '';
				line.ordered_qty ??= 0;
				line.total = 0;
				return line;
			}
			const product = store.findLive('products', sku);
			if (!product) throw invalid(['body', 'details', index, 'sku'], `Product '${sku}' does not exist`);
			line.description ??= product.data.description;
			line.unit_price ??= product.data.price;
			line.product_group_code ??= product.data.product_group_code;
			line.ordered_qty ??= 0;
			line.total = cents(Number(line.ordered_qty) * Number(line.unit_price ?? 0));
			line.tax_amount_1 ??= cents((Number(line.total) * (rates[0] ?? 0)) / 100);
			line.tax_amount_2 ??= cents((Number(line.total) * (rates[1] ?? 0)) / 100);
			return line;
		});
	}
	const lines = (data.details ?? []) as Json[];
	data.subtotal = cents(lines.reduce((sum, l) => sum + Number(l.total ?? 0), 0));
	data.tax_total = cents(lines.reduce((sum, l) => sum + Number(l.tax_amount_1 ?? 0) + Number(l.tax_amount_2 ?? 0), 0));
	data.total = cents(Number(data.subtotal) + Number(data.tax_total));
}
