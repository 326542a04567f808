/**
 * What ExoConnect does to a quote, order, invoice or purchase order (contract §4): header fields left out
 * come from the customer (supplier), line fields left out from the product, lines are numbered, and
 * totals and taxes are computed from the customer's tax group. A field sent as "" or 0 is kept as sent.
 */
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { lineFields, resourceByKey } from '../../nodes/ExoConnect/catalog';
import { localDate } from './clock';
import type { Problem } from './errors';
import type { Json, Store } from './store';

/** Header fields a document takes from its customer (supplier) when they are left out: document field → party field. */
const HEADER_DEFAULTS: Record<string, string> = {
	term_code: 'term_code',
	sales_rep_code: 'sales_rep_code',
	territory_code: 'territory_code',
	// a document's `carrier_code` (§4) is the party's `shipping_code` (§9)
	carrier_code: 'shipping_code',
	invoice_to_code: 'invoice_to_code',
};

const cents = (n: number) => Math.round(n * 100) / 100;

const linesOf = (data: Json): Json[] => (Array.isArray(data.details) ? (data.details as Json[]) : []);

const skuOf = (line: Json) => (typeof line.sku === 'string' ? line.sku.trim() : '');

/** Lines that name a product, product group… that does not exist: 422 at `["body","details",i,field]`. */
export function lineProblems(store: Store, data: Json): Problem[] {
	const problems: Problem[] = [];
	linesOf(data).forEach((line, index) => {
		for (const field of lineFields) {
			const value = line?.[field.name];
			if (!field.relation || typeof value !== 'string' || value.trim() === '') continue;
			if (!store.findLive(field.relation, value.trim())) {
				const target = resourceByKey(field.relation);
				problems.push({
					loc: ['body', 'details', index, field.name],
					msg: `${target?.displayName ?? field.relation} '${value.trim()}' does not exist`,
					type: 'value_error',
				});
			}
		}
	});
	return problems;
}

/** Tax rates (percent) of the party's tax group, in the group's order: TPS then TVQ for `QC`. */
function taxRates(store: Store, party: Json | undefined): number[] {
	const groupCode = party?.tax_group_code;
	if (typeof groupCode !== 'string' || groupCode === '') return [];
	const group = store.findLive('tax_groups', groupCode);
	const taxes = Array.isArray(group?.data.taxes) ? (group?.data.taxes as string[]) : [];
	return taxes.map((code) => Number(store.findLive('taxes', code)?.data.rate_percent ?? 0));
}

/** Fills defaults and computes totals in place; the lines were checked by `lineProblems` before. */
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
		for (const [key, partyKey] of Object.entries(HEADER_DEFAULTS)) {
			if (data[key] === undefined && party?.[partyKey] !== undefined) data[key] = party[partyKey];
		}
		data.date ??= localDate(at);
	}
	if (linesChanged) {
		const rates = taxRates(store, party);
		data.details = linesOf(data).map((input, index) => {
			const line: Json = { ...input };
			line.line_number ??= index + 1;
			const sku = skuOf(line);
			if (!sku) {
				// a comment line: text only, no quantity, no price, no tax
				line.sku = '';
				line.ordered_qty ??= 0;
				line.total = 0;
				return line;
			}
			line.sku = sku;
			const product = store.findLive('products', sku)?.data ?? {};
			line.description ??= product.description;
			line.unit_price ??= product.price ?? 0;
			line.product_group_code ??= product.product_group_code;
			line.ordered_qty ??= 0;
			line.total = cents(Number(line.ordered_qty) * Number(line.unit_price));
			line.tax_amount_1 ??= cents((Number(line.total) * (rates[0] ?? 0)) / 100);
			line.tax_amount_2 ??= cents((Number(line.total) * (rates[1] ?? 0)) / 100);
			return line;
		});
	}
	const lines = linesOf(data);
	data.subtotal = cents(lines.reduce((sum, l) => sum + Number(l.total ?? 0), 0));
	data.tax_total = cents(
		lines.reduce((sum, l) => sum + Number(l.tax_amount_1 ?? 0) + Number(l.tax_amount_2 ?? 0), 0),
	);
	data.total = cents(Number(data.subtotal) + Number(data.tax_total));
}
