/**
 * Every record resource × operation through n8n-core's real ExecuteContext against the sandbox over
 * HTTP: the request the sandbox received (method, path, query, body) and the items the node returned.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ResourceDef } from '../../nodes/ExoConnect/catalog';
import { coreResources } from '../../nodes/ExoConnect/catalog';
import { locator, useSandbox } from '../helpers/exo';

const exo = useSandbox();

/** Minimal valid create parameters per resource, and the body they must produce. */
function createCase(resource: ResourceDef): { parameters: INodeParameters; body: IDataObject } {
	const code = `T-${resource.value.toUpperCase()} 1/é`;
	const line = { lineType: 'product', sku: 'WIDGET-001', quantity: 2 };
	if (resource.document) {
		const party = resource.document.partyResource;
		const partyCode = party === 'customers' ? 'JACHETE' : String(exo.sandbox.store.list('suppliers')[0].code);
		const param = resource.document.partyField === 'customer_code' ? 'customerCode' : 'supplierCode';
		return {
			parameters: { [param]: locator('code', partyCode), linesSource: 'fields', lines: { line: [line] } },
			body: { [resource.document.partyField]: partyCode, details: [{ sku: 'WIDGET-001', ordered_qty: 2 }] },
		};
	}
	const extra: Record<string, { param: string; value: unknown; api?: unknown }> = {
		type: { param: 'type', value: 'expense' },
		rate_percent: { param: 'ratePercent', value: 2.5 },
		taxes: { param: 'taxes', value: ['TPS'] },
		price: { param: 'price', value: 12.5 },
		name: { param: 'name', value: 'Élise Tremblay' },
		description: { param: 'description', value: 'Créé par n8n' },
	};
	const parameters: INodeParameters = { code };
	const body: IDataObject = { code };
	for (const field of resource.createRequired.filter((f) => f !== 'code')) {
		parameters[extra[field].param] = extra[field].value as string;
		body[field] = extra[field].value as string;
	}
	return { parameters, body };
}

const nameField = (resource: ResourceDef) => resource.nameField;

describe.each(coreResources.map((r) => [r.displayName, r] as const))('%s', (_, resource) => {
	let created: IDataObject;

	it('Create sends only the given fields and returns the full record', async () => {
		const { parameters, body } = createCase(resource);
		const out = await exo.run({ resource: resource.value, operation: 'create', ...parameters });
		const [post, read] = exo.sandbox.log;
		expect(post).toMatchObject({ method: 'POST', path: resource.path, body, status: 201 });
		expect(read).toMatchObject({ method: 'GET', status: 200 });
		expect(read.path).toMatch(new RegExp(`^${resource.path}/by-id/\\d+$`));
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		created = out[0].json;
		expect(created.id).toEqual(Number(read.path.split('/').pop()));
		if (body.code) expect(created.code).toBe(body.code);
		expect(created.status).toMatchObject({ is_active: true });
	});

	it('Create with Return Full Record off returns the API answer without reading back', async () => {
		const { parameters, body } = createCase(resource);
		if (body.code) {
			parameters.code = `${String(body.code)}-raw`;
		}
		const out = await exo.run({ resource: resource.value, operation: 'create', ...parameters, options: { returnFullRecord: false } });
		expect(exo.requests()).toEqual([`POST ${resource.path}`]);
		expect(out[0].json).toEqual({ success: true, created_id: expect.any(Number) });
	});

	it('Get by code, by ID and from the list read the same record', async () => {
		const byCode = await exo.run({ resource: resource.value, operation: 'get', record: locator('code', String(created.code)) });
		const byId = await exo.run({ resource: resource.value, operation: 'get', record: locator('id', Number(created.id)) });
		const fromList = await exo.run({ resource: resource.value, operation: 'get', record: locator('list', String(created.code)) });
		expect(exo.sandbox.log.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', `${resource.path}/by-code/${encodeURIComponent(String(created.code))}`, 200],
			['GET', `${resource.path}/by-id/${String(created.id)}`, 200],
			['GET', `${resource.path}/by-code/${encodeURIComponent(String(created.code))}`, 200],
		]);
		for (const out of [byCode, byId, fromList]) {
			expect(out).toEqual([{ json: expect.objectContaining({ id: created.id, code: created.code }), pairedItem: { item: 0 } }]);
		}
	});

	it('Get Many with a limit asks for that page size and returns summaries', async () => {
		const out = await exo.run({ resource: resource.value, operation: 'getAll', returnAll: false, limit: 2 });
		expect(exo.sandbox.log).toHaveLength(1);
		expect(exo.sandbox.log[0]).toMatchObject({ method: 'GET', path: resource.path, query: { page: '1', page_size: '2', brief: 'true' } });
		expect(out).toHaveLength(2);
		out.forEach((item) => {
			expect(item.pairedItem).toEqual({ item: 0 });
			// brief products also carry their price [doc: "Lister les produits"]
			const keys = resource.key === 'products' ? ['_links', 'code', 'id', 'name', 'price', 'updated_at'] : ['_links', 'code', 'id', 'name', 'updated_at'];
			expect(Object.keys(item.json).sort()).toEqual(keys);
		});
	});

	it('Get Many with Full Records returns whole records, simplified unless asked otherwise', async () => {
		const full = await exo.run({ resource: resource.value, operation: 'getAll', limit: 1, options: { fullRecords: true, simplify: false } });
		expect(exo.sandbox.log[0].query).toMatchObject({ brief: 'false', page_size: '1' });
		expect(full[0].json).toHaveProperty('metadata');
		const simple = await exo.run({ resource: resource.value, operation: 'getAll', limit: 1, options: { fullRecords: true } });
		if (Object.keys(full[0].json).length > 10) {
			expect(simple[0].json).not.toHaveProperty('metadata');
			expect(simple[0].json).toMatchObject({ id: full[0].json.id, code: full[0].json.code, is_active: expect.any(Boolean) });
			expect(Object.keys(simple[0].json).length).toBeLessThanOrEqual(10);
		} else {
			// records with 10 fields or fewer are already simple
			expect(simple[0].json).toEqual(full[0].json);
		}
	});

	if (resource.update) {
		it('Update sends only the changed field and returns the record as it now is', async () => {
			const field = nameField(resource);
			const out = await exo.run({
				resource: resource.value,
				operation: 'update',
				record: locator('code', String(created.code)),
				updateFields: { [field]: 'Nom modifié' },
			});
			expect(exo.sandbox.log.map((r) => [r.method, r.path])).toEqual([
				['PUT', `${resource.path}/by-code/${encodeURIComponent(String(created.code))}`],
				['GET', `${resource.path}/by-id/${String(created.id)}`],
			]);
			expect(exo.sandbox.log[0].body).toEqual({ [field]: 'Nom modifié' });
			expect(out).toEqual([{ json: expect.objectContaining({ id: created.id, [field]: 'Nom modifié' }), pairedItem: { item: 0 } }]);
		});

		it('Update by ID with Return Full Record off returns the API answer', async () => {
			const out = await exo.run({
				resource: resource.value,
				operation: 'update',
				record: locator('id', Number(created.id)),
				updateFields: { [nameField(resource)]: 'Encore' },
				options: { returnFullRecord: false },
			});
			if (resource.document) {
				expect(exo.requests()).toEqual([`PUT ${resource.path}/by-id/${String(created.id)}`]);
			}
			expect(out[0].json).toEqual({ success: true, updated_id: created.id });
		});
	} else {
		it('offers no Update, and refuses one given by hand before sending anything', async () => {
			const out = await exo.run(
				{ resource: resource.value, operation: 'update', record: locator('code', String(created.code)), updateFields: { description: 'x' } },
				{ continueOnFail: true },
			);
			expect(exo.sandbox.log).toHaveLength(0);
			expect(out[0].json.error).toMatch(/cannot be updated/);
		});
	}
});
