/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the sandbox listens on a local port (node:net types) */
/**
 * The ExoConnect sandbox: a local server that implements the whole contract (shared/exoconnect-api.md)
 * with a demo Acomba company, for the tests, the end-to-end suite, the benchmarks and `npm start`.
 */
import type { AddressInfo } from 'node:net';

import { Clock } from './clock';
import { loadDemoData } from './demoData';
import { Faults } from './faults';
import { Ledgers } from './ledgers/book';
import { loadLedgerStory } from './ledgers/story';
import { SdkWindows } from './ledgers/windows';
import type { LoggedRequest, Quirks } from './server';
import type { Variants } from './variants';
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
	/** a server that differs from the contract: routes renamed, answers reshaped (see variants.ts) */
	variants?: Variants;
	/** ignore the catalog's [inferred] filters, as FastAPI ignores a query parameter a route does not declare */
	ignoreInferredFilters?: boolean;
	/** the updates helper ignores `entity` and answers every entity's changes */
	ignoreUpdatesEntity?: boolean;
}

export interface Sandbox {
	/** http://127.0.0.1:PORT, without the relay path */
	url: string;
	apiKey: string;
	/** without slashes; '' when the API answers at the root */
	relayPath: string;
	/** every API request (not the `/__sandbox/` controls), oldest first */
	log: LoggedRequest[];
	clearLog(): void;
	clock: Clock;
	faults: Faults;
	/** the same instance for the sandbox's whole life (reset empties and refills it) */
	store: Store;
	/** JSON bodies posted to /__sandbox/sink (a stand-in for the user's own web service) */
	sink: unknown[];
	/** the receivables and payables of §8 (payments are added through it) */
	ledgers: Ledgers;
	/** the SDK maintenance window (disabled until a test enables or opens it) */
	sdkWindows: SdkWindows;
	/** how this server departs from the contract's best case; a test may switch them (reset restores the options') */
	quirks: Quirks;
	/** demo data again; log, faults and sink emptied; a frozen clock goes back to `startTime` */
	reset(): void;
	close(): Promise<void>;
}

export type { LoggedRequest, Quirks } from './server';
export type { FaultRule } from './faults';
export type { Reshape, Variants } from './variants';
export type { Json, StoredRecord } from './store';
export { Clock, isoWithOffset } from './clock';
export { Faults } from './faults';
export { Store } from './store';
export { Ledgers } from './ledgers/book';
export { SdkWindows } from './ledgers/windows';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const startTime = options.startTime ?? '2026-03-02T09:00:00-05:00';
	const clock = new Clock(startTime, options.realTime ?? false);
	const faults = new Faults();
	const log: LoggedRequest[] = [];
	const sink: unknown[] = [];
	const size = { customers: options.customers ?? 250, products: options.products ?? 1000 };
	const store = new Store(clock);
	const ledgers = new Ledgers(store);
	const sdkWindows = new SdkWindows(clock);
	loadDemoData(store, size);
	loadLedgerStory(ledgers);
	const quirks: Quirks = { ignoreInferredFilters: options.ignoreInferredFilters ?? false, ignoreUpdatesEntity: options.ignoreUpdatesEntity ?? false };

	const reset = () => {
		// a real-time clock keeps running: going back would give new changes older timestamps
		if (!options.realTime) {
			clock.freeze();
			clock.set(startTime);
		}
		store.clear();
		loadDemoData(store, size);
		loadLedgerStory(ledgers);
		sdkWindows.reset();
		quirks.ignoreInferredFilters = options.ignoreInferredFilters ?? false;
		quirks.ignoreUpdatesEntity = options.ignoreUpdatesEntity ?? false;
		faults.clear();
		log.splice(0);
		sink.splice(0);
	};
	const state = {
		apiKey: options.apiKey ?? 'sandbox-key',
		relayPath: (options.relayPath ?? '').replace(/^\/+|\/+$/g, ''),
		latencyMs: options.latencyMs ?? 0,
		store,
		ledgers,
		sdkWindows,
		clock,
		faults,
		log,
		sink,
		variants: options.variants ?? {},
		quirks,
		reset,
	};
	const server = createServer(state);
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	return {
		url: `http://${host}:${address.port}`,
		apiKey: state.apiKey,
		relayPath: state.relayPath,
		log,
		clearLog: () => log.splice(0),
		clock,
		faults,
		store,
		sink,
		ledgers,
		sdkWindows,
		quirks,
		reset,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((done) => server.close(() => done()));
		},
	};
}
