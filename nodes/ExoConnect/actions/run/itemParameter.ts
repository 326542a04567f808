/**
 * A parameter read for an item, read once per run when it holds no expression. n8n resolves a parameter
 * anew for every item; for the choices that can only differ between items through an expression (the
 * resource, the operation, how fields are given), thousands of items would pay that for the same answer.
 */
import type { RunContext } from './runContext';
import { EXPRESSION } from './runContext';

export function itemChoice(run: RunContext, name: string, itemIndex: number, fallback?: string): string {
	const { ctx, choices } = run;
	const read = () => (fallback === undefined ? ctx.getNodeParameter(name, itemIndex) : ctx.getNodeParameter(name, itemIndex, fallback)) as string;
	const value = choices.get(name);
	if (value === EXPRESSION) return read();
	if (value !== undefined) return value;
	// getNode() copies the whole node: looked at once per run
	const raw = ctx.getNode().parameters[name];
	const first = read();
	choices.set(name, typeof raw === 'string' && raw.startsWith('=') ? EXPRESSION : first);
	return first;
}
