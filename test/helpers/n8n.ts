/**
 * Runs our nodes inside n8n-core's real execution contexts (ExecuteContext, PollContext,
 * LoadOptionsContext), so parameters, defaults, credentials, authentication and HTTP go through the same
 * code as in n8n. Only the credential store is ours: it hands out the test's credential data and
 * applies the credential type's `authenticate` (a function, or a generic template), as n8n's
 * CredentialsHelper does.
 */
import { ExecuteContext, LoadOptionsContext, PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { ExoConnectApi } from '../../credentials/ExoConnectApi.credentials';

export interface TestCredentials {
	baseUrl: string;
	relayPath?: string;
	apiKey: string;
}

const PACKAGE = 'n8n-nodes-exoconnect';
const credentialTypes: Record<string, ICredentialType> = { exoConnectApi: new ExoConnectApi() };

function typeNameOf(nodeType: INodeType): string {
	return `${PACKAGE}.${nodeType.description.name}`;
}

class TestNodeTypes implements INodeTypes {
	constructor(private readonly nodeType: INodeType) {}

	getByName(): INodeType {
		return this.nodeType;
	}

	getByNameAndVersion(): INodeType {
		return this.nodeType;
	}

	getKnownTypes() {
		return {};
	}
}

function credentialsHelper(data: TestCredentials): ICredentialsHelper {
	const helper = {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getDecrypted: async () => ({ ...data }) as unknown as ICredentialDataDecryptedObject,
		preAuthentication: async () => undefined,
		getCredentials: async () => {
			throw new Error('not used by these tests');
		},
		updateCredentials: async () => {},
		updateCredentialsOauthTokenData: async () => {},
		getCredentialsProperties: (type: string) => credentialTypes[type]?.properties ?? [],
		async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
			const auth = credentialTypes[typeName]?.authenticate;
			if (typeof auth !== 'function') throw new Error(`the test credential store applies authenticate functions only (${typeName})`);
			return await auth(credentials, requestOptions);
		},
	};
	return helper as unknown as ICredentialsHelper;
}

function additionalData(credentials: TestCredentials): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentialsHelper(credentials),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not used by these tests');
		},
		userId: 'test-user',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		setExecutionStatus: () => {},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

interface Setup {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: TestCredentials;
	continueOnFail?: boolean;
	staticData?: IDataObject;
	/** the workflow's time zone setting (getTimezone()); n8n's default otherwise */
	timezone?: string;
	/** the workflow's id ('workflow-under-test' unless told): the trigger keeps its process memory by it */
	workflowId?: string;
}

function buildWorkflow(setup: Setup) {
	const node: INode = {
		id: 'node-under-test',
		name: setup.nodeType.description.displayName,
		type: typeNameOf(setup.nodeType),
		typeVersion: Array.isArray(setup.nodeType.description.version)
			? Math.max(...setup.nodeType.description.version)
			: setup.nodeType.description.version,
		position: [0, 0],
		parameters: setup.parameters,
		credentials: { exoConnectApi: { id: 'cred-1', name: 'ExoConnect account' } },
		...(setup.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: setup.workflowId ?? 'workflow-under-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(setup.nodeType),
		staticData: setup.staticData ?? {},
		...(setup.timezone ? { settings: { timezone: setup.timezone } } : {}),
	});
	// the Workflow filled in parameter defaults, as n8n does when it loads a saved workflow
	return { workflow, node: workflow.getNode(node.name) as INode };
}

export interface RunNodeOptions extends Omit<Setup, 'nodeType'> {
	node: INodeType;
	items?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
	/** the execution's cancel signal (an aborted one stands for a cancelled execution) */
	abortSignal?: AbortSignal;
}

/** Executes an action node on `items` (default one empty item) and returns its outputs. */
export async function runNode(options: RunNodeOptions): Promise<INodeExecutionData[][]> {
	const { workflow, node } = buildWorkflow({ ...options, nodeType: options.node });
	const items = options.items ?? [{ json: {} }];
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData(options.credentials),
		options.mode ?? 'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
	);
	if (!options.node.execute) throw new Error(`${node.type} has no execute()`);
	return (await options.node.execute.call(context)) as INodeExecutionData[][];
}

/** An ExecuteContext of `node`, for tests that call the transport directly. */
export function createExecuteContext(options: RunNodeOptions): ExecuteContext {
	const { workflow, node } = buildWorkflow({ ...options, nodeType: options.node });
	const items = options.items ?? [{ json: {} }];
	return new ExecuteContext(
		workflow,
		node,
		additionalData(options.credentials),
		options.mode ?? 'manual',
		createRunExecutionData(),
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
		options.abortSignal,
	);
}

export interface RunPollOptions extends Omit<Setup, 'nodeType' | 'staticData'> {
	node: INodeType;
	/** the node's static data; the poll mutates it in place, as n8n's does */
	staticData: IDataObject;
	mode?: 'trigger' | 'manual';
	/** milliseconds the engine gives a poll (PollContext.getPollBudgetMs) */
	pollBudgetMs?: number;
}

/** A PollContext of `node` as n8n's ActiveWorkflows would make it; what it emits is thrown away. */
export function createPollContext(options: RunPollOptions): PollContext {
	const { workflow, node } = buildWorkflow({ ...options, nodeType: options.node });
	const emitted: INodeExecutionData[][][] = [];
	return new PollContext(
		workflow,
		node,
		additionalData(options.credentials),
		options.mode ?? 'trigger',
		'activate',
		(data) => emitted.push(data),
		(error) => {
			throw error;
		},
		undefined,
		undefined,
		() => options.staticData,
		options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs as number,
	);
}

/** One poll of a polling trigger, as n8n's ActiveWorkflows would run it. */
export async function runPoll(options: RunPollOptions): Promise<INodeExecutionData[][] | null> {
	if (!options.node.poll) throw new Error(`${typeNameOf(options.node)} has no poll()`);
	return await options.node.poll.call(createPollContext(options));
}

export interface MethodOptions extends Omit<Setup, 'nodeType'> {
	node: INodeType;
	method: string;
	/** the parameter the method fills, as n8n's editor passes it */
	path?: string;
}

export async function runLoadOptions(options: MethodOptions): Promise<INodePropertyOptions[]> {
	const { workflow, node } = buildWorkflow({ ...options, nodeType: options.node });
	const method = options.node.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`no loadOptions method ${options.method}`);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData(options.credentials),
		options.path ?? 'parameters',
	);
	return await method.call(context);
}

export async function runListSearch(
	options: MethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { workflow, node } = buildWorkflow({ ...options, nodeType: options.node });
	const method = options.node.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`no listSearch method ${options.method}`);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData(options.credentials),
		options.path ?? 'parameters',
	);
	return await method.call(context, options.filter, options.paginationToken);
}

/** The field mapper's columns, as the editor asks a resourceMapping method for them. */
export async function runResourceMapping(options: MethodOptions): Promise<ResourceMapperFields> {
	const { workflow, node } = buildWorkflow({ ...options, nodeType: options.node });
	const method = options.node.methods?.resourceMapping?.[options.method];
	if (!method) throw new Error(`no resourceMapping method ${options.method}`);
	const context = new LoadOptionsContext(workflow, node, additionalData(options.credentials), options.path ?? 'parameters');
	return await method.call(context);
}
