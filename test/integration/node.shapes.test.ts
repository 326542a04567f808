/**
 * The documented names and values on writes (contract §9), end to end over HTTP against the sandbox,
 * which answers with the documented shapes: phone types other_1/other_2, email type personal, the
 * carrier as shipping_code, the comment in the catalog's form, and Simplify reading the nested record.
 */
import type { IDataObject } from 'n8n-workflow';

import { writeForms } from '../../nodes/ExoConnect/catalog';
import { locator, useSandbox } from '../helpers/exo';

const exo = useSandbox();

const sentComment = (text: string) => (writeForms.comment === 'object' ? { text } : text);

describe('a customer with the documented phone and email types', () => {
	it('is created with an other_1 phone, a personal email, a carrier and a comment, and reads back nested', async () => {
		const out = await exo.run({
			resource: 'customer',
			operation: 'create',
			code: 'TYPES-1',
			description: 'Types documentés',
			additionalFields: {
				phones: { value: [{ type: 'main', number: '514-555-0100' }, { type: 'other_1', number: '514-555-0111', description: 'Entrepôt' }] },
				emails: { value: [{ type: 'personal', address: 'lise@exemple.ca' }] },
				salesRepCode: '15',
				termCode: '2',
				shippingCode: 'DIC',
				comment: '  Appeler avant de livrer ',
			},
		});
		expect(exo.sandbox.log[0]).toMatchObject({ method: 'POST', status: 201 });
		expect(exo.sandbox.log[0].body).toEqual({
			code: 'TYPES-1',
			description: 'Types documentés',
			phones: [{ type: 'main', number: '514-555-0100' }, { type: 'other_1', number: '514-555-0111', description: 'Entrepôt' }],
			emails: [{ type: 'personal', address: 'lise@exemple.ca' }],
			sales_rep_code: '15',
			term_code: '2',
			shipping_code: 'DIC',
			comment: sentComment('Appeler avant de livrer'),
		});
		expect(out[0].json).toMatchObject({
			phones: [{ type: 'main' }, { type: 'other_1', description: 'Entrepôt' }],
			emails: [{ type: 'personal', address: 'lise@exemple.ca' }],
			sales_rep: { code: 15 },
			payment_term: { code: 2 },
			shipping: { code: 'DIC' },
			comment: { text: 'Appeler avant de livrer' },
		});
	});

	it('Get with Simplify shows its sales rep, term, carrier and comment', async () => {
		const out = await exo.run({ resource: 'customer', operation: 'get', record: locator('code', 'JACHETE'), options: { simplify: true } });
		const simple = out[0].json;
		expect(simple).toMatchObject({ code: 'JACHETE', sales_rep_code: '42', term_code: '1', shipping_code: 'PUR', comment: 'Livraison par la porte arrière' });
		expect(Object.keys(simple).sort()).toEqual(['code', 'comment', 'description', 'id', 'is_active', 'sales_rep_code', 'shipping_code', 'term_code', 'updated_at']);
		const whole = await exo.run({ resource: 'customer', operation: 'get', record: locator('code', 'JACHETE') });
		expect(whole[0].json).toMatchObject({ sales_rep: { code: 42 }, metadata: expect.any(Object) });
	});

	it('Update sends the comment in the catalog\'s form, whole: its flags as they are in Acomba', async () => {
		await exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { comment: 'Bon payeur' } });
		// a PUT replaces the comment whole (contract §2): the current record is read first, its flags sent along
		expect(exo.requests()[0]).toBe('GET /api/customers/by-code/JACHETE');
		const put = exo.sandbox.log.find((r) => r.method === 'PUT');
		expect(put?.body).toEqual({ comment: { show_on_transaction: true, print_in_transactions: false, ...(sentComment('Bon payeur') as object) } });
		// the demo customer's comment shows on transactions: it still does
		expect(exo.sandbox.store.getByCode('customers', 'JACHETE')?.comment).toEqual({ text: 'Bon payeur', show_on_transaction: true, print_in_transactions: false });
	});

	it('an undocumented phone type given as JSON is refused before any request', async () => {
		await expect(
			exo.run({ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: {}, options: { customFieldsJson: '{"phones": [{"type": "other", "number": "1"}]}' } }),
		).rejects.toThrow(/Phones › #1 › type: .*main.*fax.*other_1.*other_2/);
		expect(exo.sandbox.log).toHaveLength(0);
	});
});

describe('the carrier', () => {
	it('given as carrier_code in Custom Fields (JSON) is sent as shipping_code', async () => {
		const out = await exo.run({
			resource: 'customer',
			operation: 'update',
			record: locator('code', 'JACHETE'),
			updateFields: {},
			options: { customFieldsJson: '{"carrier_code": "CLI"}' },
		});
		expect(exo.sandbox.log[0].body).toEqual({ shipping_code: 'CLI' });
		expect(out[0].json).toMatchObject({ shipping: { code: 'CLI' } });
	});

	it('given twice with two different codes is refused before any request', async () => {
		const out = await exo.run(
			{ resource: 'customer', operation: 'update', record: locator('code', 'JACHETE'), updateFields: { shippingCode: 'PUR' }, options: { customFieldsJson: '{"carrier_code": "CLI", "shipping_code": "DIC"}' } },
			{ continueOnFail: true },
		);
		expect(exo.sandbox.log).toHaveLength(0);
		expect(out[0].json.error).toMatch(/carrier_code: is another name of shipping_code/);
	});
});

describe('a product', () => {
	it('is created with a comment and simplified with its price read from prices.regular', async () => {
		const created = await exo.run({ resource: 'product', operation: 'create', code: 'SHAPE-1', description: 'Produit', price: 9.95, additionalFields: { comment: 'Fragile', unit: 'BTE', cost: 4 } });
		expect(exo.sandbox.log[0].body).toEqual({ code: 'SHAPE-1', description: 'Produit', price: 9.95, comment: sentComment('Fragile'), unit: 'BTE', cost: 4 });
		expect(created[0].json).toMatchObject({ prices: { regular: 9.95, last_cost: 4 }, unit: { code: 'BTE', label: 'Boîte' }, comment: { text: 'Fragile' } });
		const simple = await exo.run({ resource: 'product', operation: 'get', record: locator('code', 'SHAPE-1'), options: { simplify: true } });
		expect(simple[0].json).toMatchObject({ code: 'SHAPE-1', price: 9.95, unit: 'BTE' } as IDataObject);
	});
});
