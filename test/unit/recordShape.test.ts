import type { FieldDef } from '../../nodes/ExoConnect/catalog';
import { fieldOf, resourceByKey, resources } from '../../nodes/ExoConnect/catalog';
import { commentText, fieldValue, price, recordName, relatedCode, valueAt } from '../../nodes/ExoConnect/recordShape';

const field = (resource: string, name: string) => fieldOf(resourceByKey(resource) as NonNullable<ReturnType<typeof resourceByKey>>, name) as FieldDef;

describe('reading a record in either form (contract §9)', () => {
	it('one dotted-path reader: it steps into objects, never into lists (local filters and record shapes agree)', () => {
		expect(valueAt({ status: { is_paid_in_full: true } }, 'status.is_paid_in_full')).toBe(true);
		expect(valueAt({ prices: { regular: 5 } }, 'prices.regular')).toBe(5);
		expect(valueAt({ status: null }, 'status.is_paid_in_full')).toBeUndefined();
		expect(valueAt({ status: 'x' }, 'status.length')).toBeUndefined();
		// a list is not addressed by position nor by its length: neither is a field of the record
		expect(valueAt({ details: [{ amount: 3 }] }, 'details.0.amount')).toBeUndefined();
		expect(valueAt({ details: [1, 2] }, 'details.length')).toBeUndefined();
	});

	it('a related code from x_code or x.code, as text also when the API gives a number', () => {
		expect(relatedCode({ sales_rep_code: '42' }, 'sales_rep')).toBe('42');
		expect(relatedCode({ sales_rep: { id: 8, code: 42 } }, 'sales_rep')).toBe('42');
		expect(relatedCode({ sales_rep_code: 7, sales_rep: { id: 8, code: 42 } }, 'sales_rep')).toBe('7');
		expect(relatedCode({ sales_rep_code: null, sales_rep: { code: '15' } }, 'sales_rep')).toBe('15');
		for (const record of [{}, { sales_rep: null }, { sales_rep: { id: 8 } }, { sales_rep: 'x' }, { sales_rep_code: { code: 1 } }]) {
			expect(relatedCode(record, 'sales_rep')).toBeUndefined();
		}
	});

	it('a comment from a string or comment.text', () => {
		expect(commentText({ comment: 'Bon client' })).toBe('Bon client');
		expect(commentText({ comment: { text: 'Objet', show_on_transaction: true } })).toBe('Objet');
		expect(commentText({ comment: null })).toBeUndefined();
		expect(commentText({ comment: { show_on_transaction: true } })).toBeUndefined();
	});

	it('a price from price or prices.regular; a name from name or description', () => {
		expect(price({ price: 24.99 })).toBe(24.99);
		expect(price({ prices: { regular: 39.5, promo: 30 } })).toBe(39.5);
		expect(price({ price: 0, prices: { regular: 5 } })).toBe(0);
		expect(price({ prices: { regular: '5' } })).toBeUndefined();
		expect(recordName({ name: 'Marie-Ève Gagnon', description: 'x' })).toBe('Marie-Ève Gagnon');
		expect(recordName({ description: 'Jachète inc.' })).toBe('Jachète inc.');
		expect(recordName({ name: '', description: 'Jachète inc.' })).toBe('Jachète inc.');
		expect(recordName({ code: 'X' })).toBeUndefined();
	});

	it('a catalog field under its body name, an alias, or where full records show it', () => {
		const carrier = field('customers', 'shipping_code');
		expect(fieldValue({ shipping_code: 'PUR' }, carrier)).toBe('PUR');
		expect(fieldValue({ carrier_code: 'DIC' }, carrier)).toBe('DIC');
		expect(fieldValue({ shipping: { id: 5, code: 'CLI' } }, carrier)).toBe('CLI');
		expect(fieldValue({ payment_term: { id: 1, code: 1 } }, field('customers', 'term_code'))).toBe('1');
		expect(fieldValue({ language: { id: 1, code: 'FR', label: 'Français' } }, field('customers', 'language_code'))).toBe('FR');
		expect(fieldValue({ comment: { text: 'x' } }, field('customers', 'comment'))).toBe('x');
		expect(fieldValue({ prices: { regular: 9.95, last_cost: 4 } }, field('products', 'price'))).toBe(9.95);
		expect(fieldValue({ prices: { regular: 9.95, last_cost: 4 } }, field('products', 'cost'))).toBe(4);
		expect(fieldValue({ unit: { code: 'UN', label: 'Unité' } }, field('products', 'unit'))).toBe('UN');
		expect(fieldValue({ unit: 'BTE' }, field('products', 'unit'))).toBe('BTE');
		expect(fieldValue({ upc: '0625' }, field('products', 'upc'))).toBe('0625');
	});
});

describe('catalog marks', () => {
	it('every name read elsewhere or taken under another name says whether it is [doc] or [inferred]', () => {
		const unmarked = resources.flatMap((r) => r.fields.filter((f) => (f.shownAs || f.aliases || f.kind === 'comment') && !f.evidence).map((f) => `${r.key}.${f.name}`));
		expect(unmarked).toEqual([]);
	});

	it('the carrier of customers and suppliers is sent as shipping_code, carrier_code accepted as an alias', () => {
		for (const key of ['customers', 'suppliers']) {
			const resource = resourceByKey(key) as NonNullable<ReturnType<typeof resourceByKey>>;
			expect(fieldOf(resource, 'carrier_code')).toBeUndefined();
			expect(fieldOf(resource, 'shipping_code')).toMatchObject({ relation: 'carriers', evidence: 'doc', shownAs: 'shipping.code', aliases: ['carrier_code'] });
		}
	});
});
