/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- reads the two READMEs */
/**
 * Every setting the READMEs name exists in the nodes or the credential, under that name. The convention (both
 * READMEs keep it): a setting, an option of it, an operation or a resource is named as the editor shows it,
 * in **bold** or in *italics*, in Title Case. So every bold or italic phrase in Title Case (outside code, not a
 * lead-in ending with "." or ":") must be one of the names the descriptions show — parameter and field
 * labels, option names, resource-locator modes — or be in NOT_SETTINGS below, the other names the READMEs
 * print that way (node names, n8n's own screens and buttons, ExoConnect's manager). Prose ("lower the batch
 * size") names no setting: name it in bold (**Parallel Writes**).
 * `Settings › On Error › Continue` is a path: each step is checked. `Modified After / Before` and
 * `Payment Date From / To` name two settings each; `(node)` marks a filter the node applies.
 */
import type { INodeProperties } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExoConnectApi } from '../../credentials/ExoConnectApi.credentials';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';

const repoRoot = join(__dirname, '..', '..');
const READMES = ['README.md', 'README.fr.md'];

/** Names printed like settings that are not ours, each with why. */
const NOT_SETTINGS: Record<string, string> = {
	ExoConnect: 'the action node',
	'ExoConnect Trigger': 'the trigger node',
	'ExoConnect Tool': 'the action node as n8n names it on an AI Agent',
	'ExoConnect for Acomba': 'the product',
	"ExoConnect's API": 'a heading of the help list',
	'AI Agent': "n8n's node",
	Tool: "the AI Agent's connector",
	'Get Customer': 'the name a workflow gives a node, in an example',
	'Create Quote': 'the name a workflow gives a node, in an example',
	'Poll Times': 'n8n adds it to every polling trigger',
	'Fetch Test Event': "n8n's button on a polling trigger",
	'Map Automatically': "n8n's button in the field mapper",
	Bélanger: 'a customer of the demo company, in a search example',
	Test: "n8n's button on a credential",
	Install: "n8n's Community Nodes screen, and a lead-in",
	Uninstall: "n8n's Community Nodes screen, and a lead-in",
	Upgrade: 'a lead-in',
	Installation: 'a lead-in (French)',
	Désinstallation: 'a lead-in (French)',
	Settings: "n8n's menu",
	'Community Nodes': "n8n's settings screen",
	'On Error': "n8n's node setting",
	Continue: "n8n's node setting",
	'Workflow Settings': "n8n's workflow settings",
	Timezone: "n8n's workflow setting",
	'Predefined Credential Type': "n8n's HTTP Request node",
	'Tool Description': "n8n's setting on a tool",
	'Set Manually': "n8n's setting on a tool",
	'Trusted Publisher': "npm's package settings",
	Unreleased: 'the CHANGELOG section',
	Connexion: "a page of ExoConnect's manager",
	OK: "a status in Check Compatibility's report",
	'Not Found (404)': "a status in Check Compatibility's report",
	Error: "a status in Check Compatibility's report",
	'Shape Differs': "a status in Check Compatibility's report",
	"Clés d'API": "a page of ExoConnect's manager",
};

/** every label the editor shows for the nodes and the credential */
function describedNames(): Set<string> {
	const names = new Set<string>();
	const walk = (list: readonly unknown[]) => {
		for (const item of list as Array<Partial<INodeProperties> & { name?: string; values?: INodeProperties[] }>) {
			const label = item.displayName ?? item.name; // an option of a dropdown: its name is its label
			if (label) {
				names.add(label);
				names.add(label.replace(/ \([^)]*\)$/, '')); // "Late Change Window (Seconds)" is named without its unit
			}
			const matching = item.typeOptions?.resourceMapper?.matchingFieldsLabels?.title;
			if (matching) names.add(matching);
			for (const mode of item.modes ?? []) names.add(mode.displayName);
			if (item.options) walk(item.options);
			if (item.values) walk(item.values);
		}
	};
	walk(new ExoConnect().description.properties);
	walk(new ExoConnectTrigger().description.properties);
	const credential = new ExoConnectApi();
	names.add(credential.displayName);
	walk(credential.properties);
	return names;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'or', 'of', 'per', 'to', 'on', 'by', 'in', 'the', 'for', 'with', 'from']);

/** a label as the editor writes it: every word capitalised but the small ones ("Max Changes per Poll") */
export function isTitleCase(phrase: string): boolean {
	const words = phrase.split(/\s+/).map((w) => w.replace(/^[("«]+|[)"»,:]+$/g, ''));
	return words.every((w) => w === '' || SMALL_WORDS.has(w) || /^([A-ZÀ-Ý0-9]|[›/—]$)/.test(w)) && /^[A-ZÀ-Ý]/.test(words[0]);
}

/** The names one emphasised phrase stands for ("Modified After / Before" is two, a path is its steps). */
export function namesIn(phrase: string): string[] {
	const plain = phrase.replace(/\s*\((node|nœud)\)$/, '').trim();
	if (plain.includes('›')) return plain.split('›').flatMap((step) => namesIn(step.trim()));
	const pair = /^(.+) (After|From) \/ (Before|To)$/.exec(plain);
	if (pair) return [`${pair[1]} ${pair[2]}`, `${pair[1]} ${pair[3]}`];
	const choice = /^([^:]+?) ?: (.+)$/.exec(plain);
	if (choice) return [choice[1], choice[2]];
	if (plain.includes(', ')) return plain.split(/, | and /);
	return [plain];
}

/** The bold and italic phrases of a README that read as settings: Title Case, outside code, not a lead-in. */
export function emphasisedSettings(markdown: string): string[] {
	const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, 'code');
	const bold = [...text.matchAll(/\*\*([^*\n]+)\*\*/g)].map((m) => m[1]);
	const italic = [...text.replace(/\*\*[^*\n]+\*\*/g, '').matchAll(/(?<![*\w])\*([^*\s][^*\n]*?)\*(?![*\w])/g)].map((m) => m[1]);
	return [...bold, ...italic]
		.map((phrase) => phrase.trim())
		.filter((phrase) => !/[.:]$/.test(phrase) && isTitleCase(phrase.replace(/\s*\((node|nœud)\)$/, '')))
		.flatMap(namesIn)
		.map((name) => name.trim())
		.filter(isTitleCase);
}

describe('the settings the READMEs name exist in the nodes and the credential', () => {
	const known = describedNames();

	it('the descriptions give the labels the editor shows', () => {
		for (const name of ['Parallel Writes', 'Return All', 'Simplify', 'Split Long Descriptions', 'Late Change Window', 'Relay Path', 'From List', 'Get Many', 'Changed']) {
			expect(known).toContain(name);
		}
		expect(known).not.toContain('Batch Size');
	});

	it.each(READMES)('%s names only settings that exist', (file) => {
		const named = emphasisedSettings(readFileSync(join(repoRoot, file), 'utf8'));
		expect(named.length).toBeGreaterThan(40);
		const unknown = [...new Set(named.filter((name) => !known.has(name) && !(name in NOT_SETTINGS)))];
		expect(unknown).toEqual([]);
	});

	/** the advice column of the troubleshooting table */
	const advice = (file: string) => {
		const text = readFileSync(join(repoRoot, file), 'utf8');
		const start = text.search(/^## (Troubleshooting|Dépannage)$/m);
		const end = text.indexOf('\n## ', start + 1);
		return text
			.slice(start, end)
			.split('\n')
			.filter((line) => line.startsWith('| *'))
			.map((line) => line.split(' | ').slice(1).join(' | '));
	};
	const CHANGE = /\b(lower|raise|turn on|turn off|increase|reduce|set|baissez|augmentez|réduisez|activez|désactivez|réglez)\b/i;

	it.each(READMES)('%s: troubleshooting advice that changes something names the setting to change', (file) => {
		const rows = advice(file);
		expect(rows.length).toBeGreaterThanOrEqual(10);
		for (const row of rows.filter((cell) => CHANGE.test(cell))) {
			const settings = emphasisedSettings(row).filter((name) => known.has(name));
			expect({ row, settings: settings.length > 0 }).toEqual({ row, settings: true });
		}
	});

	it('the reader finds settings in bold and italics and leaves the rest', () => {
		const text =
			'Raise **Parallel Writes**; *Return All* or a *Limit*. **Matching.** lead-in, **workers** and *created* are words, ' +
			'`**Not Code**`, *Settings › On Error › Continue*, *Modified After / Before*, *Unpaid Only (node)*, ' +
			'**Fields: Use the Field Mapper**, **Customers, Credit Notes and Tax Exceptions**, lower the batch size.';
		expect(emphasisedSettings(text)).toEqual([
			'Parallel Writes',
			'Fields',
			'Use the Field Mapper',
			'Customers',
			'Credit Notes',
			'Tax Exceptions',
			'Return All',
			'Limit',
			'Settings',
			'On Error',
			'Continue',
			'Modified After',
			'Modified Before',
			'Unpaid Only',
		]);
		expect(emphasisedSettings('if it persists, lower the **Batch Size**').filter((name) => !known.has(name))).toEqual(['Batch Size']);
	});
});
