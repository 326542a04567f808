/** The subtitle a node shows under its name on the canvas: its expression evaluated with the node's parameters. */
import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

export function subtitleOf(nodeType: INodeType, parameters: INodeParameters): string {
	const instance: INode = { id: '1', name: 'N', type: 'x', typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({
		nodes: [instance],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return String(workflow.expression.getSimpleParameterValue(instance, String(nodeType.description.subtitle), 'internal', {}));
}
