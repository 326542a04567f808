/**
 * The documented shapes of full customers, suppliers and products (contract §9): the store keeps fields
 * under their body names (`sales_rep_code`, `price`, `comment`…), and a full record shows each catalog
 * field that has a `shownAs` path where the documentation shows it, with the parts a live ExoConnect adds
 * (ids, labels, flags). Brief product items carry their `price` too.
 */
import type { EntityKey, FieldDef, ResourceDef } from '../../nodes/ExoConnect/catalog';
import type { Json } from './store';

/** The docs show these related codes as JSON numbers (`sales_rep {id: 8, code: 42}`, term `1`). */
const NUMERIC_CODES: EntityKey[] = ['sales_reps', 'sales_terms', 'purchase_terms'];

/** Enumerations are `{id, code, label}` with French labels [doc]; the ids are ours. */
const LANGUAGES: Record<string, Json> = {
	FR: { id: 1, code: 'FR', label: 'Français' },
	EN: { id: 2, code: 'EN', label: 'Anglais' },
};

/** Flags of the documented comment object, per resource. */
const COMMENT_FLAGS: Partial<Record<EntityKey, Json>> = {
	customers: { show_on_transaction: false, print_in_transactions: false },
	suppliers: { show_on_transaction: false, print_in_transactions: false },
	products: { show_on_invoice: false, print_in_transactions: false },
};

/** Unit labels as Acomba shows them. */
const UNITS: Record<string, string> = { UN: 'Unité', BTE: 'Boîte', PI: 'Pied', KG: 'Kilogramme' };

/** Keys brief items carry besides id, code, name, updated_at and _links [doc: "Lister les produits"]. */
export const BRIEF_EXTRAS: Partial<Record<EntityKey, string[]>> = { products: ['price'] };

/** The key a full record shows a field under: `sales_rep` for `sales_rep.code`. */
export const shownKey = (field: FieldDef): string | undefined => field.shownAs?.split('.')[0];

/** Whether the resource's full records have the documented shape (some field is shown elsewhere). */
export const hasDocumentedShape = (resource: ResourceDef): boolean => resource.fields.some((f) => f.shownAs);

function setPath(out: Json, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = out;
	for (const key of keys.slice(0, -1)) {
		const next = node[key];
		node = (node[key] = next && typeof next === 'object' && !Array.isArray(next) ? (next as Json) : {}) as Json;
	}
	node[keys[keys.length - 1]] = value as Json[string];
}

/** A related record as `{id, code}`, its code a number where the docs show one. */
export function relatedObject(field: FieldDef, code: string, id: number | null): Json {
	const numeric = NUMERIC_CODES.includes(field.relation as EntityKey) && /^[1-9]\d{0,8}$/.test(code);
	return { id, code: numeric ? Number(code) : code };
}

/**
 * Moves every `shownAs` field of a rendered record to its documented place, and completes the documented
 * objects. `relatedId` gives the id of a related record by entity and code.
 */
export function documentedShape(resource: ResourceDef, out: Json, relatedId: (entity: EntityKey, code: string) => number | null): void {
	for (const field of resource.fields) {
		if (!field.shownAs) continue;
		const value = out[field.name];
		delete out[field.name];
		if (value === undefined || value === null || value === '') continue;
		if (field.relation) out[shownKey(field) as string] = relatedObject(field, String(value), relatedId(field.relation, String(value)));
		else if (typeof value === 'object') out[shownKey(field) as string] = value;
		else setPath(out, field.shownAs, value);
	}
	if (typeof out.language === 'object' && out.language) {
		const code = String((out.language as Json).code);
		out.language = LANGUAGES[code] ?? { id: null, code, label: code };
	}
	if (out.comment !== undefined) out.comment = { text: '', ...COMMENT_FLAGS[resource.key], ...(out.comment as Json) };
	if (resource.key === 'products') completeProduct(out);
}

function completeProduct(out: Json): void {
	const prices = (out.prices ?? {}) as Json;
	const cost = prices.last_cost ?? null;
	out.prices = { regular: prices.regular ?? null, promo: null, bulk: {}, last_cost: cost, average_cost: cost };
	if (out.unit && typeof out.unit === 'object') {
		const code = String((out.unit as Json).code);
		out.unit = { code, label: UNITS[code] ?? code };
	}
	out.description_locale = { fr: out.description ?? null, en: null };
}

/** Read-only product stock as the docs show it; stored parts (on_hand, reserved, available) are kept. */
export function productStock(stored: unknown): Json {
	return {
		on_hand: 0,
		on_order: 0,
		on_quote: 0,
		reserved: 0,
		in_purchase: 0,
		available: 0,
		...(stored && typeof stored === 'object' ? (stored as Json) : {}),
		settings: { minimum: 0, maximum: 0 },
	};
}
