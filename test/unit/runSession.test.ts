/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads the action node's source files to check every call hands on the run's session */
/**
 * Every request of an action node's run goes through the run's session (issue 19: one run context instead
 * of caches keyed by the execution context). A call that forgot it would still work, silently: it would read
 * the credential again, and pass a gate of its own, so a 429's Retry-After would not hold the other items
 * and a write could start after the run began to stop. So each transport call in actions/ is checked here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../nodes/ExoConnect/actions');
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(root, f));

/** The transport's functions that send requests. */
const CALLS = /\b(apiRequest|listRecords|listPage|walkFeed|searchByKey)(<[^>(]*>)?\(/g;

/** The argument text of the call that opens at `start` (just after its parenthesis). */
function argumentsAt(source: string, start: number): string {
	let depth = 1;
	let i = start;
	for (; depth > 0 && i < source.length; i++) {
		if (source[i] === '(') depth++;
		if (source[i] === ')') depth--;
	}
	return source.slice(start, i - 1);
}

/** Every transport call in the action node's source: where, and whether it hands on the run's transport options. */
function transportCalls(): Array<{ where: string; passesSession: boolean }> {
	return files.flatMap((file) => {
		const source = readFileSync(file, 'utf8');
		return [...source.matchAll(CALLS)].map((match) => {
			const line = source.slice(0, match.index).split('\n').length;
			const args = argumentsAt(source, (match.index ?? 0) + match[0].length);
			return { where: `${relative(root, file)}:${line} ${match[1]}`, passesSession: /\brun\.api\b|\.\.\.api\b|,\s*api\s*\)?$/.test(args.trim()) };
		});
	});
}

describe('the action node\'s requests', () => {
	const calls = transportCalls();

	it('are found (the check reads the real calls)', () => {
		expect(calls.length).toBeGreaterThanOrEqual(15);
	});

	it('all hand on the run\'s session', () => {
		expect(calls.filter((c) => !c.passesSession).map((c) => c.where)).toEqual([]);
	});
});
