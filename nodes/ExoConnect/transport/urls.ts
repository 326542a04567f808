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
	/** the credential's field at fault; the Base URL when not said */
	field?: 'Base URL' | 'Relay Path';
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
	// every route is added after the Base URL: behind a ? or a # it would become a query or be dropped
	const stray = /[?#]/.exec(text)?.[0];
	if (stray) {
		return { problem: `"${text}" holds "${stray}"`, fix: `Write the address only, without "${stray}" and what follows it (the node adds each route itself).` };
	}
	return undefined;
}

/** Characters a relay path segment may hold: those a URL path carries as they are (RFC 3986 "unreserved"). */
const RELAY_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * What is wrong with a credential's Relay Path, or undefined when it is usable (empty included). Outer
 * and doubled slashes are forgiven, as joinUrl drops them; anything a URL reads as more than a folder
 * name is refused: `acme#` would send every call to /acme, `acme?x=` would move the route into the query,
 * and `..` would climb above the Base URL's own path.
 */
export function relayPathProblem(relayPath: string | undefined): BaseUrlProblem | undefined {
	const text = (relayPath ?? '').trim();
	const segments = text.split('/').filter((s) => s !== '');
	const fix =
		'Copy the relay path again from the ExoConnect manager (Connexion page, the relay_path of the curl samples): it holds only letters, digits, -, _, . and ~, with / between parts. Leave it empty for your own ExoConnect service.';
	for (const segment of segments) {
		if (isDotSegment(segment)) {
			return { field: 'Relay Path', problem: `"${text}" holds "${segment}" as a part, which a web address reads as ${segment === '.' ? '"this folder"' : '"the folder above"'}`, fix };
		}
		if (!RELAY_SEGMENT.test(segment)) {
			const stray = Array.from(segment).find((c) => !RELAY_SEGMENT.test(c)) ?? segment;
			const shown = /\s/.test(stray) ? 'a space' : `"${stray}"`;
			return { field: 'Relay Path', problem: `"${text}" holds ${shown}, which a web address does not read as part of a path`, fix };
		}
	}
	return undefined;
}

/** The credential's first unusable field, checked before anything is sent (the node and the credential's Test alike). */
export function addressProblem(credentials: { baseUrl?: string; relayPath?: string }): BaseUrlProblem | undefined {
	return baseUrlProblem(credentials.baseUrl) ?? relayPathProblem(credentials.relayPath);
}

/** Host of a URL for error messages, without credentials or path. */
export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
