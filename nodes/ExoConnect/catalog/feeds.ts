/** Change feeds: the updates helper (§5.1) and the `…/extract` routes (§8.1), and which one a resource has. */

import type { EntityKey, ResourceDef } from './types';
import { routes } from './routes';

/**
 * A change feed: a route answering changes strictly after a keyset cursor (modified_at, id), oldest first.
 * The updates helper (§5.1) and every `…/extract` route (§8.1) are feeds; they spell the cursor differently.
 */
export interface FeedDef {
	kind: 'updates' | 'extract';
	route: string;
	/** the entity the changes belong to */
	entity: string;
	/** query names of the cursor, and field names of the answer's `next_cursor` */
	keyset: { at: string; id: string; nextAt: string; nextId: string };
	/** query parameters every page carries (the updates helper's entity) */
	fixed: Record<string, string>;
	/** the query switch that leaves full records out, where the feed has one */
	recordSwitch?: string;
}

export const feedKeysets = {
	/** §5.1 [inferred]: `since`, `cursor_id`; next_cursor {since, cursor_id} */
	updates: { at: 'since', id: 'cursor_id', nextAt: 'since', nextId: 'cursor_id' },
	/** §8.1 [doc]: `cursor_modified_at`, `cursor_card_pos`; next_cursor {modified_at, card_pos} */
	extract: { at: 'cursor_modified_at', id: 'cursor_card_pos', nextAt: 'modified_at', nextId: 'card_pos' },
} as const;

/** The updates helper's feed of one entity (contract §5.1). */
export function updatesFeed(entity: EntityKey): FeedDef {
	return {
		kind: 'updates',
		route: routes.updates,
		entity,
		keyset: feedKeysets.updates,
		fixed: { entity },
		recordSwitch: 'include_record',
	};
}

/** An `…/extract` feed (contract §8.1): full records, no switch. */
export function extractFeed(entity: string, route: string): FeedDef {
	return { kind: 'extract', route, entity, keyset: feedKeysets.extract, fixed: {} };
}

/** Where a resource's changes come from: its extract route, the updates helper, or nowhere (undefined). */
export function changeFeed(resource: ResourceDef): FeedDef | undefined {
	if (resource.extract === false) return undefined;
	return resource.extract ? extractFeed(resource.key, resource.extract) : updatesFeed(resource.key);
}
