/** The workflows the end-to-end suite imports into n8n, built with the node's real parameter names. */
const EXO = 'n8n-nodes-exoconnect.exoConnect';
const EXO_TRIGGER = 'n8n-nodes-exoconnect.exoConnectTrigger';

export const CREDENTIAL_ID = 'exoE2eSandbox001';
export const BAD_CREDENTIAL_ID = 'exoE2eBadKey0001';

type Parameters = Record<string, unknown>;

interface NodeSpec {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Parameters;
	credentialId?: string;
}

/** A workflow whose nodes run one after the other. */
export function chain(id: string, name: string, nodes: NodeSpec[]): object {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: nodes.map((n, i) => ({
			id: `${id}-n${i}`,
			name: n.name,
			type: n.type,
			typeVersion: n.typeVersion,
			position: [i * 260, 0],
			parameters: n.parameters,
			...(n.credentialId ? { credentials: { exoConnectApi: { id: n.credentialId, name: n.credentialId } } } : {}),
		})),
		connections: Object.fromEntries(
			nodes.slice(0, -1).map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]),
		),
	};
}

const manual: NodeSpec = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
const exo = (name: string, parameters: Parameters, credentialId = CREDENTIAL_ID): NodeSpec => ({
	name,
	type: EXO,
	typeVersion: 1,
	parameters,
	credentialId,
});

export const NOTE_200 =
	'Installation incluse : les travaux débutent dans les dix jours ouvrables suivant votre acceptation; prévoir un accès dégagé au local technique et une prise de 20 A à moins de deux mètres du panneau.';

/** a. create a customer, a quote for it (two products and a 200-character note), then read the quote back */
export const quoteFlow = chain('exoE2eQuoteFlow1', 'E2E quote for a new customer', [
	manual,
	exo('Create Customer', {
		resource: 'customer',
		operation: 'create',
		code: 'E2E-CLIENT',
		description: 'Client de bout en bout inc.',
		additionalFields: { salesRepCode: '7', termCode: '2', territoryCode: 'QC', taxGroupCode: 'QC' },
	}),
	exo('Create Quote', {
		resource: 'quote',
		operation: 'create',
		customerCode: { __rl: true, mode: 'code', value: '={{ $json.code }}' },
		linesSource: 'fields',
		lines: {
			line: [
				{ lineType: 'product', sku: 'WIDGET-001', quantity: 2 },
				{ lineType: 'product', sku: 'WIDGET-002', quantity: 1 },
				{ lineType: 'comment', description: NOTE_200 },
			],
		},
		options: { returnFullRecord: false },
	}),
	exo('Get Quote', { resource: 'quote', operation: 'get', record: { __rl: true, mode: 'id', value: '={{ $json.created_id }}' } }),
	exo('Get Quote By Number', { resource: 'quote', operation: 'get', record: { __rl: true, mode: 'code', value: '={{ $json.code }}' } }),
]);

/** b. every product */
export const allProducts = chain('exoE2eAllProduct', 'E2E all products', [
	manual,
	exo('Get Products', { resource: 'product', operation: 'getAll', returnAll: true }),
]);

/** c. a wrong API key */
export const wrongKey = chain('exoE2eWrongKey01', 'E2E wrong key', [
	manual,
	exo('Status', { resource: 'system', operation: 'getStatus' }, BAD_CREDENTIAL_ID),
]);

/** h. n8n's own HTTP Request node with the ExoConnect API credential (for an endpoint the node does not cover) */
export function httpRequestWithCredential(url: string): object {
	return chain('exoE2eHttpCred01', 'E2E HTTP Request with the ExoConnect credential', [
		manual,
		{
			name: 'Status by HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { url, authentication: 'predefinedCredentialType', nodeCredentialType: 'exoConnectApi', options: {} },
			credentialId: CREDENTIAL_ID,
		},
	]);
}

/** d. new or changed customers → the sandbox's sink, each with the execution that carried it */
export const TRIGGER_WORKFLOW = 'exoE2eTrigger001';
/** d. customer payments (an extract feed) → the same sink */
export const PAYMENT_TRIGGER_WORKFLOW = 'exoE2ePayments01';

interface Watch {
	id: string;
	name: string;
	/** the trigger node's name (its static data is kept under it) */
	node: string;
	entity: string;
	events: string[];
}

const customersWatch: Watch = { id: TRIGGER_WORKFLOW, name: 'E2E customers to sink', node: 'Customer Changes', entity: 'customers', events: ['created', 'updated'] };
export const paymentsWatch: Watch = { id: PAYMENT_TRIGGER_WORKFLOW, name: 'E2E payments to sink', node: 'Payment Changes', entity: 'customer_payments', events: ['changed'] };

export function triggerToSink(sinkUrl: string, watch: Watch = customersWatch): object {
	return chain(watch.id, watch.name, [
		{
			name: watch.node,
			type: EXO_TRIGGER,
			typeVersion: 1,
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				entity: watch.entity,
				events: watch.events,
				includeRecord: true,
				startFrom: 'now',
				options: {},
			},
			credentialId: CREDENTIAL_ID,
		},
		{
			name: 'Sink',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: sinkUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ entity: $json.entity, code: $json.code, event: $json.event, id: $json.id, modified_at: $json.modified_at, execution: $execution.id }) }}',
				options: {},
			},
		},
	]);
}

/** A shop's products as n8n items, one per product, the last node named SHOP_ITEMS (the benchmark uses it too). */
export const SHOP_ITEMS = 'One Item per Product';
export function shopProductNodes(products: object[]): NodeSpec[] {
	return [
		{ name: 'Shop Products', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ shop: products }), options: {} } },
		{ name: SHOP_ITEMS, type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'shop', options: {} } },
	];
}

/** f. a shop's products (sku, name, price) synced with Create or Update, the fields mapped automatically */
export const SHOP_PRODUCTS = [
	{ sku: 'WIDGET-001', name: 'Support mural universel', price: 26.5 },
	{ sku: 'WIDGET-002', name: 'Tablette en érable 24 po', price: 39.5 },
	{ sku: 'E2E-SHOP-1', name: 'Produit de la boutique', price: 12 },
];
/** The shop's products synced by Create or Update, the fields mapped automatically, with `options`. */
function shopSyncFlow(id: string, name: string, node: string, options: object): object {
	return chain(id, name, [
		manual,
		...shopProductNodes(SHOP_PRODUCTS),
		exo(node, {
			resource: 'product',
			operation: 'upsert',
			columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['code'], schema: [] },
			options,
		}),
	]);
}
export const shopSync = shopSyncFlow('exoE2eShopSync01', 'E2E shop products sync', 'Sync Products', {});
/** i. the same sync with Preview: nothing written, each item's plan and body */
export const shopPreview = shopSyncFlow('exoE2eShopPrevw1', 'E2E shop products sync preview', 'Preview Sync', { preview: true });
