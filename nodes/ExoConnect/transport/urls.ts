/** The only place where a URL is assembled from the credential and a catalog route. */
import type { ResourceDef } from '../catalog';
import { lookupSegments } from '../catalog';

export type LookupBy = keyof typeof lookupSegments;

/** Base URL + relay path (when set) + route, with exactly one `/` between the parts. */
export function joinUrl(baseUrl: string, relayPath: string | undefined, route: string): string {
	const parts = [baseUrl.trim().replace(/\/+$/, '')];
	const relay = (relayPath ?? '').trim().replace(/\/{2,}/g, '/').replace(/^\/+|\/+$/g, '');
	if (relay) parts.push(relay);
	parts.push(route.replace(/^\/+/, ''));
	return parts.join('/');
}

export function collectionRoute(resource: ResourceDef): string {
	return resource.path;
}

/** `C/by-code/{code}` or `C/by-id/{id}`; the key is one URL-encoded segment (codes may hold `/`, `#`, spaces). */
export function recordRoute(resource: ResourceDef, by: LookupBy, key: string | number): string {
	return `${resource.path}/${lookupSegments[by]}/${encodeURIComponent(String(key))}`;
}

/** Host of a URL for error messages, without credentials or path. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
