/**
 * The trigger on the extract feeds (contract §8.1: customer payments here) with the same cursor engine as the
 * updates helper, and its pause during Acomba's SDK maintenance windows.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/exo';

const exo = useSandbox({ customers: 20, products: 5 });

const payments = { entity: 'customer_payments', events: ['changed', 'deleted'], startFrom: 'everything' };
const extractRequests = () => exo.sandbox.log.filter((r) => r.path.endsWith('/api/customers/payments/extract'));
const pay = (reference: string) =>
	exo.sandbox.ledgers.addCustomerPayment({ customer_code: 'JACHETE', reference, lines: [{ invoice_code: 'FAC-2026-00402', amount: 10 }] });

beforeEach(() => {
	exo.sandbox.reset();
	exo.sandbox.clock.set('2026-03-02T10:00:00-05:00');
});

describe('ExoConnect Trigger on customer payments (an extract)', () => {
	it('emits every payment once as "changed" with its record, walking the extract with its own cursor names', async () => {
		const staticData: IDataObject = {};
		const { all } = await exo.drain(payments, staticData);
		const stored = exo.sandbox.store.list('customer_payments');
		expect(all.map((c) => c.code).sort()).toEqual(stored.map((p) => p.code).sort());
		expect(new Set(all.map((c) => c.event))).toEqual(new Set(['changed']));
		expect(all[0].record).toEqual(expect.objectContaining({ code: all[0].code, customer: expect.any(Object) }));
		exo.sandbox.clock.advance(5);
		const fresh = pay('Virement 2');
		exo.sandbox.clearLog();
		const next = await exo.drain(payments, staticData);
		expect(next.all.map((c) => [c.code, c.event])).toEqual([[fresh.data.code, 'changed']]);
		const first = extractRequests()[0].query;
		expect(first).toEqual(expect.objectContaining({ cursor_modified_at: expect.any(String), cursor_card_pos: expect.any(String) }));
		expect(first.include_record).toBeUndefined();
	});

	it('emits a payment marked deleted as "deleted", only when Deleted is chosen', async () => {
		const both: IDataObject = {};
		const changedOnly: IDataObject = {};
		await exo.drain(payments, both);
		await exo.drain({ ...payments, events: ['changed'] }, changedOnly);
		exo.sandbox.clock.advance(5);
		const payment = pay('Chèque 118');
		exo.sandbox.clock.advance(5);
		exo.sandbox.store.markDeleted('customer_payments', payment.id);
		expect((await exo.drain(payments, both)).all.map((c) => c.event)).toEqual(['deleted']);
		expect((await exo.drain({ ...payments, events: ['changed'] }, changedOnly)).all).toEqual([]);
	});

	it('recovers a payment committed late behind the cursor, once, with its record', async () => {
		const staticData: IDataObject = {};
		await exo.drain(payments, staticData);
		exo.sandbox.clock.advance(10);
		const anchor = pay('Virement 3');
		await exo.drain(payments, staticData);
		const late = exo.sandbox.store.list('customer_payments').find((p) => p.code !== anchor.data.code) as IDataObject;
		exo.sandbox.store.touch('customer_payments', Number(late.id), { modifiedAt: new Date(anchor.modifiedAt - 20_000).toISOString() });
		const { all } = await exo.drain(payments, staticData);
		expect(all.map((c) => [c.code, c.event])).toEqual([[late.code, 'changed']]);
		expect(all[0].record).toEqual(expect.objectContaining({ code: late.code }));
	});
});

describe('Fetch Test Event on an extract feed', () => {
	it('shows a recent payment, not the oldest of the books, and leaves the state as it was', async () => {
		exo.sandbox.clock.set('2025-01-06T09:00:00-05:00');
		for (let i = 0; i < 5_200; i++) pay(`Ancien ${i}`); // more than the 10 pages a test event reads
		exo.sandbox.clock.set('2026-03-02T10:00:00-05:00');
		const recent = pay('Virement récent');
		exo.sandbox.clock.advance(60);
		const staticData: IDataObject = {};
		exo.sandbox.clearLog();
		const out = await exo.poll(payments, staticData, 'manual');
		expect(out?.[0].map((o) => o.json.code)).toEqual([recent.data.code]);
		// looked for in ExoConnect's last day first: one page, from a day before its clock
		const [first] = extractRequests();
		expect(Date.parse(first.query.cursor_modified_at)).toBe(Date.parse('2026-03-01T10:01:00-05:00'));
		expect(extractRequests()).toHaveLength(1);
		expect(staticData).toEqual({});
	}, 60_000);
});

describe('SDK maintenance windows', () => {
	it('a poll inside an enabled window is skipped quietly with one log line, and the changes come after it', async () => {
		const info = jest.fn();
		const logger = { info, debug: jest.fn(), warn: jest.fn(), error: jest.fn() };
		const getter = jest.spyOn(PollContext.prototype, 'logger', 'get').mockReturnValue(logger as unknown as PollContext['logger']);
		const staticData: IDataObject = {};
		await exo.drain(payments, staticData);
		exo.sandbox.sdkWindows.change({ open_now: true });
		// the trigger reads the windows with ExoConnect's clock, once an hour: stand for that hour (its status
		// answers 503 inside the window, so the clock measured before is kept)
		const anHourPassed = () => (((staticData.exoConnectCursor as IDataObject).clock as IDataObject).checkedAt = 0);
		anHourPassed();
		exo.sandbox.clock.advance(5);
		const paid = pay('Pendant la fenêtre');
		exo.sandbox.clearLog();
		expect(await exo.poll(payments, staticData)).toBeNull();
		expect(extractRequests()).toHaveLength(0);
		expect(info).toHaveBeenCalledWith(expect.stringContaining('poll skipped, Acomba is in its maintenance window "Sauvegarde nocturne"'));
		// an hour later the window is over
		exo.sandbox.clock.advance(3600);
		anHourPassed();
		expect((await exo.drain(payments, staticData)).all.map((c) => c.code)).toEqual([paid.data.code]);
		expect(info).toHaveBeenCalledTimes(1);
		getter.mockRestore();
	});
});
