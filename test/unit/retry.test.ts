import type { Failure, RetryPolicy } from '../../nodes/ExoConnect/transport';
import { defaultRetryPolicy, isRetryable, parseRetryAfter, retryDelayMs } from '../../nodes/ExoConnect/transport';

describe('isRetryable', () => {
	const status = (s: number): Failure => ({ status: s });
	const network = (code: string): Failure => ({ network: code });

	it.each([
		['GET', status(429), true],
		['GET', status(502), true],
		['GET', status(503), true],
		['GET', status(504), true],
		['GET', network('ECONNRESET'), true],
		['GET', network('ETIMEDOUT'), true],
		['GET', network('ECONNREFUSED'), true],
		['get', status(503), true],
		['GET', status(500), false],
		['GET', status(400), false],
		['GET', status(401), false],
		['GET', status(404), false],
		['GET', status(409), false],
		['GET', status(422), false],
		['POST', status(429), true],
		['PUT', status(429), true],
		['POST', status(503), false],
		['POST', status(502), false],
		['POST', status(504), false],
		['POST', status(500), false],
		['POST', status(422), false],
		['POST', network('ECONNRESET'), false],
		['POST', network('ETIMEDOUT'), false],
		['PUT', status(503), false],
		['PUT', status(500), false],
		['PUT', network('ECONNRESET'), false],
		['put', status(429), true],
	])('%s after %j → %s', (method, failure, expected) => {
		expect(isRetryable(method, failure)).toBe(expected);
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-03-05T16:20:00Z');

	it.each([
		['5', 5000],
		[' 7 ', 7000],
		['0', 0],
		['1.5', 1500],
		['0.25', 250],
		[3, 3000],
	])('reads seconds %j', (value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	it('reads an HTTP date relative to now', () => {
		expect(parseRetryAfter('Thu, 05 Mar 2026 16:20:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Thu, 05 Mar 2026 16:22:00 GMT', now)).toBe(120_000);
	});

	it('reads a date already past as "now"', () => {
		expect(parseRetryAfter('Thu, 05 Mar 2026 16:19:00 GMT', now)).toBe(0);
	});

	it('takes the first value of a repeated header', () => {
		expect(parseRetryAfter(['4', '9'], now)).toBe(4000);
	});

	it.each([undefined, null, '', 'soon', '2 minutes', 'later, maybe', '1e3'])('ignores %j', (value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});
});

describe('retryDelayMs', () => {
	const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
	const low = () => 0;
	const high = () => 1;

	it('honours Retry-After whatever the attempt and the randomness', () => {
		expect(retryDelayMs(policy, 1, 2000, low)).toBe(2000);
		expect(retryDelayMs(policy, 3, 2000, high)).toBe(2000);
		expect(retryDelayMs(policy, 1, 0, high)).toBe(0);
		// exactly the bound is still waited for
		expect(retryDelayMs(policy, 1, 5000, low)).toBe(5000);
	});

	it('gives up (undefined) when Retry-After is beyond maxRetryAfterMs', () => {
		expect(retryDelayMs(policy, 1, 5001, low)).toBeUndefined();
		expect(retryDelayMs(defaultRetryPolicy, 1, 61_000, low)).toBeUndefined();
		expect(retryDelayMs(defaultRetryPolicy, 1, 60_000, low)).toBe(60_000);
	});

	it('backs off exponentially with jitter between half and all of the ceiling', () => {
		// ceiling = baseDelayMs * 2^(attempt-1): 100, 200, 400, 800
		expect([1, 2, 3, 4].map((a) => retryDelayMs(policy, a, undefined, low))).toEqual([50, 100, 200, 400]);
		expect([1, 2, 3, 4].map((a) => retryDelayMs(policy, a, undefined, high))).toEqual([100, 200, 400, 800]);
		expect(retryDelayMs(policy, 2, undefined, () => 0.5)).toBe(150);
	});

	it('caps the ceiling at maxDelayMs', () => {
		// attempt 5 would be 1600 and attempt 20 would be huge: both capped at 1000
		for (const attempt of [5, 6, 20]) {
			expect(retryDelayMs(policy, attempt, undefined, low)).toBe(500);
			expect(retryDelayMs(policy, attempt, undefined, high)).toBe(1000);
		}
	});

	it('stays within the bounds with the real random source', () => {
		for (let i = 0; i < 200; i++) {
			const delay = retryDelayMs(defaultRetryPolicy, 2, undefined) as number;
			expect(delay).toBeGreaterThanOrEqual(500);
			expect(delay).toBeLessThanOrEqual(1000);
		}
	});

	it('default policy: 3 retries, first waits 250–500 ms, never more than 8 s', () => {
		expect(defaultRetryPolicy.maxRetries).toBe(3);
		expect(retryDelayMs(defaultRetryPolicy, 1, undefined, low)).toBe(250);
		expect(retryDelayMs(defaultRetryPolicy, 1, undefined, high)).toBe(500);
		expect(retryDelayMs(defaultRetryPolicy, 10, undefined, high)).toBe(8000);
	});
});

describe('parseRetryAfter on values that are neither seconds nor a date', () => {
	it.each(['-1', '5 s', '1.5.2', 'abc 1'])('reads %p as no Retry-After', (value) => {
		expect(parseRetryAfter(value, Date.UTC(2026, 2, 5))).toBeUndefined();
	});
});
