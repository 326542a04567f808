/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- a throw-away HTTPS server with a self-signed certificate made by openssl in a temporary folder */
/**
 * An HTTPS server (127.0.0.1, random port) whose certificate is self-signed, so that n8n's HTTP client
 * refuses it: the TLS failure the node must explain without leaking the API key.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsServer {
	url: string;
	/** requests that got through the handshake (none, with a refused certificate) */
	requests: number;
	close(): Promise<void>;
}

export async function startSelfSignedServer(): Promise<TlsServer> {
	const dir = mkdtempSync(join(tmpdir(), 'exo-tls-'));
	try {
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], {
			stdio: 'ignore',
		});
		const state = { requests: 0 };
		const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
			state.requests++;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"status":"ok"}');
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		const port = (server.address() as AddressInfo).port;
		return {
			url: `https://127.0.0.1:${port}`,
			get requests() {
				return state.requests;
			},
			close: async () => {
				server.closeAllConnections();
				await new Promise<void>((done) => server.close(() => done()));
			},
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Every property path reachable from `root` whose string value contains `secret`: own properties,
 * enumerable or not, symbols included, getters read, Map and Set entries followed.
 */
export function pathsHolding(root: unknown, secret: string, limit = 200_000): string[] {
	const found: string[] = [];
	const seen = new Set<unknown>();
	const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: 'error' }];
	while (stack.length && seen.size < limit) {
		const { value, path } = stack.pop() as { value: unknown; path: string };
		if (typeof value === 'string') {
			if (value.includes(secret)) found.push(path);
			continue;
		}
		if (Buffer.isBuffer(value)) {
			if (value.toString('latin1').includes(secret)) found.push(path);
			continue;
		}
		if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
		seen.add(value);
		if (value instanceof Map) for (const [k, v] of value) stack.push({ value: k, path: `${path}<key>` }, { value: v, path: `${path}.get(${String(k)})` });
		if (value instanceof Set) for (const v of value) stack.push({ value: v, path: `${path}<entry>` });
		for (const key of Reflect.ownKeys(value)) {
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			let child: unknown;
			try {
				child = descriptor && 'value' in descriptor ? descriptor.value : descriptor?.get?.call(value);
			} catch {
				continue;
			}
			stack.push({ value: child, path: `${path}.${String(key)}` });
		}
	}
	return found;
}
