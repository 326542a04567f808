import type { IPollFunctions } from 'n8n-workflow';

import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { FALLBACK_POLL_BUDGET_MS, pollBudgetMs } from '../../nodes/ExoConnect/trigger/budget';
import { createPollContext } from '../helpers/n8n';

const credentials = { baseUrl: 'http://127.0.0.1:9', apiKey: 'unused' };
const pollContext = (pollBudget?: number) =>
	createPollContext({ node: new ExoConnectTrigger(), parameters: { entity: 'customers' }, credentials, staticData: {}, pollBudgetMs: pollBudget });

describe('the poll budget on every supported n8n', () => {
	it('n8n 2.38+: the budget the engine gives the poll', () => {
		expect(pollBudgetMs(pollContext(42_000))).toBe(42_000);
	});

	it('n8n 1.x and 2.0–2.37: a PollContext without getPollBudgetMs gets five minutes instead of crashing', () => {
		const ctx = pollContext(42_000);
		delete (ctx as Partial<IPollFunctions>).getPollBudgetMs;
		expect('getPollBudgetMs' in ctx).toBe(false);
		expect(pollBudgetMs(ctx)).toBe(FALLBACK_POLL_BUDGET_MS);
		expect(FALLBACK_POLL_BUDGET_MS).toBe(5 * 60_000);
	});

	it.each([0, -1, NaN, Infinity])('a budget of %p from the engine is replaced by five minutes', (budget) => {
		expect(pollBudgetMs(pollContext(budget))).toBe(FALLBACK_POLL_BUDGET_MS);
	});
});
