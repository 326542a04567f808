/**
 * What an AI agent's model reads about an ExoConnect Tool node: n8n makes the description from the chosen
 * operation's `action` (NodeHelpers.getToolDescriptionForNode, "Set Automatically"). It must name the
 * resource and the operation, say how a Get or Update finds its record, and tell every tool apart.
 */
import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { resources } from '../../nodes/ExoConnect/catalog';
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
			expect(toolDescription(r.value, 'create')).toBe(`Create ${one} in ExoConnect`);
			expect(toolDescription(r.value, 'get')).toBe(`Get ${one} by code or ID in ExoConnect`);
			expect(toolDescription(r.value, 'getAll')).toBe(`Get many ${r.pluralName.toLowerCase()} in ExoConnect`);
			if (r.update) expect(toolDescription(r.value, 'update')).toBe(`Update ${one} by code or ID in ExoConnect`);
		}
	});

	it('says what the helpers and the status return', () => {
		expect(toolDescription('helper', 'getChanges')).toBe('Get record changes since a time in ExoConnect');
		expect(toolDescription('helper', 'getEntities')).toBe('Get the list of entities and their record counts in ExoConnect');
		expect(toolDescription('system', 'getStatus')).toBe('Get the status of the service and its company connection in ExoConnect');
	});

	it('gives every resource and operation a description of its own', () => {
		const all = resources.flatMap((r) => ['create', 'get', 'getAll', ...(r.update ? ['update'] : [])].map((op) => toolDescription(r.value, op)));
		expect(new Set(all).size).toBe(all.length);
	});
});
