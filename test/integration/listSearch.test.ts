/**
 * "From List" of the record pickers against the sandbox's demo company: code or name, anywhere, any case,
 * with or without accents, and paging as the editor does when the user scrolls.
 */
import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { fold } from '../../nodes/ExoConnect/methods/listSearch';
import { useSandbox } from '../helpers/exo';

const exo = useSandbox();

/** every answer of a search, following the pagination token as the editor does on scroll */
async function allPages(method: string, filter?: string): Promise<INodeListSearchResult[]> {
	const answers = [await exo.listSearch(method, filter)];
	while (answers.at(-1)?.paginationToken) {
		answers.push(await exo.listSearch(method, filter, answers.at(-1)?.paginationToken as string));
		if (answers.length > 50) throw new Error('the search never ends');
	}
	return answers;
}

const values = (answers: INodeListSearchResult[]) => answers.flatMap((a) => a.results.map((r) => String(r.value)));
const nameOf = (record: IDataObject) => String(record.description ?? record.name ?? '');

describe('record picker search', () => {
	it('finds JACHETE by "jachete": code or name, any case, without the accent', async () => {
		for (const text of ['jachete', 'JACHETE', 'chète', 'achet']) {
			const [first] = await allPages('searchCustomers', text);
			expect(first.results).toContainEqual({ name: 'Jachète inc. (JACHETE)', value: 'JACHETE' });
		}
	});

	it('finds a customer by an accented name typed without accents, wherever the name has it', async () => {
		const belanger = exo.sandbox.store.list('customers').filter((c) => nameOf(c).includes('Bélanger'));
		expect(belanger.length).toBeGreaterThan(0);
		const found = values(await allPages('searchCustomers', 'Belanger'));
		expect(found.sort()).toEqual(belanger.map((c) => String(c.code)).sort());
	});

	it('matches every word typed, in any order', async () => {
		const customers = exo.sandbox.store.list('customers');
		const expected = customers.filter((c) => /epicerie/.test(fold(nameOf(c))) && /tremblay/.test(fold(nameOf(c)))).map((c) => String(c.code));
		expect(expected.length).toBeGreaterThan(0);
		expect(values(await allPages('searchCustomers', 'tremblay  EPICERIE')).sort()).toEqual(expected.sort());
	});

	it('finds a product by part of its code', async () => {
		const [first] = await allPages('searchProducts', 'dget-00');
		expect(first.results.map((r) => r.value)).toEqual(expect.arrayContaining(['WIDGET-001', 'WIDGET-002']));
		expect(first.results.find((r) => r.value === 'WIDGET-001')?.name).toBe('Support mural universel (WIDGET-001)');
	});

	it('pages through a search with many matches: each match once, in order, until the end', async () => {
		const products = exo.sandbox.store.list('products');
		const expected = products.filter((p) => fold(`${String(p.code)} ${nameOf(p)}`).includes('e')).map((p) => String(p.code));
		expect(expected.length).toBeGreaterThan(500);
		exo.sandbox.clearLog();
		const answers = await allPages('searchProducts', 'e');
		expect(answers.length).toBeGreaterThan(1);
		expect(values(answers)).toEqual(expected);
		// each answer reads a bounded number of pages, never the whole list at once
		expect(exo.sandbox.log.filter((r) => r.query.page_size === '500').length).toBe(Math.ceil(products.length / 500));
	});

	it('shows the API\'s name-prefix answer first when it is complete, then the other matches, without repeats', async () => {
		const customers = exo.sandbox.store.list('customers');
		const prefixed = customers.filter((c) => nameOf(c).toLowerCase().startsWith('boulangerie')).map((c) => String(c.code));
		const anywhere = customers.filter((c) => fold(`${String(c.code)} ${nameOf(c)}`).includes('boulangerie')).map((c) => String(c.code));
		exo.sandbox.clearLog();
		const found = values(await allPages('searchCustomers', 'Boulangerie'));
		expect(exo.sandbox.log[0].query).toMatchObject({ description_prefix: 'Boulangerie', page: '1' });
		expect(found.slice(0, prefixed.length)).toEqual(prefixed);
		expect(found.sort()).toEqual(anywhere.sort());
	});

	it('a server that ignores the name-prefix filter does not make every record a match', async () => {
		const reps = exo.sandbox.store.list('sales_reps');
		expect(reps.length).toBeLessThan(100); // one complete page: the prefix answer is used as it comes
		const log = exo.sandbox.log;
		const push = log.push.bind(log);
		// the logged query is the one the sandbox answers: dropping the filter there is a server that ignores it
		log.push = (...entries) => {
			for (const entry of entries) delete entry.query.description_prefix;
			return push(...entries);
		};
		try {
			const found = values(await allPages('searchSalesReps', 'marie'));
			expect(found).toEqual(reps.filter((r) => fold(`${String(r.code)} ${nameOf(r)}`).includes('marie')).map((r) => String(r.code)));
			expect(found.length).toBeLessThan(reps.length);
		} finally {
			Reflect.deleteProperty(log, 'push');
		}
	});

	it('browses without a search text, 100 records a page', async () => {
		const customers = exo.sandbox.store.list('customers');
		const answers = await allPages('searchCustomers');
		expect(answers[0].results).toHaveLength(100);
		expect(answers[0].paginationToken).toBe('2');
		expect(values(answers)).toEqual(customers.map((c) => String(c.code)));
	});

	it('answers an empty list, not an error, when nothing matches', async () => {
		expect(await exo.listSearch('searchProducts', 'zzz-no-such-thing')).toEqual({ results: [] });
	});
});
