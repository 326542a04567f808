/**
 * The example workflows as a user meets them: each says how to run it in a sticky note; each names the
 * sandbox and n8n only by the addresses the playground replaces (so none posts to a port of an earlier
 * start), and an example kept from an earlier start is readdressed whatever port it was written with; the
 * triggers' subtitles read as the editor's lists do ("Customer Payments: Changed").
 */
import type { INodeParameters } from 'n8n-workflow';

import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { exampleFiles, exampleWorkflows, readdress, WRITTEN_FOR } from '../playground/examples';
import { subtitleOf } from '../helpers/subtitle';

const STICKY = 'n8n-nodes-base.stickyNote';
/** an address on this machine, with its port and what follows it */
const LOCAL_ADDRESS = /https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0):(\d+)(\/[^\s"'`\\)]*)?/g;

const files = exampleFiles();

describe('the example workflows', () => {
	it('are there', () => {
		expect(files.length).toBeGreaterThanOrEqual(6);
	});

	it.each(files.map((f) => f.file))('%s has a sticky note that says how to run it', (file) => {
		const workflow = JSON.parse(files.find((f) => f.file === file)!.text) as ReturnType<typeof exampleWorkflows>[number];
		const notes = workflow.nodes.filter((n) => n.type === STICKY).map((n) => String(n.parameters.content ?? ''));
		expect(notes).toEqual([expect.stringMatching(/^## \S[\s\S]*Click \*\*Execute workflow\*\*/)]);
	});

	it.each(files.map((f) => f.file))('%s names the sandbox and n8n only by the addresses the playground replaces', (file) => {
		const { text } = files.find((f) => f.file === file)!;
		for (const [address, , path] of text.matchAll(LOCAL_ADDRESS)) {
			const ok = (address.startsWith(`${WRITTEN_FOR.sandbox}/__sandbox/`) || address.startsWith(`${WRITTEN_FOR.n8n}/webhook`)) && path !== undefined;
			expect({ address, ok }).toEqual({ address, ok: true });
		}
	});

	it('as the playground imports them, no address of the files is left when it runs on other ports', () => {
		const moved = JSON.stringify(exampleWorkflows('http://127.0.0.1:6101', 'http://127.0.0.1:6102'));
		expect(moved).not.toMatch(/:5680|:5678/);
		expect(moved).toContain('http://127.0.0.1:6101/__sandbox/sink');
		expect(moved).toContain('http://127.0.0.1:6102/webhook-test/web-order');
	});

	it('an example kept from an earlier start gets the new addresses, in its nodes and its sticky note, and nothing else changes', () => {
		const kept = JSON.stringify({
			nodes: [
				{ parameters: { url: 'http://127.0.0.1:5683/__sandbox/sink' } },
				{ parameters: { url: 'http://localhost:5681/__sandbox/sink?x=1' } },
				{ parameters: { url: 'https://hooks.example.com/services/T0/B0' } },
				{ parameters: { content: 'Send it to `http://127.0.0.1:5679/webhook-test/web-order` or http://127.0.0.1:5679/webhook/web-order' } },
			],
		});
		const now = { sandbox: 'http://127.0.0.1:5690', n8n: 'http://127.0.0.1:5691' };
		expect(JSON.parse(readdress(kept, now))).toEqual({
			nodes: [
				{ parameters: { url: 'http://127.0.0.1:5690/__sandbox/sink' } },
				{ parameters: { url: 'http://127.0.0.1:5690/__sandbox/sink?x=1' } },
				{ parameters: { url: 'https://hooks.example.com/services/T0/B0' } },
				{ parameters: { content: 'Send it to `http://127.0.0.1:5691/webhook-test/web-order` or http://127.0.0.1:5691/webhook/web-order' } },
			],
		});
		expect(readdress(readdress(kept, now), now)).toBe(readdress(kept, now));
	});

	it("the triggers' subtitles are written as the editor lists entities and events", () => {
		const trigger = new ExoConnectTrigger();
		const subtitles = exampleWorkflows()
			.flatMap((w) => w.nodes)
			.filter((n) => n.type.endsWith('.exoConnectTrigger'))
			.map((n) => subtitleOf(trigger, n.parameters as INodeParameters))
			.sort();
		expect(subtitles).toEqual(['Customer Payments: Changed', 'Customers: Created']);
	});
});
