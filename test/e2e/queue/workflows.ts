/**
 * The queue-mode suite's workflows. Each operation comes twice with the same ExoConnect node: behind a
 * Webhook (published: the main takes the request and a worker runs the execution) and behind a Manual
 * Trigger (`n8n execute`, which runs in the regular mode), so the two outputs can be compared.
 */
import { chain, CREDENTIAL_ID } from '../workflows';

const EXO = 'n8n-nodes-exoconnect.exoConnect';

type Parameters = Record<string, unknown>;

const exo = (name: string, parameters: Parameters) => ({ name, type: EXO, typeVersion: 1, parameters, credentialId: CREDENTIAL_ID });
const manual = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
/** answers with every item of the last node, once the worker has finished */
const webhook = (path: string) => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
});

/** 600 characters of notes: seven 90-character comment lines once split */
export const LONG_NOTES = [
	'Livraison : camion avec hayon requis, quai arrière seulement, entre 7 h et 15 h du lundi au jeudi.',
	'Installation incluse : les travaux débutent dans les dix jours ouvrables suivant votre acceptation.',
	'Prévoir un accès dégagé au local technique et une prise de 20 A à moins de deux mètres du panneau.',
	'Garantie : pièces et main-d’œuvre un an; la garantie prolongée de trois ans est offerte en option.',
	'Prix valides trente jours; taxes en sus; un acompte de 30 % est exigé à la signature du contrat.',
	'Toute modification au devis après acceptation fera l’objet d’un avenant signé par les deux parties.',
].join(' ');

export const QUOTE_CUSTOMER = 'JACHETE';

const productsNode = exo('Get Products', { resource: 'product', operation: 'getAll', returnAll: true });
const quoteNode = exo('Create Quote', {
	resource: 'quote',
	operation: 'create',
	customerCode: { __rl: true, mode: 'code', value: QUOTE_CUSTOMER },
	linesSource: 'fields',
	lines: {
		line: [
			{ lineType: 'product', sku: 'WIDGET-001', quantity: 3 },
			{ lineType: 'comment', description: LONG_NOTES },
		],
	},
	additionalFields: { reference: 'QUEUE-E2E' },
	options: {},
});

export const PRODUCTS_WEBHOOK = 'exo-queue-products';
export const QUOTE_WEBHOOK = 'exo-queue-quote';

/**
 * A Webhook-started workflow. The node needs a webhook id (the editor always gives one): without it n8n
 * registers the path under `<workflow id>/<node name>/`, not the path itself.
 */
function onWebhook(id: string, name: string, path: string, node: ReturnType<typeof exo>, webhookId: string): object {
	const workflow = chain(id, name, [webhook(path), node]) as { nodes: Array<Record<string, unknown>> };
	workflow.nodes[0].webhookId = webhookId;
	return workflow;
}

export const productsOnWorker = onWebhook('exoQueueProducts', 'Queue: all products (webhook)', PRODUCTS_WEBHOOK, productsNode, '6f0c2a51-8d1e-4b7a-9c33-0e5f7a1b2c01');
export const productsRegular = chain('exoQueueProductsR', 'Queue: all products (manual)', [manual, productsNode]);
export const quoteOnWorker = onWebhook('exoQueueQuote001', 'Queue: quote with long notes (webhook)', QUOTE_WEBHOOK, quoteNode, '6f0c2a51-8d1e-4b7a-9c33-0e5f7a1b2c02');
export const quoteRegular = chain('exoQueueQuoteR01', 'Queue: quote with long notes (manual)', [manual, quoteNode]);
