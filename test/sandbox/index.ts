/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox listens on a local port (node:net types) */
/**
 * The ExoConnect sandbox: a local server that implements the whole contract (shared/exoconnect-api.md)
 * with a demo Acomba company, for the tests, the end-to-end suite, the benchmarks and `npm start`.
 */
import type { AddressInfo } from 'node:net';

import { Clock } from './clock';
import { loadDemoData } from './demoData';
import { Faults } from './faults';
import type { LoggedRequest } from './server';
import { createServer } from './server';
import { Store } from './store';

export interface SandboxOptions {
	/** 0 (default): any free port */
	port?: number;
	host?: string;
	apiKey?: string;
	/** when set, the API answers only under /<relayPath>/… as on the hosted relay */
	relayPath?: string;
	products?: number;
	customers?: number;
	/** added to every API request, like the hosted relay's network latency */
	latencyMs?: number;
	/** the clock's start */
	startTime?: string;
	/** let the clock follow real time (default: frozen until a test moves it) */
	realTime?: boolean;
}

export interface Sandbox {
	/** http://127.0.0.1:PORT, without the relay path */
	url: string;
	apiKey: string;
	relayPath: string;
	log: LoggedRequest[];
	clearLog(): void;
	clock: Clock;
	faults: Faults;
	readonly store: Store;
	/** JSON bodies posted to /__sandbox/sink (a stand-in for the user's own web service) */
	sink: unknown[];
	/** demo data again; log, faults and sink emptied */
	reset(): void;
	close(): Promise<void>;
}

export type { LoggedRequest } from './server';
export type { FaultRule } from './faults';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const startTime = options.startTime ?? '2026-03-02T09:00:00-05:00';
	const clock = new Clock(startTime, options.realTime ?? false);
	const faults = new Faults();
	const log: LoggedRequest[] = [];
	const sink: unknown[] = [];
	const size = { customers: options.customers ?? 250, products: options.products ?? 1000 };
	let store = new Store(clock);
	loadDemoData(store, size);

	const reset = () => {
		if (!options.realTime) clock.set(startTime);
		store = new Store(clock);
		loadDemoData(store, size);
		faults.clear();
		log.splice(0);
		sink.splice(0);
	};
	const state = {
		apiKey: options.apiKey ?? 'sandbox-key',
		relayPath: (options.relayPath ?? '').replace(/^\/+|\/+$/g, ''),
		latencyMs: options.latencyMs ?? 0,
		store: () => store,
		clock,
		faults,
		log,
		sink,
		reset,
	};
	const server = createServer(state);
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done());
	});
	const address = server.address() as AddressInfo;
	return {
		url: `http://${address.address}:${address.port}`,
		apiKey: state.apiKey,
		relayPath: state.relayPath,
		log,
		clearLog: () => log.splice(0),
		clock,
		faults,
		get store() {
			return store;
		},
		sink,
		reset,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((done) => server.close(() => done()));
		},
	};
}
