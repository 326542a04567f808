/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- reads the transport's source files to check how they import each other */
/**
 * The transport's modules import one another without cycles (issue 19: credentials.ts and request.ts
 * imported each other): each file can be read, and changed, from its own imports down.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(__dirname, '../../nodes/ExoConnect/transport');
const modules = readdirSync(folder)
	.filter((file) => file.endsWith('.ts') && file !== 'index.ts')
	.map((file) => file.replace(/\.ts$/, ''));

/** The transport modules a file imports (types included: a cycle of types is still a knot to untie). */
function importsOf(module: string): string[] {
	const source = readFileSync(join(folder, `${module}.ts`), 'utf8');
	return [...source.matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]);
}

function cycleFrom(start: string, graph: Map<string, string[]>): string[] | undefined {
	const path: string[] = [];
	const visit = (module: string): string[] | undefined => {
		if (path.includes(module)) return [...path.slice(path.indexOf(module)), module];
		path.push(module);
		for (const next of graph.get(module) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		path.pop();
		return undefined;
	};
	return visit(start);
}

describe('transport modules', () => {
	const graph = new Map(modules.map((m) => [m, importsOf(m)]));

	it('import only modules that exist', () => {
		for (const [module, imports] of graph) for (const target of imports) expect([module, modules.includes(target)]).toEqual([module, true]);
	});

	it.each(modules)('%s is on no import cycle', (module) => {
		expect(cycleFrom(module, graph)).toBeUndefined();
	});

	it('credentials.ts and request.ts do not import each other', () => {
		expect(graph.get('credentials')).not.toContain('request');
		expect(graph.get('request')).toContain('credentials');
	});
});
