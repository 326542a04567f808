/**
 * What one run of the node owns, created by the router (startRun) and passed along to every item, instead
 * of caches keyed by the execution context:
 * - the transport's session: the credential, read once, and the gate every request passes (429's
 *   Retry-After, the limit of Parallel Writes, no new write after a failure), handed to each call as `api`;
 * - the choices read once (resource, operation, fields input) and the Map Automatically parameter;
 * - the lists of current records read in bulk, and the locks that write items sharing a key one after the other;
 * - the party codes looked up by ID.
 */
import type { IDataObject, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';

import type { ApiSession } from '../../transport';
import { openSession } from '../../transport';

/** A choice that holds an expression: read for every item. */
export const EXPRESSION = Symbol('expression');

/** The current records of a list, by key value (see planning/currentRecords). */
export interface ListIndex {
	records: Map<string, IDataObject[]>;
	/** keys written during this run: the list no longer tells their state */
	written: Set<string>;
}

export interface RunContext {
	readonly ctx: IExecuteFunctions;
	/** the transport options every request of the run passes: its session (one credential read, one gate) */
	readonly api: { readonly session: ApiSession };
	/** per choice (resource, operation, fields input): its value when it holds no expression */
	readonly choices: Map<string, string | typeof EXPRESSION>;
	/** Map Automatically holds nothing per item: its parameter is read once */
	autoMapper?: Partial<ResourceMapperValue>;
	/** per resource and key field: the list of current records, read at most once */
	readonly listIndexes: Map<string, Promise<ListIndex | undefined>>;
	/** per key value: the write under way, so that items sharing a key are written one after the other */
	readonly keyLocks: Map<string, Promise<unknown>>;
	/** per party and ID: its code, looked up once */
	readonly partyCodes: Map<string, Promise<string>>;
}

export function startRun(ctx: IExecuteFunctions): RunContext {
	return { ctx, api: { session: openSession(ctx) }, choices: new Map(), listIndexes: new Map(), keyLocks: new Map(), partyCodes: new Map() };
}
