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

/**
 * Keys that cannot be one path segment. encodeURIComponent escapes `%` (so a code written `%2E` travels as
 * `%252E` and stays that code) but leaves `.` alone, and URL parsers fold a `.` or `..` segment (and their
 * `%2E` spellings) into "this folder" / "the folder above": `by-code/..` would ask for the collection.
 */
export function isDotSegment(key: string): boolean {
	return key === '.' || key === '..';
}

/** `C/by-code/{code}` or `C/by-id/{id}`; the key is one URL-encoded segment (codes may hold `/`, `#`, spaces). */
export function recordRoute(resource: ResourceDef, by: LookupBy, key: string | number): string {
	const text = String(key);
	// callers refuse such codes with a message for the user first; this only keeps a wrong URL from being sent
	if (isDotSegment(text)) throw new RangeError(`"${text}" cannot be sent as a ${lookupSegments[by]} key`);
	return `${resource.recordPath ?? resource.path}/${lookupSegments[by]}/${encodeURIComponent(text)}`;
}

/** `C/by-id/{id}/{key}`: a list belonging to one record (a customer payment's lines). */
export function subListRoute(resource: ResourceDef, id: string | number, key: string): string {
	return `${recordRoute(resource, 'id', id)}/${encodeURIComponent(key)}`;
}

export interface BaseUrlProblem {
	/** what is wrong, e.g. `"relay.exostack.cloud" has no https:// in front` */
	problem: string;
	/** what to write instead */
	fix: string;
}

/**
 * What is wrong with a credential's Base URL, or undefined when it is usable. Checked before any request:
 * without a scheme, n8n's HTTP client fails with an error that does not say what to do.
 */
export function baseUrlProblem(baseUrl: string | undefined): BaseUrlProblem | undefined {
	const text = (baseUrl ?? '').trim();
	const ownService = 'or http://… for an ExoConnect service on your own network without HTTPS';
	if (!text) return { problem: 'is empty', fix: `Enter https://relay.exostack.cloud for the hosted relay, or the address of your ExoConnect service.` };
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
	if (scheme === undefined) {
		return { problem: `"${text}" has no https:// in front`, fix: `Add https:// in front of it: https://${text.replace(/^\/+/, '')} (${ownService}).` };
	}
	if (scheme !== 'https' && scheme !== 'http') {
		return { problem: `"${text}" starts with ${scheme}://`, fix: `Write it with https:// (${ownService}).` };
	}
	if (!URL.canParse(text)) return { problem: `"${text}" is not a valid web address`, fix: 'Check it for spaces or stray characters.' };
	return undefined;
}

/** Host of a URL for error messages, without credentials or path. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
