/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- reads the two READMEs */
/**
 * README.fr.md is a translation of README.md and must not drift from it: both list the same resources (the
 * rows of the resources table, compared by the names each row carries: the node's English label and
 * Acomba's French names) with the same required fields (the node's labels, in English in both), and quote
 * the same error messages in their troubleshooting tables. Tables are parsed, not listed here, so a row added
 * to one README fails this test until the other has it. They also have the same sections, in the same order
 * and at the same level (HEADINGS maps each English heading to its French one: a section added to one README
 * fails until the other has it and the map names it), the same number of table rows in each section, the same
 * code in the first column of every table (commands, settings), and the same commands in their code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const readme = (name: string) => readFileSync(join(repoRoot, name), 'utf8');

/** Lines of the section under the heading that is exactly `title` (any level), up to the next heading of that level or above. */
function section(markdown: string, title: string): string[] {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => /^#{1,6} /.test(line) && line.replace(/^#+ /, '').trim() === title);
	if (start < 0) throw new Error(`no heading "${title}"`);
	const level = lines[start].indexOf(' ');
	const end = lines.findIndex((line, i) => i > start && /^#{1,6} /.test(line) && line.indexOf(' ') <= level);
	return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The body rows (cells trimmed) of the first table in the lines; header and separator left out. */
function firstTable(lines: string[]): string[][] {
	const start = lines.findIndex((line) => line.trimStart().startsWith('|'));
	if (start < 0) throw new Error('no table in the section');
	const rows: string[][] = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.trimStart().startsWith('|')) break;
		rows.push(
			line
				.trim()
				.replace(/^\||\|$/g, '')
				.split(/(?<!\\)\|/)
				.map((cell) => cell.trim()),
		);
	}
	return rows;
}

/**
 * The names a resource cell carries, in any order and language: "Invoice (Factures) — no Update" and
 * "Factures (Invoice) — pas de modification" both give {Factures, Invoice}; a remark after a dash is not a name.
 */
function names(cell: string): string {
	const [namePart] = cell.split(/\s[—–-]\s/);
	return namePart
		.split(/[(),]/)
		.map((name) => name.replace(/\*/g, '').trim())
		.filter(Boolean)
		.sort()
		.join(' | ');
}

/** The messages quoted (in italics) in the first column of the troubleshooting table. */
function quotedMessages(rows: string[][]): string[] {
	return rows.flatMap((row) => [...row[0].matchAll(/(?<!\*)\*([^*]+)\*(?!\*)/g)].map((m) => m[1].trim()));
}

const languages = {
	en: { file: 'README.md', resources: 'Resources and operations', troubleshooting: 'Troubleshooting' },
	fr: { file: 'README.fr.md', resources: 'Ressources et opérations', troubleshooting: 'Dépannage' },
} as const;

function parse(language: keyof typeof languages) {
	const { file, resources, troubleshooting } = languages[language];
	const text = readme(file);
	const resourceRows = firstTable(section(text, resources));
	return {
		text,
		resourceRows,
		resourceNames: resourceRows.map((row) => names(row[0])),
		requiredFields: Object.fromEntries(resourceRows.map((row) => [names(row[0]), row[1]])),
		columns: resourceRows.map((row) => row.length),
		messages: quotedMessages(firstTable(section(text, troubleshooting))),
	};
}

/** Every English heading and its French counterpart. */
const HEADINGS: Record<string, string> = {
	'n8n-nodes-exoconnect': 'n8n-nodes-exoconnect',
	Installation: 'Installation',
	'Docker, Docker Compose and n8n Cloud': 'Docker, Docker Compose et n8n Cloud',
	'The credential': "L'identifiant (credential)",
	'Resources and operations': 'Ressources et opérations',
	'Documents: lines and defaults': 'Documents : lignes et valeurs par défaut',
	'Sync: Create or Update, the field mapper, parallel writes': 'Synchronisation : Create or Update, le mappeur de champs, les écritures en parallèle',
	'The trigger': 'Le déclencheur',
	'Queue mode (a main and workers)': "Mode file d'attente (un processus principal et des workers)",
	"As an AI agent's tool": "Comme outil d'un agent IA",
	'Check Compatibility': 'Vérifier la compatibilité (Check Compatibility)',
	'Known ExoConnect limitations': "Limites connues d'ExoConnect",
	Troubleshooting: 'Dépannage',
	'Help and links': 'Aide et liens',
	'Glossary (Acomba French ↔ node English)': 'Glossaire (Acomba en français ↔ nœud en anglais)',
	Development: 'Développement',
	'The ExoConnect sandbox': 'Le bac à sable ExoConnect',
	'Where zod comes from': "D'où vient zod",
	Layout: 'Organisation',
	Releasing: 'Publier une version',
};

interface Part {
	level: number;
	title: string;
	/** the lines under the heading, up to the next heading of any level */
	lines: string[];
}

/** The README cut at its headings (a `#` line inside a code block is not one); the text before the first is left out. */
function parts(markdown: string): Part[] {
	const result: Part[] = [];
	let inCode = false;
	for (const line of markdown.split('\n')) {
		if (line.trimStart().startsWith('```')) inCode = !inCode;
		const heading = inCode ? null : /^(#{1,6}) (.+)$/.exec(line);
		if (heading) result.push({ level: heading[1].length, title: heading[2].trim(), lines: [] });
		else result.at(-1)?.lines.push(line);
	}
	return result;
}

/** Every table of the lines: its body rows, each as its cells. */
function tables(lines: string[]): string[][][] {
	const found: string[][][] = [];
	for (let i = 0; i < lines.length; i++) {
		if (!lines[i].trimStart().startsWith('|') || !/^\s*\|[-:| ]+\|\s*$/.test(lines[i + 1] ?? '')) continue;
		const rows: string[][] = [];
		for (i += 2; i < lines.length && lines[i].trimStart().startsWith('|'); i++) {
			rows.push(lines[i].trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim()));
		}
		found.push(rows);
	}
	return found;
}

/** A first cell that is code only (a command, a setting) is the same in both languages; other cells are words. */
const codeCell = (cell: string) => (/^`[^`]+`$/.test(cell) ? cell : '·');

/** The shell commands the README prints (code blocks and inline code), comments left out, spaces made single. */
function commands(markdown: string): string[] {
	const inline = [...markdown.matchAll(/`((?:npm|npx|docker|git) [^`]+)`/g)].map((m) => m[1]);
	const blocks = [...markdown.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
	return [...inline, ...blocks.filter((line) => /^(npm|npx|docker|git) /.test(line.trim()))]
		.map((command) => command.replace(/\s+#.*$/, '').replace(/\s+/g, ' ').trim())
		.sort();
}

describe('README.fr.md keeps step with README.md', () => {
	const en = parse('en');
	const fr = parse('fr');

	it('each links to the other at the top', () => {
		const top = (text: string) => text.split('\n').slice(0, 5).join('\n');
		expect(top(en.text)).toContain('(README.fr.md)');
		expect(top(fr.text)).toContain('(README.md)');
	});

	it('the parser reads the English tables (every resource row names a resource; messages are quoted)', () => {
		expect(en.resourceRows.length).toBeGreaterThanOrEqual(16);
		expect(en.resourceNames).toContain(names('Customer (Clients)'));
		expect(en.resourceNames).toContain(names('Factures (Invoice)'));
		expect(en.messages).toContain('ExoConnect rejected the API key');
		expect(en.messages.length).toBeGreaterThanOrEqual(10);
	});

	it('list the same resources, row for row, with the same number of columns', () => {
		expect(fr.resourceNames).toEqual(en.resourceNames);
		expect(fr.columns).toEqual(en.columns);
	});

	it('give the same required fields for each resource (the node shows them in English)', () => {
		expect(fr.requiredFields).toEqual(en.requiredFields);
	});

	it('quote the same error messages in their troubleshooting tables (the node speaks English)', () => {
		expect(fr.messages).toEqual(en.messages);
	});

	it('have the same sections, in the same order and at the same level', () => {
		const expected = parts(en.text).map((part) => `${'#'.repeat(part.level)} ${HEADINGS[part.title] ?? `(no French heading mapped for "${part.title}")`}`);
		expect(parts(fr.text).map((part) => `${'#'.repeat(part.level)} ${part.title}`)).toEqual(expected);
	});

	it('have, section by section, the same tables with as many rows and the same code in their first column', () => {
		const shape = (part: Part) => tables(part.lines).map((rows) => rows.map((row) => codeCell(row[0])));
		const frParts = new Map(parts(fr.text).map((part) => [part.title, part]));
		for (const part of parts(en.text)) {
			const french = frParts.get(HEADINGS[part.title]);
			expect({ section: part.title, tables: french ? shape(french) : 'missing' }).toEqual({ section: part.title, tables: shape(part) });
		}
	});

	it('print the same commands', () => {
		expect(commands(fr.text)).toEqual(commands(en.text));
	});

	it('the section, table and command readers see a missing row, section or command', () => {
		const doc = '# T\n## A\n| a | b |\n|---|---|\n| `npm test` | x |\n| y | z |\n```bash\n# not a heading\nnpm ci   # note\n```\n### B\ntext `npm run build` and `git tag v1`\n';
		expect(parts(doc).map((p) => [p.level, p.title])).toEqual([
			[1, 'T'],
			[2, 'A'],
			[3, 'B'],
		]);
		expect(tables(parts(doc)[1].lines).map((rows) => rows.map((row) => codeCell(row[0])))).toEqual([['`npm test`', '·']]);
		expect(commands(doc)).toEqual(['git tag v1', 'npm ci', 'npm run build', 'npm test']);
	});

	it('the names helper tells rows apart by their names only', () => {
		expect(names('Invoice (Factures) — no Update')).toBe(names('Factures (Invoice) — pas de modification'));
		expect(names('Account (Plan comptable, Chartes)')).toBe(names('Plan comptable, Chartes (Account)'));
		expect(names('Customer (Clients)')).not.toBe(names('Supplier (Fournisseurs)'));
	});
});
