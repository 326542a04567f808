/**
 * Retry policy. Reads are idempotent and retried on transient failures; writes (POST, PUT) are retried
 * only on 429, which the relay answers before processing anything, so a document is never created twice.
 */
export interface RetryPolicy {
	/** retries after the first attempt */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** a longer Retry-After is not waited for: the error is reported instead */
	maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 60_000,
};

/** For a call whose failure costs nothing (a measure refreshed later): answered at once, never retried. */
export const noRetries = { retry: { ...defaultRetryPolicy, maxRetries: 0 } };

const RETRYABLE_READ_STATUSES = new Set([429, 502, 503, 504]);

export type Failure = { status: number } | { network: string };

export function isRetryable(method: string, failure: Failure): boolean {
	const isRead = method.toUpperCase() === 'GET';
	if ('status' in failure) {
		if (failure.status === 429) return true;
		return isRead && RETRYABLE_READ_STATUSES.has(failure.status);
	}
	return isRead;
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT") starts with the day's name and holds the year
	if (!/^[A-Za-z]{3},? .*\b\d{4}\b/.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `attempt` (1-based): the server's Retry-After when given, else
 * exponential backoff with full jitter. Undefined means "do not retry" (Retry-After beyond the bound).
 */
export function retryDelayMs(
	policy: RetryPolicy,
	attempt: number,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number | undefined {
	if (retryAfterMs !== undefined) {
		return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
	}
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
