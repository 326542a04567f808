/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs Debian's Chromium as a child process and drives it */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Headless Chromium driven over the DevTools protocol, through the pipe Chromium opens on file descriptors
 * 3 and 4 (`--remote-debugging-pipe`): no WebSocket and no browser package needed. Only what the editor
 * tests use: open a page, run script in it, wait, click and type like a user (real mouse and key events),
 * and take screenshots. The browser started here is the only one stopped here, by its pid.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

import { sleep } from './n8n';

/** Debian's `chromium` (apt-get install -y chromium); CHROMIUM_PATH points elsewhere */
export const chromiumPath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

interface Pending {
	resolve: (value: Record<string, unknown>) => void;
	reject: (error: Error) => void;
	method: string;
}

export class Browser {
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private buffer = '';

	private constructor(
		private readonly child: ChildProcess,
		private readonly userDataDir: string,
	) {
		const output = child.stdio[4] as Readable;
		output.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
	}

	static async launch(width = 1440, height = 900): Promise<Browser> {
		if (!chromiumPath) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
		const userDataDir = mkdtempSync(join(os.tmpdir(), 'exoconnect-chromium-'));
		const child = spawn(
			chromiumPath,
			[
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--remote-debugging-pipe',
				`--user-data-dir=${userDataDir}`,
				`--window-size=${width},${height}`,
				'about:blank',
			],
			{ stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
		);
		const browser = new Browser(child, userDataDir);
		await browser.send('Browser.getVersion');
		return browser;
	}

	private receive(text: string): void {
		this.buffer += text;
		let end: number;
		while ((end = this.buffer.indexOf('\0')) >= 0) {
			const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
			this.buffer = this.buffer.slice(end + 1);
			const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!waiting) continue;
			this.pending.delete(message.id as number);
			if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
			else waiting.resolve(message.result ?? {});
		}
	}

	async send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
		const id = this.nextId++;
		const answer = new Promise<Record<string, unknown>>((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
		(this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
		return await answer;
	}

	async newPage(width = 1440, height = 900): Promise<Page> {
		const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
		const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
		const page = new Page(this, sessionId);
		await page.send('Page.enable');
		await page.send('Runtime.enable');
		await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
		return page;
	}

	async close(): Promise<void> {
		const exited = new Promise<void>((done) => (this.child.exitCode !== null ? done() : this.child.once('exit', () => done())));
		await this.send('Browser.close').catch(() => undefined);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
		rmSync(this.userDataDir, { recursive: true, force: true });
	}
}

/** A script run in the page: a function's source, called with JSON arguments. */
type PageFunction = (...args: never[]) => unknown;

export class Page {
	constructor(
		private readonly browser: Browser,
		private readonly sessionId: string,
	) {}

	async send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
		return await this.browser.send(method, params, this.sessionId);
	}

	/** Runs `fn(...args)` in the page and returns its (awaited, JSON) result. */
	async evaluate<T>(fn: PageFunction, ...args: unknown[]): Promise<T> {
		const expression = `(${fn.toString()})(...${JSON.stringify(args)})`;
		const answer = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
			result: { value?: T };
			exceptionDetails?: { text: string; exception?: { description?: string } };
		};
		if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
		return answer.result.value as T;
	}

	/** Waits until `fn(...args)` returns something truthy in the page, and returns it. */
	async waitFor<T>(what: string, fn: PageFunction, args: unknown[] = [], timeoutMs = 30_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		let lastError = '';
		for (;;) {
			try {
				const value = await this.evaluate<T>(fn, ...args);
				if (value) return value;
			} catch (error) {
				lastError = (error as Error).message; // the page may be navigating
			}
			if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (${lastError})` : ''}`);
			await sleep(250);
		}
	}

	async goto(url: string): Promise<void> {
		await this.send('Page.navigate', { url });
		await this.waitFor(`${url} to load`, () => document.readyState === 'complete');
	}

	/** Clicks the middle of the first visible element matching `selector` (containing `text` when given). */
	async click(selector: string, text?: string, timeoutMs = 30_000): Promise<void> {
		const point = await this.waitFor<{ x: number; y: number }>(
			`${selector}${text ? ` with "${text}"` : ''}`,
			(sel: string, wanted: string | null) => {
				const visible = [...document.querySelectorAll(sel)].filter((e) => {
					const r = e.getBoundingClientRect();
					return r.width > 0 && r.height > 0 && (!wanted || (e.textContent ?? '').includes(wanted));
				});
				const element = visible[0];
				if (!element) return null;
				element.scrollIntoView({ block: 'center', inline: 'center' });
				const r = element.getBoundingClientRect();
				return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
			},
			[selector, text ?? null],
			timeoutMs,
		);
		await this.mouse('mouseMoved', point);
		await this.mouse('mousePressed', point);
		await this.mouse('mouseReleased', point);
	}

	private async mouse(type: string, point: { x: number; y: number }): Promise<void> {
		await this.send('Input.dispatchMouseEvent', { type, x: point.x, y: point.y, button: 'left', clickCount: 1 });
	}

	/** Types into the focused element, as a keyboard would insert the text. */
	async type(text: string): Promise<void> {
		await this.send('Input.insertText', { text });
	}

	async press(key: 'Escape' | 'Enter' | 'Tab'): Promise<void> {
		const codes = { Escape: 27, Enter: 13, Tab: 9 };
		for (const type of ['keyDown', 'keyUp']) {
			await this.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: codes[key] });
		}
	}

	async screenshot(file: string): Promise<void> {
		const { data } = (await this.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
		writeFileSync(file, Buffer.from(data, 'base64'));
	}
}
