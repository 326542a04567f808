/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What a user does in the editor, for the editor's end-to-end test and the screenshot script: open an
 * example, open a node, read the issues shown, search a record picker.
 */
import { exampleWorkflows } from '../playground/examples';
import type { Page } from './browser';
import type { EditorSession } from './editorSession';
import { sleep } from './n8n';

/** Waits until no list is loading any more, then a moment for the editor to draw its issues. */
export async function settle(page: Page): Promise<void> {
	await page.waitFor('options to load', () => !document.body.innerText.includes('Loading options'), [], 30_000);
	await sleep(1000);
}

export async function openWorkflow(session: EditorSession, id: string): Promise<void> {
	const { page } = session;
	const workflow = exampleWorkflows().find((w) => w.id === id);
	await page.goto(`${session.n8n.url}/workflow/${id}`);
	const nodes = workflow?.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length ?? 1;
	await page.waitFor(`the ${nodes} nodes of ${id} on the canvas`, (count: number) => document.querySelectorAll('[data-test-id=canvas-node]').length >= count, [nodes], 60_000);
}

/** Double-clicks a node on the canvas and waits for its parameters. */
export async function openNode(page: Page, name: string): Promise<void> {
	const point = await page.waitFor<{ x: number; y: number }>(`node ${name}`, (wanted: string) => {
		const node = [...document.querySelectorAll('[data-test-id=canvas-node]')].find((n) => n.textContent?.includes(wanted));
		const box = node?.getBoundingClientRect();
		return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
	}, [name]);
	for (const clickCount of [1, 2]) {
		for (const type of ['mousePressed', 'mouseReleased']) {
			await page.send('Input.dispatchMouseEvent', { type, x: point.x, y: point.y, button: 'left', clickCount });
		}
	}
	await page.waitFor(`the parameters of ${name}`, () => document.querySelector('[data-test-id=ndv] [data-test-id=node-parameters]'));
}

/** Issues the editor shows: on the canvas (node-issues) and beside parameters, once loading is over. */
export async function shownIssues(page: Page): Promise<string[]> {
	await settle(page);
	return await page.evaluate(() =>
		[...document.querySelectorAll('[data-test-id=parameter-issues], [data-test-id=node-issues], .has-issues')]
			.filter((e) => e.getBoundingClientRect().width > 0)
			.map((e) => `${e.closest('[data-test-id^=parameter-input-]')?.getAttribute('data-test-id') ?? e.getAttribute('data-test-id')}: ${e.getAttribute('title') ?? e.textContent ?? ''}`),
	);
}

/** Types into a record picker's search box (the picker's list opens first) and returns the items listed. */
export async function searchPicker(page: Page, parameter: string, text: string, expected: string): Promise<string[]> {
	await page.click(`[data-test-id=resource-locator-${parameter}] [data-test-id=rlc-input]`);
	const box = '[data-test-id=rlc-search] input, input[data-test-id=rlc-search]';
	await page.waitFor('the search box', (selector: string) => document.querySelector(selector), [box]);
	await page.evaluate((selector: string) => {
		const input = document.querySelector(selector) as HTMLInputElement;
		input.focus();
		input.select();
	}, box);
	await page.type(text);
	// the list answers after a debounce, page by page: read it once it contains what is expected and stays put
	const deadline = Date.now() + 30_000;
	let last = '';
	let steady = 0;
	for (;;) {
		const items = await page.evaluate<string[]>(() => [...document.querySelectorAll('[data-test-id=rlc-item]')].map((e) => e.textContent?.trim() ?? ''));
		steady = JSON.stringify(items) === last ? steady + 1 : 0;
		last = JSON.stringify(items);
		if (steady >= 6 && items.some((i) => i.includes(expected))) return items;
		if (Date.now() > deadline) throw new Error(`"${expected}" not among the results for "${text}": ${last}`);
		await sleep(250);
	}
}
