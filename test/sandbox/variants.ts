/**
 * A sandbox that differs from the contract as a live ExoConnect may: a route under another path (the old one
 * then answers 404) and keys renamed in some answers. What System › Check Compatibility is tested against.
 */
import { lookupSegments } from '../../nodes/ExoConnect/catalog';

/** Rename `key` to `to` in the answers to GET requests at `path` (exact, or tested when a RegExp). */
export interface Reshape {
	path: string | RegExp;
	key: string;
	to: string;
	/** 'answer' (default): a top-level key of the answer; 'items': a key of every entry of its `items` */
	in?: 'answer' | 'items';
}

export interface Variants {
	/**
	 * `{'/api/customers': '/api/clients'}`: the collection and its `by-code` / `by-id` routes answer under the
	 * new path only; the routes below it that are other collections (`/api/customers/terms`) stay where they are.
	 */
	renamedRoutes?: Record<string, string>;
	reshapes?: Reshape[];
}

const lookups: string[] = Object.values(lookupSegments);

/** Whether `path` is the route `base` or one of its record routes (`base/by-id/…`). */
function isRouteOf(path: string, base: string): boolean {
	if (path === base) return true;
	if (!path.startsWith(`${base}/`)) return false;
	return lookups.includes(path.slice(base.length + 1).split('/')[0]);
}

/** The contract's path a request is answered from; undefined when the variant server has no such route. */
export function contractPath(variants: Variants, path: string): string | undefined {
	for (const [from, to] of Object.entries(variants.renamedRoutes ?? {})) {
		if (isRouteOf(path, to)) return `${from}${path.slice(to.length)}`;
		if (isRouteOf(path, from)) return undefined;
	}
	return path;
}

const renamed = (record: unknown, key: string, to: string): unknown => {
	if (!record || typeof record !== 'object' || Array.isArray(record) || !(key in record)) return record;
	const { [key]: value, ...rest } = record as Record<string, unknown>;
	return { ...rest, [to]: value };
};

/** The answer as the variant server shapes it. */
export function reshaped(variants: Variants, method: string, path: string, body: unknown): unknown {
	if (method !== 'GET') return body;
	let out = body;
	for (const rule of variants.reshapes ?? []) {
		const hit = typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
		if (!hit) continue;
		if (rule.in !== 'items') {
			out = renamed(out, rule.key, rule.to);
			continue;
		}
		const items = (out as { items?: unknown } | null)?.items;
		if (Array.isArray(items)) out = { ...(out as object), items: items.map((item) => renamed(item, rule.key, rule.to)) };
	}
	return out;
}
