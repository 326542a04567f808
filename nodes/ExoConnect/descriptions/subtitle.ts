/**
 * The line under the node's name on the canvas, in the words of the editor: "Get Many: Products",
 * "Create: Quote". Built from the operation and resource options themselves, so it follows the catalog.
 */
import { resources } from '../catalog';
import { Operation, operationProperties } from './resourceOperation';

const operationNames: Record<string, string> = Object.fromEntries(
	operationProperties.flatMap((p) => (p.options ?? []).map((o) => [(o as { value: string }).value, (o as { name: string }).name])),
);
const singular = Object.fromEntries(resources.map((r) => [r.value, r.displayName]));
const plural = Object.fromEntries(resources.map((r) => [r.value, r.pluralName]));

/** Helper and System operations name themselves: "Get Changes", "Get Status". */
export const nodeSubtitle = `={{ [${JSON.stringify(operationNames)}[$parameter["operation"]], ($parameter["operation"] === "${Operation.getMany}" ? ${JSON.stringify(plural)} : ${JSON.stringify(singular)})[$parameter["resource"]]].filter(Boolean).join(": ") }}`;

/** The trigger's line: "Customers: Created, Updated". */
export function triggerSubtitle(events: Array<{ name: string; value: string }>): string {
	const entities = JSON.stringify(Object.fromEntries(resources.map((r) => [r.key, r.pluralName])));
	const eventNames = JSON.stringify(Object.fromEntries(events.map((e) => [e.value, e.name])));
	return `={{ [${entities}[$parameter["entity"]] || $parameter["entity"], ($parameter["events"] || []).map((e) => (${eventNames})[e] || e).join(", ")].filter(Boolean).join(": ") }}`;
}
