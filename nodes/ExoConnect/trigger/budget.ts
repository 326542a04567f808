/** How long one poll may take. n8n-workflow has `getPollBudgetMs` only from 2.38; older n8n (1.x) has none. */
import type { IPollFunctions } from 'n8n-workflow';

/** n8n 2.38+'s own default budget, used where the running n8n does not tell one */
export const FALLBACK_POLL_BUDGET_MS = 5 * 60_000;

export function pollBudgetMs(ctx: IPollFunctions): number {
	const budget = (ctx as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	const value = typeof budget === 'function' ? budget.call(ctx) : undefined;
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : FALLBACK_POLL_BUDGET_MS;
}
