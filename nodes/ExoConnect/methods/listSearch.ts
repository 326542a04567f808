/**
 * "From List" of every resource locator: searches by the start of the name (`description_prefix`), one
 * page at a time; the pagination token is the next page number. Values are codes.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { resources, searchable } from '../catalog';
import { listSearchMethod } from '../descriptions/names';
import { listPage } from '../transport';
import { optionLabel } from './loadOptions';

const SEARCH_PAGE_SIZE = 100;

function search(resource: ResourceDef) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Math.max(1, Number(paginationToken) || 1);
		const filters = filter?.trim() ? { brief: true, description_prefix: filter.trim() } : { brief: true };
		const answer = await listPage(this, resource, page, SEARCH_PAGE_SIZE, filters);
		const items = Array.isArray(answer.items) ? answer.items : [];
		const more = typeof answer.total_pages === 'number' ? page < answer.total_pages : items.length === SEARCH_PAGE_SIZE;
		return {
			results: items.map((record) => ({ name: optionLabel(record), value: String(record.code) })),
			paginationToken: more ? String(page + 1) : undefined,
		};
	};
}

export const listSearch = Object.fromEntries(
	resources.filter(searchable).map((r) => [listSearchMethod(r), search(r)]),
);
