/**
 * "From List" of every record picker. Without a search text: the records one page at a time. With one:
 * records whose code or name contains every word typed, anywhere, ignoring case and accents ("jachete"
 * finds JACHETE, "belanger" finds Bélanger). The API only filters by the start of the name
 * (`description_prefix`), so that answer comes first when it is complete, and the list is then read page by
 * page and filtered here; the pagination token says where the next read starts, so the editor asks for
 * more as the user scrolls.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { listLimits, resources, searchable } from '../catalog';
import { listSearchMethod } from '../descriptions/names';
import type { ListPage } from '../transport';
import { listPage } from '../transport';
import { optionLabel } from './loadOptions';

/** records shown per page while browsing */
const BROWSE_PAGE_SIZE = 100;
/** a search answer stops reading once it has this many matches… */
const ENOUGH_MATCHES = 30;
/** …or after reading this many pages (of the API's largest size); scrolling reads on */
const PAGES_PER_ANSWER = 4;

/** Lower case without accents: "Jachète" → "jachete". */
export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Whether every word of the search is in the record's code or name. */
export function matches(words: string[], record: IDataObject): boolean {
	const haystack = fold(`${String(record.code ?? '')} ${String(record.name ?? record.description ?? '')}`);
	return words.every((word) => haystack.includes(word));
}

/** Where a search goes on: the next page to read, and the codes already shown from the prefix answer. */
interface SearchState {
	page: number;
	shown: string[];
}

function readToken(token: string | undefined): SearchState {
	try {
		const state = JSON.parse(token ?? '') as Partial<SearchState>;
		return { page: Math.max(1, Number(state.page) || 1), shown: Array.isArray(state.shown) ? state.shown.map(String) : [] };
	} catch {
		return { page: 1, shown: [] };
	}
}

const itemsOf = (answer: ListPage): IDataObject[] => (Array.isArray(answer.items) ? answer.items : []);
const hasMore = (answer: ListPage, page: number, size: number) =>
	typeof answer.total_pages === 'number' ? page < answer.total_pages : itemsOf(answer).length === size;
const toResult = (record: IDataObject): INodeListSearchItems => ({ name: optionLabel(record), value: String(record.code) });

async function browse(ctx: ILoadOptionsFunctions, resource: ResourceDef, token?: string): Promise<INodeListSearchResult> {
	const page = Math.max(1, Number(token) || 1);
	const answer = await listPage(ctx, resource, page, BROWSE_PAGE_SIZE, { brief: true });
	return {
		results: itemsOf(answer).map(toResult),
		paginationToken: hasMore(answer, page, BROWSE_PAGE_SIZE) ? String(page + 1) : undefined,
	};
}

/**
 * The API's own name-prefix filter: one small request, used when its answer is complete. Each name is
 * checked here too: a server that ignored the filter would otherwise offer every record as a match.
 */
async function prefixMatches(ctx: ILoadOptionsFunctions, resource: ResourceDef, text: string): Promise<IDataObject[]> {
	const answer = await listPage(ctx, resource, 1, BROWSE_PAGE_SIZE, { brief: true, description_prefix: text });
	const prefix = fold(text);
	return hasMore(answer, 1, BROWSE_PAGE_SIZE) ? [] : itemsOf(answer).filter((r) => fold(String(r.name ?? r.description ?? '')).startsWith(prefix));
}

async function search(
	ctx: ILoadOptionsFunctions,
	resource: ResourceDef,
	text: string,
	token?: string,
): Promise<INodeListSearchResult> {
	const words = fold(text).split(/\s+/).filter(Boolean);
	const state = readToken(token);
	const found: IDataObject[] = token === undefined ? await prefixMatches(ctx, resource, text) : [];
	const shown = new Set([...state.shown, ...found.map((r) => String(r.code))]);
	let page = state.page;
	for (let read = 0; read < PAGES_PER_ANSWER && found.length < ENOUGH_MATCHES; read++, page++) {
		const answer = await listPage(ctx, resource, page, listLimits.maxPageSize, { brief: true });
		found.push(...itemsOf(answer).filter((r) => matches(words, r) && !shown.has(String(r.code))));
		if (!hasMore(answer, page, listLimits.maxPageSize)) {
			return { results: found.map(toResult) };
		}
	}
	return {
		results: found.map(toResult),
		paginationToken: JSON.stringify({ page, shown: [...shown].slice(0, BROWSE_PAGE_SIZE) }),
	};
}

function searchMethod(resource: ResourceDef) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const text = filter?.trim() ?? '';
		return text ? await search(this, resource, text, paginationToken) : await browse(this, resource, paginationToken);
	};
}

export const listSearch = Object.fromEntries(resources.filter(searchable).map((r) => [listSearchMethod(r), searchMethod(r)]));
