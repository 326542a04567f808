/**
 * Issue 18, defect 6: a 200 answer that is not ExoConnect's JSON (an HTML page from a wrong Base URL or a
 * proxy) fails the poll with a message naming the Base URL and Relay Path, instead of a cursor seeded from
 * n8n's own clock and polls that find nothing forever.
 */
import type { IDataObject } from 'n8n-workflow';

import { trigger } from '../helpers/exo';
import { runPoll } from '../helpers/n8n';
import { useScriptedServer } from '../helpers/scriptedServer';

const scripted = useScriptedServer((url) => ({ baseUrl: url, relayPath: 'exo', apiKey: 'k-123' }));

const page = '<!doctype html><html><head><title>Welcome</title></head><body>Our website</body></html>';
const html = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };

const poll = async (parameters: IDataObject, staticData: IDataObject) =>
	await runPoll({ node: trigger, parameters: { entity: 'customers', ...parameters } as never, credentials: scripted.credentials, staticData });

describe.each([
	['an HTML page', html],
	['JSON without the feed\'s items', { status: 200, body: { ok: true } }],
])('a 200 answer that is %s', (_, answer) => {
	beforeEach(() => scripted.server.setFallback(answer));

	it.each([['now'], ['everything']])('fails the poll started from %s, naming the Base URL and Relay Path, and keeps no state', async (startFrom) => {
		const staticData: IDataObject = {};
		const error = (await poll({ startFrom }, staticData).catch((e: unknown) => e)) as Error & { description?: string };
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toBe("ExoConnect's address answered with something that is not ExoConnect");
		expect(error.description).toContain(`Base URL (${scripted.server.url})`);
		expect(error.description).toContain('Relay Path (exo)');
		expect(staticData).toEqual({});
	});
});

it('a trigger already running fails its poll when the feed starts answering a page, and keeps its cursor', async () => {
	const cursor = { v: 2, entity: 'customers', since: '2026-03-02T10:00:00-05:00', cursorId: 7, seen: [], seenFrom: '2026-03-02T15:00:00.000Z', settled: true, clock: { offsetMs: 0, checkedAt: Date.now() }, windows: [] };
	const staticData: IDataObject = { exoConnectCursor: JSON.parse(JSON.stringify(cursor)) as IDataObject };
	scripted.server.setFallback(html);
	await expect(poll({ startFrom: 'now' }, staticData)).rejects.toMatchObject({ message: "ExoConnect's address answered with something that is not ExoConnect" });
	expect(staticData.exoConnectCursor).toEqual(cursor);
});
