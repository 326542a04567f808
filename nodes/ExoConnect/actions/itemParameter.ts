/**
 * A parameter read for an item, read once per run when it holds no expression. n8n resolves a parameter
 * anew for every item; for the choices that can only differ between items through an expression (the
 * resource, the operation, how fields are given), thousands of items would pay that for the same answer.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

const perRun = new WeakMap<object, Map<string, string>>();

export function itemChoice(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback?: string): string {
	const raw = ctx.getNode().parameters[name];
	const read = () => (fallback === undefined ? ctx.getNodeParameter(name, itemIndex) : ctx.getNodeParameter(name, itemIndex, fallback)) as string;
	if (typeof raw === 'string' && raw.startsWith('=')) return read();
	let known = perRun.get(ctx);
	if (!known) perRun.set(ctx, (known = new Map()));
	let value = known.get(name);
	if (value === undefined) known.set(name, (value = read()));
	return value;
}
