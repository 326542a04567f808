/**
 * What an AI agent's model reads about an ExoConnect Tool node: n8n makes the description from the chosen
 * operation's `action` (NodeHelpers.getToolDescriptionForNode, "Set Automatically"). It must name the
 * resource and the operation, say how a Get or Update finds its record, and tell every tool apart.
 */
import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { lookupsOf, operationsOf, resources } from '../../nodes/ExoConnect/catalog';
import { withArticle } from '../../nodes/ExoConnect/descriptions/names';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';

const nodeType = new ExoConnect();

const toolDescription = (resource: string, operation: string): string =>
	NodeHelpers.getToolDescriptionForNode(
		{ id: '1', name: 'Tool', type: 'n8n-nodes-exoconnect.exoConnectTool', typeVersion: 1, position: [0, 0], parameters: { descriptionType: 'auto', resource, operation } } as INode,
		nodeType,
	);

describe('ExoConnect as a tool: the description a model reads', () => {
	it('names the record and, for Get and Update, how it is picked', () => {
		for (const r of resources) {
			const one = withArticle(r.displayName);
			const offered: string[] = operationsOf(r);
			const lookups = lookupsOf(r);
			const by = lookups.length > 1 ? 'by code or ID' : lookups[0] === 'id' ? 'by ID' : 'by code';
			if (offered.includes('create')) expect(toolDescription(r.value, 'create')).toBe(`Create ${one} in ExoConnect`);
			if (offered.includes('get')) expect(toolDescription(r.value, 'get')).toBe(`Get ${one} ${by} in ExoConnect`);
			expect(toolDescription(r.value, 'getAll')).toBe(`Get many ${r.pluralName.toLowerCase()} in ExoConnect`);
			if (offered.includes('update')) expect(toolDescription(r.value, 'update')).toBe(`Update ${one} ${by} in ExoConnect`);
		}
		// a ledger read by ID only says so
		expect(toolDescription('customerPayment', 'get')).toBe('Get a customer payment by ID in ExoConnect');
	});

	it('says what the helpers and the status return', () => {
		expect(toolDescription('helper', 'getChanges')).toBe('Get record changes since a time in ExoConnect');
		expect(toolDescription('helper', 'getEntities')).toBe('Get the list of entities and their record counts in ExoConnect');
		expect(toolDescription('system', 'getStatus')).toBe('Get the status of the service and its company connection in ExoConnect');
	});

	it('gives every resource and operation a description of its own', () => {
		const all = resources.flatMap((r) => (operationsOf(r) as string[]).map((op) => toolDescription(r.value, op)));
		expect(new Set(all).size).toBe(all.length);
	});
});
