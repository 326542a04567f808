/**
 * The editor's view of the §8 resources comes from the catalog's data: the operations each route supports,
 * the lookups Get has, the documented enumerations as labelled choices sending their numbers, the filters
 * the node answers itself, and System › Get SDK Windows.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { coreResources, lookupsOf, operationsOf, resourceByKey, resources } from '../../nodes/ExoConnect/catalog';
import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { ExoConnect } from '../../nodes/ExoConnect/ExoConnect.node';

const { properties } = new ExoConnect().description;
const ledgers = resources.filter((r) => !coreResources.includes(r));
const shown = (resource: string, operation: string) =>
	properties.filter((p) => (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation));
const named = (list: INodeProperties[], name: string) => list.find((p) => p.name === name) as INodeProperties;
const optionsOf = (property: INodeProperties) => (property.options ?? []) as Array<INodePropertyOptions & INodeProperties>;

describe('§8 resources in the editor', () => {
	it('are the seven of the contract, none with Update', () => {
		expect(ledgers.map((r) => r.key)).toEqual(['customer_transactions', 'customer_payments', 'credits', 'supplier_invoices', 'supplier_payments', 'tax_exceptions', 'inventory_movements']);
		for (const r of ledgers) expect(operationsOf(r)).not.toContain('update');
	});

	it.each(ledgers.map((r) => [r.displayName, r] as const))('%s offers exactly the operations of its routes', (_, r: ResourceDef) => {
		const operation = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[])?.includes(r.value)) as INodeProperties;
		const values = optionsOf(operation).map((o) => o.value);
		expect(values).toEqual(operationsOf(r).map((op) => (op === 'getMany' ? 'getAll' : op)));
		expect(values).toContain(operation.default);
		const locator = named(shown(r.value, 'get'), 'record');
		if (!operationsOf(r).includes('get')) {
			expect(locator).toBeUndefined();
			return;
		}
		const modes = locator.modes?.map((m) => m.name);
		// none of them searches by name, so none offers From List
		expect(modes).toEqual(lookupsOf(r));
		expect(locator.default).toEqual({ mode: modes?.[0], value: '' });
	});

	it('creates only customer transactions and supplier invoices, asking for their required fields', () => {
		expect(ledgers.filter((r) => operationsOf(r).includes('create')).map((r) => r.key)).toEqual(['customer_transactions', 'supplier_invoices']);
		expect(shown('customerTransaction', 'create').map((p) => p.name)).toEqual(expect.arrayContaining(['customerCode', 'invoiceNumber', 'transactionType', 'date', 'additionalFields']));
		expect(shown('supplierInvoice', 'create').map((p) => p.name)).toEqual(expect.arrayContaining(['supplierCode', 'invoiceNumber', 'invoiceType', 'date']));
	});

	it('shows enumerations by label and sends their documented numbers', () => {
		const type = named(shown('customerTransaction', 'create'), 'transactionType');
		expect(type.type).toBe('options');
		expect(type.noDataExpression).toBeUndefined();
		expect(optionsOf(type).map((o) => [o.name, o.value, o.description])).toEqual([
			['Invoice (Facture)', 3, "Acomba's label: Facture; sent as 3"],
			['Credit (Crédit)', 2, "Acomba's label: Crédit; sent as 2"],
		]);
		const apType = named(shown('supplierInvoice', 'create'), 'invoiceType');
		expect(optionsOf(apType).map((o) => o.value)).toEqual([2, 1]);
		const paymentType = optionsOf(named(shown('supplierPayment', 'getAll'), 'filters')).find((o) => o.name === 'paymentType');
		expect(optionsOf(paymentType as INodeProperties).map((o) => [o.name, o.value])).toEqual([['Check (Chèque)', 1]]);
	});

	it('offers the questions the API cannot filter on, saying the node checks them', () => {
		for (const [resource, names] of [
			['customerTransaction', ['unpaidOnly']],
			['supplierInvoice', ['unpaidOnly']],
			['customerPayment', ['paymentDateFrom', 'paymentDateTo']],
			['supplierPayment', ['paymentDateFrom', 'paymentDateTo']],
		] as const) {
			const filters = optionsOf(named(shown(resource, 'getAll'), 'filters'));
			for (const name of names) expect(filters.find((f) => f.name === name)?.description).toMatch(/ExoConnect has no filter for this/);
		}
		// an extract gives full records: no Full Records / Simplify there
		expect(named(shown('customerPayment', 'getAll'), 'options')).toBeUndefined();
		expect(optionsOf(named(shown('customerTransaction', 'getAll'), 'options')).map((o) => o.name)).toEqual(['fullRecords']);
		expect(optionsOf(named(shown('customerPayment', 'get'), 'options')).map((o) => o.name)).toEqual(['includeLines']);
	});

	it('System offers Get SDK Windows with an optional organisation', () => {
		const system = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[])?.includes('system')) as INodeProperties;
		expect(optionsOf(system).map((o) => o.value)).toEqual(['checkCompatibility', 'getSdkWindows', 'getStatus']);
		expect(named(shown('system', 'getSdkWindows'), 'organisationId')).toMatchObject({ type: 'string', default: '' });
		expect(resourceByKey('credits')?.recordPath).toBe('/api/invoicing/transactions');
	});

	it('Helper › Get Changes offers every entity with a change feed: the extracts too, not the ledgers without one', () => {
		const entity = named(shown('helper', 'getChanges'), 'entity');
		const values = optionsOf(entity).map((o) => o.value);
		expect(values).toEqual(expect.arrayContaining(['customers', 'customer_payments', 'credits', 'supplier_invoices', 'supplier_payments', 'tax_exceptions']));
		expect(values).not.toContain('customer_transactions');
		expect(values).not.toContain('inventory_movements');
	});
});
