import type { INodeProperties, INodeType } from 'n8n-workflow';

import { coreResources, resources } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';
import { ExoConnectTrigger } from '../../nodes/ExoConnect/ExoConnectTrigger.node';
import { limits } from '../../nodes/ExoConnect/trigger/config';
import { subtitleOf } from '../helpers/subtitle';

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
		expect(node.description.credentials).toEqual([{ name: 'exoConnectApi', required: true, testedBy: 'exoConnectApiTest' }]);
		expect(node.description.subtitle).toContain('operation');
	});

	it.each([
		[{ resource: 'product', operation: 'getAll' }, 'Get Many: Products'],
		[{ resource: 'quote', operation: 'create' }, 'Create: Quote'],
		[{ resource: 'salesOrder', operation: 'update' }, 'Update: Sales Order'],
		[{ resource: 'helper', operation: 'getChanges' }, 'Get Changes'],
		[{ resource: 'system', operation: 'getStatus' }, 'Get Status'],
	])('subtitle of %j reads "%s"', (parameters, expected) => {
		expect(subtitleOf(node, parameters)).toBe(expected);
	});

	it('offers every catalog resource plus Helper and System, in alphabetical order', () => {
		const resource = properties.find((p) => p.name === 'resource');
		const names = (resource?.options ?? []).map((o) => (o as { name: string }).name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(names).toEqual(expect.arrayContaining([...resources.map((r) => r.displayName), 'Helper', 'System']));
		expect(names).toHaveLength(resources.length + 2);
	});

	it.each(coreResources.map((r) => [r.displayName, r] as const))('%s: Create, Get, Get Many and (when allowed) Create or Update and Update', (_, resource) => {
		const operation = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[])?.includes(resource.value));
		const values = (operation?.options ?? []).map((o) => (o as { value: string }).value);
		expect(values).toEqual(resource.update ? ['create', 'upsert', 'get', 'getAll', 'update'] : ['create', 'get', 'getAll']);
		const locator = shownFor(resource.value, 'get').find((p) => p.name === 'record');
		expect(locator?.type).toBe('resourceLocator');
		expect(locator?.modes?.map((m) => m.name)).toEqual(['list', 'code', 'id']);
		// short mode names: the editor cuts anything longer; the resource is named in the placeholder
		expect(locator?.modes?.map((m) => m.displayName)).toEqual(['From List', 'By Code', 'By ID']);
		expect(locator?.modes?.[1].placeholder).toContain(resource.codeLabel);
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
		const carrier = (additional?.options as INodeProperties[]).find((o) => o.name === 'shippingCode');
		expect(carrier?.displayName).toBe('Carrier');
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

	it('subtitle names the entity and the events', () => {
		expect(subtitleOf(trigger, { entity: 'sales_orders', events: ['created', 'updated'] })).toBe('Sales Orders: Created, Updated');
		// the extract feeds' events are named as the editor lists them too, not by their values
		expect(subtitleOf(trigger, { entity: 'customer_payments', events: ['changed', 'deleted'] })).toBe('Customer Payments: Changed, Deleted');
	});

	it('offers every catalog entity with a change feed by its plural name even without a credential or an answer', async () => {
		const failing = { getCredentials: async () => await Promise.reject(new Error('Node does not have any credentials set')) };
		const options = await trigger.methods.loadOptions.getEntities.call(failing as never);
		// the ledgers without a feed (customer transactions, inventory movements) cannot be watched
		const watchable = resources.filter((r) => !['customer_transactions', 'inventory_movements'].includes(r.key));
		expect(options.map((o) => o.value).sort()).toEqual(watchable.map((r) => r.key).sort());
		expect(options.find((o) => o.value === 'customer_payments')?.name).toBe('Customer Payments');
		expect(options.find((o) => o.value === 'sales_orders')?.name).toBe('Sales Orders');
	});

	it('defaults to Created and Updated, full records, starting now', () => {
		const byName = Object.fromEntries(trigger.description.properties.map((p) => [p.name, p.default]));
		expect(byName).toMatchObject({ includeRecord: true, startFrom: 'now' });
		const events = trigger.description.properties.filter((p) => p.name === 'events');
		// the updates helper's entities (customers by default) get Created and Updated; extracts Changed and Deleted
		const forCustomers = events.find((p) => (p.displayOptions?.show?.entity as string[]).includes('customers'));
		expect(forCustomers?.default).toEqual(['created', 'updated']);
		expect(events.filter((p) => p !== forCustomers).map((p) => p.default)).toEqual([['changed', 'deleted']]);
	});

	it('shows the limits the poll enforces: the window capped at 600 s, the same defaults', () => {
		const options = trigger.description.properties.find((p) => p.name === 'options')?.options as INodeProperties[];
		const window = options.find((o) => o.name === 'lateChangeWindow');
		const max = options.find((o) => o.name === 'maxChanges');
		expect(window).toMatchObject({ default: limits.defaultWindowSeconds, typeOptions: { minValue: 0, maxValue: limits.maxWindowSeconds } });
		expect(max).toMatchObject({ default: limits.defaultMaxChanges, typeOptions: { minValue: 1 } });
	});
});

describe('no parameter shows an issue in its default state', () => {
	const trigger = new ExoConnectTrigger();
	/** every parameter of both nodes, nested ones (collections, fixed collections) included */
	const everyParameter = (): Array<[string, INodeProperties, INodeType]> => {
		const found: Array<[string, INodeProperties, INodeType]> = [];
		for (const nodeType of [node, trigger] as INodeType[]) {
			walk(nodeType.description.properties, (p) => found.push([`${nodeType.description.name}.${p.name}`, p, nodeType]));
		}
		return found;
	};
	const values = (p: INodeProperties) => ((p.options ?? []) as Array<{ value?: unknown }>).map((o) => o.value);
	const choices = everyParameter().filter(([, p]) => p.type === 'options' || p.type === 'multiOptions');

	it('audits a real number of dropdowns', () => {
		expect(choices.length).toBeGreaterThan(30);
	});

	it.each(choices.map(([label, p, nodeType]) => [label, p, nodeType] as const))(
		'%s: the default is one of the choices the editor offers',
		async (_, property, nodeType) => {
			const method = property.typeOptions?.loadOptionsMethod;
			const defaults = property.type === 'multiOptions' ? (property.default as unknown[]) : [property.default];
			if (defaults.length === 0) return; // nothing chosen: nothing to flag
			// a loaded dropdown offers what its method answers; without a credential ours must still answer
			const offered = method
				? (await nodeType.methods!.loadOptions![method].call({ getCredentials: async () => await Promise.reject(new Error('no credential')) } as never)).map((o) => o.value)
				: values(property);
			for (const value of defaults) expect(offered).toContain(value);
		},
	);

	it('optional record pickers start empty; only required ones ask for a value', () => {
		const pickers = everyParameter().filter(([, p]) => p.type === 'resourceLocator');
		expect(pickers.length).toBeGreaterThan(20);
		// the first mode a picker offers: From List wherever the record can be searched by name and read by code
		for (const [, picker] of pickers) expect(picker.default).toEqual({ mode: picker.modes?.[0].name, value: '' });
		const searchablePickers = pickers.filter(([, p]) => p.modes?.some((m) => m.name === 'list'));
		for (const [, picker] of searchablePickers) expect(picker.modes?.[0].name).toBe('list');
		const lineProduct = pickers.find(([label]) => label === 'exoConnect.sku')?.[1];
		expect(lineProduct?.modes?.map((m) => m.typeOptions?.searchListMethod ?? m.name)).toEqual(['searchProducts', 'code']);
	});
});

describe('codex files (nodes panel categories and links)', () => {
	it.each([
		['ExoConnect.node.json', 'n8n-nodes-exoconnect.exoConnect'],
		['ExoConnectTrigger.node.json', 'n8n-nodes-exoconnect.exoConnectTrigger'],
	])('%s names its node, its categories and https documentation', (file, nodeName) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the codex is plain JSON next to the node
		const codex = require(`../../nodes/ExoConnect/${file}`) as { node: string; categories: string[]; resources: Record<string, Array<{ url: string }>> };
		expect(codex.node).toBe(nodeName);
		expect(codex.categories).toEqual(['Finance & Accounting', 'Sales']);
		for (const links of Object.values(codex.resources)) for (const link of links) expect(link.url).toMatch(/^https:\/\//);
	});
});
