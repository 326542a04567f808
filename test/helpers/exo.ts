/**
 * Runs the ExoConnect node and trigger against a sandbox started for the test file, and reads back what
 * the sandbox received.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import type { Sandbox, SandboxOptions } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { TestCredentials } from './n8n';
import { runListSearch, runLoadOptions, runNode, runPoll } from './n8n';

export const action = new ExoConnect();
export const trigger = new ExoConnectTrigger();

export interface Exo {
	sandbox: Sandbox;
	credentials: TestCredentials;
	/** runs the action node on `items` (default one empty item) and returns its only output */
	run(
		parameters: Record<string, unknown>,
		options?: { items?: INodeExecutionData[]; continueOnFail?: boolean; timezone?: string },
	): Promise<INodeExecutionData[]>;
	poll(
		parameters: Record<string, unknown>,
		staticData: IDataObject,
		mode?: 'trigger' | 'manual',
		pollBudgetMs?: number,
		timezone?: string,
	): Promise<INodeExecutionData[][] | null>;
	/** polls until a poll emits nothing: everything emitted, and the number of polls (the last one empty) */
	drain(parameters: Record<string, unknown>, staticData: IDataObject, maxPolls?: number): Promise<{ all: IDataObject[]; polls: number }>;
	loadOptions(method: string, parameters?: INodeParameters): ReturnType<typeof runLoadOptions>;
	listSearch(method: string, filter?: string, paginationToken?: string): ReturnType<typeof runListSearch>;
	/** "GET /api/customers/by-code/X" for every API request since the last clearLog() */
	requests(): string[];
}

/** Starts a sandbox before the file's tests and closes it after them. */
export function useSandbox(options: SandboxOptions = {}): Exo {
	const exo = {} as Exo;
	beforeAll(async () => {
		exo.sandbox = await startSandbox(options);
		exo.credentials = { baseUrl: exo.sandbox.url, relayPath: exo.sandbox.relayPath, apiKey: exo.sandbox.apiKey };
	});
	afterAll(async () => await exo.sandbox?.close());
	beforeEach(() => exo.sandbox.clearLog());

	exo.run = async (parameters, options = {}) => {
		const out = await runNode({ node: action, parameters: parameters as INodeParameters, credentials: exo.credentials, ...options });
		return out[0];
	};
	exo.poll = async (parameters, staticData, mode = 'trigger', pollBudgetMs, timezone) =>
		await runPoll({ node: trigger, parameters: parameters as INodeParameters, credentials: exo.credentials, staticData, mode, pollBudgetMs, timezone });
	exo.drain = async (parameters, staticData, maxPolls = 200) => {
		const all: IDataObject[] = [];
		for (let polls = 1; polls <= maxPolls; polls++) {
			const out = await exo.poll(parameters, staticData);
			if (!out) return { all, polls };
			all.push(...out[0].map((item) => item.json));
		}
		throw new Error(`the trigger still emitted after ${maxPolls} polls`);
	};
	exo.loadOptions = async (method, parameters = {}) =>
		await runLoadOptions({ node: action, method, parameters, credentials: exo.credentials });
	exo.listSearch = async (method, filter, paginationToken) =>
		await runListSearch({ node: action, method, parameters: {}, credentials: exo.credentials, filter, paginationToken });
	exo.requests = () => exo.sandbox.log.map((r) => `${r.method} ${r.path}`);
	return exo;
}

/** What one poll emitted, as the items' JSON ([] for a poll that emitted nothing). */
export const emitted = (out: INodeExecutionData[][] | null): IDataObject[] => (out ? out[0].map((i) => i.json) : []);

/** [code, event] of each change one poll emitted. */
export const codesAndEvents = (out: INodeExecutionData[][] | null) => emitted(out).map((c) => [c.code, c.event]);

/** A new customer in the sandbox, now; a change of one, now or committed late with an older time. */
export const sandboxCustomers = (exo: Exo) => ({
	customer: (code: string) => exo.sandbox.store.insert('customers', { code, description: `Client ${code}` }),
	edit: (record: IDataObject, modifiedAt?: string) =>
		exo.sandbox.store.touch('customers', Number(record.id), modifiedAt === undefined ? {} : { modifiedAt }),
});

/** A resource locator value as the editor saves it. */
export const locator = (mode: 'list' | 'code' | 'id', value: string | number) => ({ __rl: true, mode, value: String(value) });
