/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads the example workflows shipped in examples/ (fs, __dirname) */
/**
 * The example workflows' ExoConnect nodes, run with their saved parameters against the sandbox: an
 * example that no longer matches the node's parameters fails here, not in a user's hands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { useSandbox } from '../helpers/exo';

const exo = useSandbox();

function exampleNode(file: string, name: string): INode {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as { nodes: INode[] };
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`${name} not in ${file}`);
	return node;
}

describe('example workflows', () => {
	it('Quote with long notes: the note becomes 90-character comment lines after the two products', async () => {
		const out = await exo.run(exampleNode('quote-with-long-notes.json', 'Create Quote').parameters);
		const quote = out[0].json;
		const lines = quote.details as IDataObject[];
		expect(lines.slice(0, 2).map((l) => l.sku)).toEqual(['WIDGET-001', 'WIDGET-002']);
		expect(lines.length).toBeGreaterThan(3);
		lines.slice(2).forEach((l) => expect(String(l.description).length).toBeLessThanOrEqual(90));
		expect(quote).toMatchObject({ sales_rep_code: '42', term_code: '1', reference: 'Projet Ste-Foy' });
		const read = await exo.run(exampleNode('quote-with-long-notes.json', 'Read Quote').parameters, { items: out });
		expect(read[0].json.id).toBe(quote.id);
	});

	it('Web order → sales order: the webhook body becomes the order, each note on a comment line under its product; delivered again, it is not written twice', async () => {
		const body = {
			customer_code: 'JACHETE',
			order_number: 'WEB-1001',
			date: '2026-03-02', // the sandbox's day: the node looks for the order back from its date
			items: [{ sku: 'WIDGET-002', quantity: 3, note: 'Emballage cadeau' }, { sku: 'WIDGET-001', quantity: 1, note: '' }],
		};
		const node = exampleNode('web-order-to-sales-order.json', 'Create Sales Order');
		expect(node.parameters).toMatchObject({ operation: 'upsert', fieldsInput: 'manual' });
		const parameters = { ...node.parameters, additionalFields: { ...(node.parameters.additionalFields as IDataObject), date: '={{ $json.body.date }}' } };
		const out = await exo.run(parameters, { items: [{ json: { body } }] });
		expect(exo.sandbox.log.find((r) => r.method === 'POST')?.body).toEqual({
			customer_code: 'JACHETE',
			reference: 'WEB-1001',
			date: '2026-03-02',
			details: [{ sku: 'WIDGET-002', ordered_qty: 3 }, { description: 'Emballage cadeau' }, { sku: 'WIDGET-001', ordered_qty: 1 }],
		});
		expect(out[0].json).toMatchObject({ action: 'created', reference: 'WEB-1001', customer: { code: 'JACHETE' } });
		// the product line keeps the product's own name
		const product = exo.sandbox.store.getByCode('products', 'WIDGET-002') as IDataObject;
		expect((out[0].json.details as IDataObject[])[0].description).toBe(product.description);
		exo.sandbox.clearLog();
		const again = await exo.run(parameters, { items: [{ json: { body } }] });
		expect(again[0].json).toMatchObject({ action: 'unchanged', id: out[0].json.id });
		expect(exo.sandbox.log.filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('Nightly price export: every active product with its price', async () => {
		const out = await exo.run(exampleNode('nightly-price-export.json', 'Get Products').parameters);
		const active = exo.sandbox.store.list('products').filter((p) => (p.status as IDataObject).is_active);
		expect(out).toHaveLength(active.length);
		expect(out[0].json).toEqual(expect.objectContaining({ code: expect.any(String), price: expect.any(Number) }));
	});

	it('New customer notification: the trigger starts from now and emits the next new customer', async () => {
		const parameters = exampleNode('new-customer-notification.json', 'New Customer').parameters;
		const staticData: IDataObject = {};
		expect(await exo.poll(parameters, staticData)).toBeNull();
		exo.sandbox.clock.advance(2);
		exo.sandbox.store.insert('customers', { code: 'NOUVEAU', description: 'Nouveau client inc.' });
		const out = await exo.poll(parameters, staticData);
		expect(out?.[0].map((i) => [i.json.code, i.json.event])).toEqual([['NOUVEAU', 'created']]);
	});

	it('Unpaid invoices older than 30 days: the unpaid invoices, of which those 30 days old are the reminder list', async () => {
		const out = await exo.run(exampleNode('unpaid-invoices-reminder-list.json', 'Get Unpaid Invoices').parameters);
		expect(exo.sandbox.log[0].query).toMatchObject({ transaction_type: '3', brief: 'false' });
		const invoices = out.map((i) => i.json);
		expect(invoices.length).toBeGreaterThan(3);
		for (const invoice of invoices) expect(invoice).toMatchObject({ transaction_type: { id: 3 }, status: { is_paid_in_full: false } });
		// what the example's Filter node keeps ($now minus 30 days, the sandbox's clock here)
		const filter = exampleNode('unpaid-invoices-reminder-list.json', 'Older Than 30 Days').parameters as IDataObject;
		expect(JSON.stringify(filter)).toContain("$now.minus({ days: 30 }).toFormat('yyyy-MM-dd')");
		const cutoff = new Date(exo.sandbox.clock.seconds() - 30 * 86_400_000 - 5 * 3_600_000).toISOString().slice(0, 10);
		const reminders = invoices.filter((i) => String(i.date) < cutoff);
		expect(reminders.map((i) => String(i.code).slice(-5))).toEqual(['00402', '00405', '00409']);
		expect(reminders[0]).toMatchObject({ customer: { code: 'JACHETE', name: 'Jachète inc.' }, due_date: expect.any(String), amounts: { transaction_total: expect.any(Number) } });
	});

	it('Customer paid: the payment trigger starts from now and emits the next payment once, as "changed"', async () => {
		const parameters = exampleNode('customer-paid-notification.json', 'Customer Paid').parameters;
		const staticData: IDataObject = {};
		expect(await exo.poll(parameters, staticData)).toBeNull();
		exo.sandbox.clock.advance(2);
		const payment = exo.sandbox.ledgers.addCustomerPayment({ customer_code: 'JACHETE', reference: 'Virement 1', lines: [{ invoice_code: 'FAC-2026-00402', amount: 1949.25 }] });
		const out = await exo.poll(parameters, staticData);
		expect(out?.[0].map((i) => [i.json.code, i.json.event])).toEqual([[payment.data.code, 'changed']]);
		expect(out?.[0][0].json.record).toMatchObject({ customer: { code: 'JACHETE' }, modes: [{ amount: 1949.25 }] });
		exo.sandbox.clock.advance(2);
		expect(await exo.poll(parameters, staticData)).toBeNull();
	});
});
