import { lookupSegments, resourceByKey, resources, routes } from '../../nodes/ExoConnect/catalog';
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { collectionRoute, createRoute, hostOf, isDotSegment, joinUrl, recordRoute } from '../../nodes/ExoConnect/transport';

const customers = resourceByKey('customers') as ResourceDef;

/** `//` anywhere after the scheme's own `://`. */
const hasDoubleSlash = (url: string) => url.replace(/^[a-z]+:\/\//i, '').includes('//');

describe('joinUrl', () => {
	const bases = ['https://relay.exostack.cloud', 'https://relay.exostack.cloud/', 'https://relay.exostack.cloud///', '  https://relay.exostack.cloud/  '];

	it.each(bases)('joins base %j without a relay path with exactly one slash', (base) => {
		expect(joinUrl(base, undefined, routes.status)).toBe('https://relay.exostack.cloud/system/status');
		expect(joinUrl(base, '', routes.status)).toBe('https://relay.exostack.cloud/system/status');
		expect(joinUrl(base, '   ', routes.status)).toBe('https://relay.exostack.cloud/system/status');
	});

	it.each(['acme', '/acme', 'acme/', '/acme/', '//acme//', '  /acme/  '])('puts relay path %j as one segment between base and route', (relay) => {
		for (const base of bases) {
			expect(joinUrl(base, relay, customers.path)).toBe('https://relay.exostack.cloud/acme/api/customers');
		}
	});

	it('keeps a self-hosted base with a port and a relay path made of several segments', () => {
		expect(joinUrl('http://192.168.1.20:8000/', '/org/team/', routes.updates)).toBe('http://192.168.1.20:8000/org/team/api/helpers/updates');
	});

	it('accepts a route written without its leading slash', () => {
		expect(joinUrl('http://h:1/', 'acme/', 'system/status')).toBe('http://h:1/acme/system/status');
	});

	it('never produces // for any combination of base, relay path and catalog route', () => {
		const relays = [undefined, '', ' ', '/', '//', 'acme', '/acme/', 'acme//', 'org/team'];
		const allRoutes = [...resources.map(collectionRoute), ...Object.values(routes), recordRoute(customers, 'code', 'A/B')];
		let checked = 0;
		for (const base of [...bases, 'http://127.0.0.1:8080', 'http://127.0.0.1:8080/']) {
			for (const relay of relays) {
				for (const route of allRoutes) {
					const url = joinUrl(base, relay, route);
					expect(hasDoubleSlash(url)).toBe(false);
					expect(url.endsWith(route.replace(/^\//, ''))).toBe(true);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(500);
	});
});

describe('recordRoute', () => {
	/** The segments of the URL path the server will see, decoded one by one. */
	const segments = (route: string) =>
		new URL(joinUrl('http://h', '', route)).pathname.split('/').slice(1).map(decodeURIComponent);

	it('builds by-code and by-id routes under the collection path', () => {
		expect(recordRoute(customers, 'code', 'JACHETE')).toBe('/api/customers/by-code/JACHETE');
		expect(recordRoute(customers, 'id', 42)).toBe('/api/customers/by-id/42');
		expect(recordRoute(customers, 'id', '42')).toBe('/api/customers/by-id/42');
		expect(lookupSegments).toEqual({ code: 'by-code', id: 'by-id' });
	});

	it('keeps numeric codes as text', () => {
		const salesReps = resourceByKey('sales_reps') as ResourceDef;
		expect(recordRoute(salesReps, 'code', 42)).toBe('/api/customers/sales-reps/by-code/42');
		expect(recordRoute(salesReps, 'code', '007')).toBe('/api/customers/sales-reps/by-code/007');
	});

	it.each([
		['with space', 'A B', 'A%20B'],
		['slash', 'A/B', 'A%2FB'],
		['hash', 'A#1', 'A%231'],
		['question mark', 'WHAT?', 'WHAT%3F'],
		['percent', '50%', '50%25'],
		['accents, slash, space and hash', 'CAFÉ/É 2#', 'CAF%C3%89%2F%C3%89%202%23'],
		['dots written as %2E (the % is escaped, so no parser folds it)', '%2E%2e', '%252E%252e'],
		['three dots', '...', '...'],
		['a dot and a space', '. .', '.%20.'],
	])('encodes a code with %s as ONE path segment', (_name, code, encoded) => {
		const route = recordRoute(customers, 'code', code);
		expect(route).toBe(`/api/customers/by-code/${encoded}`);
		// the URL parser sees no query, no fragment and exactly one segment after by-code
		const url = new URL(joinUrl('https://relay.exostack.cloud', 'acme', route));
		expect(url.search).toBe('');
		expect(url.hash).toBe('');
		expect(segments(route)).toEqual(['api', 'customers', 'by-code', code]);
	});

	it.each(['.', '..'])('refuses the code %j: a URL parser would fold it into the collection', (code) => {
		// what would be sent: the segment disappears and the collection is asked for
		expect(new URL(`https://h/api/customers/by-code/${encodeURIComponent(code)}`).pathname).toMatch(/^\/api\/customers\/(by-code\/)?$/);
		expect(() => recordRoute(customers, 'code', code)).toThrow(RangeError);
		expect(isDotSegment(code)).toBe(true);
	});

	it('uses each resource its own collection path', () => {
		for (const resource of resources) {
			expect(recordRoute(resource, 'code', 'X')).toBe(`${resource.recordPath ?? resource.path}/by-code/X`);
			expect(collectionRoute(resource)).toBe(resource.path);
			expect(createRoute(resource)).toBe(resource.createPath ?? resource.path);
		}
	});
});

describe('hostOf', () => {
	it.each([
		['https://relay.exostack.cloud/acme/api/customers', 'relay.exostack.cloud'],
		['http://127.0.0.1:8000/system/status', '127.0.0.1:8000'],
		['http://user:secret@10.0.0.5:9000/x', '10.0.0.5:9000'],
	])('names the host of %s', (url, host) => {
		expect(hostOf(url)).toBe(host);
	});

	it('returns a text that is not a URL unchanged', () => {
		expect(hostOf('relay.exostack.cloud/system/status')).toBe('relay.exostack.cloud/system/status');
	});
});

describe('joinUrl with a relay path holding doubled slashes', () => {
	it('collapses them: no "//" anywhere after the scheme', () => {
		expect(joinUrl('https://relay.exostack.cloud/', ' /org//team/ ', '/system/status')).toBe('https://relay.exostack.cloud/org/team/system/status');
	});
});
