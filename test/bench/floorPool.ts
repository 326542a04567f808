/** What the benchmark's floors share: a pool of requests on the wire, and reading a list at the node's page concurrency. */
import { PARALLEL_PAGES } from '../../nodes/ExoConnect/transport';

/** Runs `run` on every entry with `size` of them under way at once, each starting the next as it ends. */
export async function inPool<T>(list: T[], size: number, run: (entry: T) => Promise<unknown>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: size }, async () => {
			while (next < list.length) await run(list[next++]);
		}),
	);
}

/** A list page as far as the floors need it. */
export interface Page<T> {
	items?: T[];
	total?: number;
}

/**
 * Page 1, then the pages it announces (up to `maxPages`) with PARALLEL_PAGES requests on the wire, each
 * asking the next page once its answer is in, records kept in page order: the node's page concurrency.
 */
export async function pagesAtNodeConcurrency<T>(read: (page: number) => Promise<Page<T>>, maxPages = Infinity): Promise<T[]> {
	const first = await read(1);
	const pages = Math.min(maxPages, Math.ceil((first.total ?? 0) / 500));
	const answers: T[][] = [first.items ?? []];
	const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
	await inPool(rest, PARALLEL_PAGES, async (page) => (answers[page - 1] = (await read(page)).items ?? []));
	return answers.flat();
}
