/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- reads the two READMEs */
/**
 * README.fr.md is a translation of README.md and must not drift from it: both list the same resources (the
 * rows of the resources table, compared by the names each row carries: the node's English label and
 * Acomba's French names) with the same required fields (the node's labels, in English in both), and quote
 * the same error messages in their troubleshooting tables. Tables are parsed, not listed here, so a row added
 * to one README fails this test until the other has it.
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

	it('the names helper tells rows apart by their names only', () => {
		expect(names('Invoice (Factures) — no Update')).toBe(names('Factures (Invoice) — pas de modification'));
		expect(names('Account (Plan comptable, Chartes)')).toBe(names('Plan comptable, Chartes (Account)'));
		expect(names('Customer (Clients)')).not.toBe(names('Supplier (Fournisseurs)'));
	});
});
