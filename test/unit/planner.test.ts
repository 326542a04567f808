/** The write planner alone: no request, the body, the outcome and the warnings from the wanted fields and the current record. */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { resourceByKey } from '../../nodes/ExoConnect/catalog';
import { changesOf, needsCurrent, planWrite } from '../../nodes/ExoConnect/actions/planning/plan';

const customers = resourceByKey('customers') as ResourceDef;
const quotes = resourceByKey('quotes') as ResourceDef;

const current: IDataObject = {
	id: 7,
	code: 'JACHETE',
	description: 'Jachète inc.',
	address: { line1: '1234, rue Principale', line2: null, city: 'Montréal', province: 'QC', postal_code: 'H2X 1Y4', country_code: 'CA' },
	phones: [
		{ type: 'main', number: '514-555-0142', extension: '12', description: 'Réception' },
		{ type: 'other_1', number: '514-555-0199', description: 'Entrepôt' },
	],
	emails: [{ type: 'primary', address: 'a@b.ca' }],
	comment: { text: 'Porte arrière', show_on_transaction: true, print_in_transactions: false },
	sales_rep: { id: 8, code: 42 },
};

describe('the write planner', () => {
	it('Update sends a structured field whole, merged with the current record; other fields as given', () => {
		const plan = planWrite(customers, 'update', { address: { city: 'Laval' }, description: 'Jachète inc.' }, current);
		expect(plan).toEqual({
			action: 'updated',
			body: {
				address: { line1: '1234, rue Principale', city: 'Laval', province: 'QC', postal_code: 'H2X 1Y4', country_code: 'CA' },
				description: 'Jachète inc.',
			},
			warnings: [],
		});
	});

	it('phones merge per type: the main number keeps its extension and description, other types stay', () => {
		const plan = planWrite(customers, 'sync', { phones: [{ type: 'main', number: '450-555-0100' }, { type: 'fax', number: '1' }] }, current);
		expect(plan.body.phones).toEqual([
			{ type: 'other_1', number: '514-555-0199', description: 'Entrepôt' },
			{ type: 'main', number: '450-555-0100', extension: '12', description: 'Réception' },
			{ type: 'fax', number: '1' },
		]);
	});

	it('a comment keeps its flags; a flag given is compared and sent', () => {
		expect(planWrite(customers, 'sync', { comment: { text: 'Neuf' } }, current).body).toEqual({ comment: { text: 'Neuf', show_on_transaction: true, print_in_transactions: false } });
		expect(planWrite(customers, 'sync', { comment: { text: 'Porte arrière' } }, current).action).toBe('unchanged');
		expect(planWrite(customers, 'sync', { comment: { text: 'Porte arrière', show_on_transaction: false } }, current).body).toEqual({
			comment: { text: 'Porte arrière', show_on_transaction: false, print_in_transactions: false },
		});
	});

	it('Create or Update sends only what differs; nothing different is unchanged', () => {
		expect(planWrite(customers, 'sync', { code: 'JACHETE', sales_rep_code: '42', address: { city: 'Montréal' } }, current)).toEqual({ action: 'unchanged', body: {}, warnings: [] });
	});

	it("a document's other sales rep is never sent: a warning, and unchanged when nothing else differs", () => {
		const quote = { id: 3, code: 'SOU-1', sales_rep_code: '42', reference: 'A' };
		const plan = planWrite(quotes, 'update', { sales_rep_code: '7' }, quote);
		expect(plan.action).toBe('unchanged');
		expect(plan.body).toEqual({});
		expect(plan.warnings).toEqual([expect.stringContaining('"7" was not sent and the quote still has "42"')]);
		expect(planWrite(quotes, 'sync', { sales_rep_code: '7', reference: 'B' }, quote)).toMatchObject({ action: 'updated', body: { reference: 'B' } });
		// the rep it has, shown nested and numeric (§9): no change, no warning
		expect(planWrite(quotes, 'update', { sales_rep_code: '42' }, { id: 3, sales_rep: { id: 8, code: 42 } })).toEqual({ action: 'unchanged', body: {}, warnings: [] });
		// a customer's sales rep is saved: it is sent
		expect(planWrite(customers, 'update', { sales_rep_code: '7' }, current).body).toEqual({ sales_rep_code: '7' });
	});

	it('says when the current record is needed, and what each change replaces', () => {
		expect(needsCurrent(customers, { description: 'x', credit_limit: 5 })).toBe(false);
		expect(needsCurrent(customers, { phones: [] })).toBe(true);
		expect(needsCurrent(quotes, { sales_rep_code: '7' })).toBe(true);
		expect(needsCurrent(customers, { sales_rep_code: '7' })).toBe(false);
		const plan = planWrite(customers, 'sync', { description: 'Autre', sales_rep_code: '9' }, current);
		expect(changesOf(customers, plan, current)).toEqual([
			{ field: 'description', current: 'Jachète inc.', new: 'Autre' },
			{ field: 'sales_rep_code', current: '42', new: '9' },
		]);
		expect(planWrite(customers, 'create', { code: 'N' })).toEqual({ action: 'created', body: { code: 'N' }, warnings: [] });
	});
});
