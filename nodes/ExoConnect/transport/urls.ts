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

/** Where Create posts: the collection, unless the catalog gives another route (§8.2). */
export function createRoute(resource: ResourceDef): string {
	return resource.createPath ?? resource.path;
}

/** `C/by-code/{code}` or `C/by-id/{id}`; the key is one URL-encoded segment (codes may hold `/`, `#`, spaces). */
export function recordRoute(resource: ResourceDef, by: LookupBy, key: string | number): string {
	return `${resource.recordPath ?? resource.path}/${lookupSegments[by]}/${encodeURIComponent(String(key))}`;
}

/** `C/by-id/{id}/{key}`: a list belonging to one record (a customer payment's lines). */
export function subListRoute(resource: ResourceDef, id: string | number, key: string): string {
	return `${recordRoute(resource, 'id', id)}/${encodeURIComponent(key)}`;
}

/** Host of a URL for error messages, without credentials or path. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
