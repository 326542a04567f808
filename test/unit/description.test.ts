import type { INodeProperties } from 'n8n-workflow';

import { resources } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { limits } from '../../nodes/ExoConnect/trigger/config';

const node = new ExoConnect();
const { properties } = node.description;

function walk(list: INodeProperties[], visit: (p: INodeProperties) => void): void {
	for (const property of list) {
		visit(property);
		for (const option of (property.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>) {
			if ('type' in option) walk([option], visit);
			if (option.values) walk(option.values, visit);
		}
	}
}

const shownFor = (resource: string, operation?: string) =>
	properties.filter((p) => {
		const show = p.displayOptions?.show ?? {};
		return (
			(show.resource as string[] | undefined)?.includes(resource) !== false &&
			(!operation || !show.operation || (show.operation as string[]).includes(operation))
		);
	});

describe('ExoConnect node description', () => {
	it('is usable as a tool, has both icons, one credential and a subtitle', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.icon).toEqual({ light: 'file:exoconnect.svg', dark: 'file:exoconnect.dark.svg' });
		expect(node.description.credentials).toEqual([{ name: 'exoConnectApi', required: true }]);
		expect(node.description.subtitle).toContain('operation');
	});

	it('offers every catalog resource plus Helper and System, in alphabetical order', () => {
		const resource = properties.find((p) => p.name === 'resource');
		const names = (resource?.options ?? []).map((o) => (o as { name: string }).name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toEqual(expect.arrayContaining([...resources.map((r) => r.displayName), 'Helper', 'System']));
		expect(names).toHaveLength(resources.length + 2);
	});

	it.each(resources.map((r) => [r.displayName, r] as const))('%s: Create, Get, Get Many and (when allowed) Create or Update and Update', (_, resource) => {
		const operation = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[])?.includes(resource.value));
		const values = (operation?.options ?? []).map((o) => (o as { value: string }).value);
		expect(values).toEqual(resource.update ? ['create', 'upsert', 'get', 'getAll', 'update'] : ['create', 'get', 'getAll']);
		const locator = shownFor(resource.value, 'get').find((p) => p.name === 'record');
		expect(locator?.type).toBe('resourceLocator');
		expect(locator?.modes?.map((m) => m.name)).toEqual(['list', 'code', 'id']);
		expect(locator?.default).toEqual({ mode: 'list', value: '' });
	});

	it('names a loadOptions or listSearch method only when the node has it', () => {
		const used = new Set<string>();
		walk(properties, (p) => {
			if (p.typeOptions?.loadOptionsMethod) used.add(`loadOptions.${p.typeOptions.loadOptionsMethod}`);
			for (const mode of p.modes ?? []) {
				if (mode.typeOptions?.searchListMethod) used.add(`listSearch.${mode.typeOptions.searchListMethod}`);
			}
		});
		expect(used.size).toBeGreaterThan(10);
		for (const ref of used) {
			const [kind, name] = ref.split('.') as ['loadOptions' | 'listSearch', string];
			expect(node.methods[kind][name]).toBeInstanceOf(Function);
		}
	});

	it('describes every boolean starting with "Whether"', () => {
		walk(properties, (p) => {
			if (p.type === 'boolean') expect(p.description).toMatch(/^Whether /);
		});
	});

	it('asks for the required create fields of every resource at the top level', () => {
		for (const resource of resources) {
			const shown = shownFor(resource.value, 'create').map((p) => p.name);
			for (const field of resource.createRequired) {
				const expected = field === 'details' ? 'linesSource' : field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
				expect(shown).toContain(expected);
			}
		}
	});
	it('offers the documented phone and email types, a Carrier sent as shipping_code, and Simplify on Get off by default', () => {
		const customerCreate = shownFor('customer', 'create');
		const optionValues: Record<string, string[]> = {};
		walk(customerCreate, (p) => {
			if (p.name === 'type' && p.type === 'options') optionValues[String(p.default)] = (p.options ?? []).map((o) => String((o as { value: string }).value));
		});
		expect(optionValues).toEqual({ main: ['main', 'fax', 'other_1', 'other_2'], primary: ['primary', 'personal', 'other'] });
		const additional = customerCreate.find((p) => p.name === 'additionalFields');
		const carrier = (additional?.options as INodeProperties[]).find((o) => o.displayName === 'Carrier Name or Code');
		expect(carrier?.name).toBe('shippingCode');
		const getOptions = shownFor('customer', 'get').find((p) => p.name === 'options' && (p.displayOptions?.show?.operation as string[]).includes('get'));
		expect(getOptions?.options).toEqual([expect.objectContaining({ name: 'simplify', type: 'boolean', default: false })]);
	});
});

describe('ExoConnect Trigger description', () => {
	const trigger = new ExoConnectTrigger();
	it('is a polling trigger without inputs and not a tool', () => {
		expect(trigger.description.polling).toBe(true);
		expect(trigger.description.inputs).toEqual([]);
		expect(trigger.description.usableAsTool).toBeUndefined();
	});

	it('defaults to Created and Updated, full records, starting now', () => {
		const byName = Object.fromEntries(trigger.description.properties.map((p) => [p.name, p.default]));
		expect(byName).toMatchObject({ events: ['created', 'updated'], includeRecord: true, startFrom: 'now' });
	});

	it('shows the limits the poll enforces: the window capped at 600 s, the same defaults', () => {
		const options = trigger.description.properties.find((p) => p.name === 'options')?.options as INodeProperties[];
		const window = options.find((o) => o.name === 'lateChangeWindow');
		const max = options.find((o) => o.name === 'maxChanges');
		expect(window).toMatchObject({ default: limits.defaultWindowSeconds, typeOptions: { minValue: 0, maxValue: limits.maxWindowSeconds } });
		expect(max).toMatchObject({ default: limits.defaultMaxChanges, typeOptions: { minValue: 1 } });
	});
});
