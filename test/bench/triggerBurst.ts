/**
 * The trigger after a 20,000-change burst inside the default late-change window: how large its static data
 * grows and what each poll's reread costs while a late change is still possible (the worst case: the
 * sandbox's clock stands still, so no poll is ever a window past the burst).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { runPoll } from '../helpers/n8n';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

type Poll = (staticData: IDataObject) => ReturnType<typeof runPoll>;

/** Polls of the trigger with `parameters` against the sandbox, as n8n runs them. */
export function triggerPoller(sb: Sandbox, parameters: INodeParameters): Poll {
	const credentials = { baseUrl: sb.url, apiKey: sb.apiKey };
	return async (staticData) => await runPoll({ node: new ExoConnectTrigger(), parameters, credentials, staticData });
}

/** Polls until one emits nothing; `afterPoll` sees each poll (the sandbox's log still holds its requests). */
export async function drainPolls(
	poll: Poll,
	staticData: IDataObject,
	afterPoll: () => void = () => {},
	beforePoll: () => void = () => {},
): Promise<{ polls: number; emitted: number; ms: number }> {
	const started = Date.now();
	let polls = 0;
	let emitted = 0;
	for (;;) {
		beforePoll();
		const result = await poll(staticData);
		polls++;
		afterPoll();
		if (!result) return { polls, emitted, ms: Date.now() - started };
		emitted += result[0].length;
	}
}

export interface BurstFigures {
	label: string;
	polls: number;
	emitted: number;
	/** per poll: requests that reread the window (ids only), and requests in all */
	maxRereadRequests: number;
	maxRequests: number;
	/** JSON bytes of the node's static data after each poll: the largest */
	maxStaticBytes: number;
	drainMs: number;
}

/** `scattered`: edits of every other existing customer, so the ids in the window are not consecutive. */
export async function burst(latencyMs: number, scattered: boolean): Promise<BurstFigures> {
	const sb = await startSandbox({ products: 5, customers: scattered ? 40_000 : 20, latencyMs });
	const poll = triggerPoller(sb, { entity: 'customers', events: ['created', 'updated'], includeRecord: true, startFrom: 'now', options: {} });
	try {
		const staticData: IDataObject = {};
		await poll(staticData);
		const existing = sb.store.list('customers');
		for (let second = 0; second < 20; second++) {
			sb.clock.advance(1);
			for (let i = 0; i < 1000; i++) {
				if (scattered) sb.store.touch('customers', Number(existing[(second * 1000 + i) * 2].id));
				else sb.store.insert('customers', { code: `RAFALE${second}-${i}`, description: `Client ${second}-${i}` });
			}
		}
		let maxRereadRequests = 0;
		let maxRequests = 0;
		let maxStaticBytes = 0;
		const drained = await drainPolls(
			poll,
			staticData,
			() => {
				const rereads = sb.log.filter((r) => r.path.endsWith('/api/helpers/updates') && r.query.include_record === 'false');
				maxRereadRequests = Math.max(maxRereadRequests, rereads.length);
				maxRequests = Math.max(maxRequests, sb.log.length);
				maxStaticBytes = Math.max(maxStaticBytes, JSON.stringify(staticData).length);
			},
			() => sb.clearLog(),
		);
		const figures: BurstFigures = {
			label: scattered ? '20,000 edits of every other customer (scattered ids)' : '20,000 new customers (consecutive ids)',
			polls: drained.polls,
			emitted: drained.emitted,
			maxRereadRequests,
			maxRequests,
			maxStaticBytes,
			drainMs: drained.ms,
		};
		return figures;
	} finally {
		await sb.close();
	}
}

export interface DrainFigures {
	payments: number;
	polls: number;
	extractRequests: number;
	requests: number;
	ms: number;
}

/** The trigger draining 10,000 customer payments through their extract in one poll (Max Changes 20,000). */
export async function paymentsDrain(latencyMs: number, count = 10_000): Promise<DrainFigures> {
	const sb = await startSandbox({ products: 5, customers: 20, latencyMs });
	const poll = triggerPoller(sb, { entity: 'customer_payments', events: ['changed', 'deleted'], startFrom: 'everything', options: { maxChanges: 20_000 } });
	try {
		const invoice = String(sb.store.list('customer_transactions').find((t) => String(t.code).startsWith('FAC-'))?.code);
		for (let i = 0; i < count; i++) {
			if (i % 50 === 0) sb.clock.advance(1);
			sb.ledgers.addCustomerPayment({ customer_code: 'JACHETE', reference: `Lot ${i}`, lines: [{ invoice_code: invoice, amount: 0.01 }] });
		}
		const payments = sb.store.list('customer_payments').length;
		// drained two minutes after the last payment: no late change is possible any more
		sb.clock.advance(120);
		sb.clearLog();
		const { polls, emitted, ms } = await drainPolls(poll, {});
		if (emitted !== payments) throw new Error(`emitted ${emitted} of ${payments} payments`);
		return {
			payments,
			polls,
			extractRequests: sb.log.filter((r) => r.path.endsWith('/payments/extract')).length,
			requests: sb.log.length,
			ms,
		};
	} finally {
		await sb.close();
	}
}
