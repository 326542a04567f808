/**
 * System › Check Compatibility in the editor and for an AI agent: offered under System with a notice that
 * says it only reads, named on the canvas, and described to a model as the read-only check it is (it takes
 * no parameter, so an agent can run it to tell why a route fails on its server).
 */
import type { INode, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';

const nodeType = new ExoConnect();
const { properties } = nodeType.description;

const isShownFor = (p: INodeProperties, resource: string, operation: string) => {
	const show = p.displayOptions?.show ?? {};
	return (show.resource as string[] | undefined)?.includes(resource) !== false && (show.operation as string[] | undefined)?.includes(operation) !== false;
};

describe('System › Check Compatibility', () => {
	const systemOperations = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('system'));

	it('is a System operation, listed in alphabetical order, with an action', () => {
		const options = (systemOperations?.options ?? []) as INodePropertyOptions[];
		expect(options.map((o) => o.name)).toEqual(['Check Compatibility', 'Get SDK Windows', 'Get Status']);
		expect(options[0]).toMatchObject({ value: 'checkCompatibility', action: 'Check which routes answer as the node expects' });
		expect(systemOperations?.default).toBe('getStatus');
	});

	it('shows only its notice (reads only, attach the output to an issue), and the notice only for it', () => {
		const shown = properties.filter((p) => p.name !== 'resource' && p.name !== 'operation' && isShownFor(p, 'system', 'checkCompatibility'));
		expect(shown.map((p) => p.type)).toEqual(['notice']);
		expect(shown[0].displayName).toMatch(/^Reads only/);
		expect(shown[0].displayName).toContain('attach the whole output to an issue');
		expect(isShownFor(shown[0], 'system', 'getStatus')).toBe(false);
	});

	it('is described to an AI agent as the read-only check it is', () => {
		const node = {
			id: '1',
			name: 'Tool',
			type: 'n8n-nodes-exoconnect.exoConnectTool',
			typeVersion: 1,
			position: [0, 0],
			parameters: { descriptionType: 'auto', resource: 'system', operation: 'checkCompatibility' },
		} as INode;
		expect(nodeType.description.usableAsTool).toBe(true);
		expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toBe('Check which routes answer as the node expects in ExoConnect');
	});
});
