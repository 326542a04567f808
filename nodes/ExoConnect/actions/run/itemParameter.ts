/**
 * A parameter read for an item, read once per run when it holds no expression. n8n resolves a parameter
 * anew for every item; for the choices that can only differ between items through an expression (the
 * resource, the operation, how fields are given), thousands of items would pay that for the same answer.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

const EXPRESSION = Symbol('expression');
/** per run: the value of each choice without an expression, or EXPRESSION */
const perRun = new WeakMap<object, Map<string, string | typeof EXPRESSION>>();

export function itemChoice(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback?: string): string {
	const read = () => (fallback === undefined ? ctx.getNodeParameter(name, itemIndex) : ctx.getNodeParameter(name, itemIndex, fallback)) as string;
	let known = perRun.get(ctx);
	if (!known) perRun.set(ctx, (known = new Map()));
	const value = known.get(name);
	if (value === EXPRESSION) return read();
	if (value !== undefined) return value;
	// getNode() copies the whole node: looked at once per run
	const raw = ctx.getNode().parameters[name];
	const first = read();
	known.set(name, typeof raw === 'string' && raw.startsWith('=') ? EXPRESSION : first);
	return first;
}
