/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- the screenshot script: writes files under docs/ and prints progress */
/// <reference lib="dom" />
/**
 * `npm run screenshots`: retakes the README's screenshots from the playground's editor in headless Chromium
 * (Debian's `chromium`), once every list has loaded, so they can be refreshed after every UI change.
 */
import { join } from 'node:path';

import { openNode, openWorkflow, searchPicker, settle } from '../e2e/editorActions';
import { startEditorSession } from '../e2e/editorSession';

const folder = join(__dirname, '..', '..', 'docs', 'screenshots');

async function main() {
	console.log('Starting the sandbox, n8n and Chromium …');
	const session = await startEditorSession();
	const { page } = session;
	try {
		// a quote being created: the customer picked from the list, the line's product searched by part of its code
		await openWorkflow(session, 'exoExampleQuote1');
		await openNode(page, 'Create Quote');
		await searchPicker(page, 'sku', 'widget', '(WIDGET-002)');
		await page.screenshot(join(folder, 'node-create-quote.png'));

		// the trigger watching customers, with its test event fetched
		await openWorkflow(session, 'exoExampleNewCus');
		await openNode(page, 'New Customer');
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		await page.waitFor('the test event', () => document.querySelector('[data-test-id=ndv] [data-test-id=output-panel]')?.textContent?.includes('modified_at'), [], 60_000);
		await page.click('[data-test-id=output-panel] [data-test-id=radio-button-json]');
		// no toast or tooltip over the picture
		await page.evaluate(() => document.querySelectorAll<HTMLElement>('.el-notification__closeBtn').forEach((button) => button.click()));
		await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 700, y: 880 });
		await settle(page);
		await page.screenshot(join(folder, 'trigger-new-customer.png'));
		console.log(`Screenshots written to ${folder}`);
	} finally {
		await session.close();
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
