/** New changes: the feed walked from the cursor, each change with its event as ExoConnect names it. */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updatesLimits } from '../catalog';
import { secondsLater } from '../timestamps';
import type { Keyset, WiderRequest } from '../transport';
import { atOrBefore, helperError, isNotExoConnectData, walkFeed } from '../transport';
import type { TriggerConfig } from './config';
import { eventOf, forgetUnread, noteUnread } from './createdUnread';
import { changeItem } from './items';
import type { SeenChanges } from './seen';
import type { TriggerState } from './state';
import { cursorOf } from './state';

/** ids start at 1 and are Acomba's 32-bit card positions: nothing in the second before comes after this one */
const LAST_ID = 2_147_483_647;
/**
 * A walk whose cursor's second holds more processed changes than this first asks strictly after the cursor,
 * so that an idle poll does not read them again (with their full records) every time
 */
const PROBE_ABOVE = 10;

/**
 * §5.1 judges `created` against the request's `since` (or the whole cursor): asked from a cursor in second S,
 * a record created in S comes as `updated`. So the page after a cursor in S is asked from S − 1 s, where
 * `created` means created in S or later, and the changes already processed in S (the seen list counts them)
 * are read again and dropped. A record processed before (it is in the seen list) was not created since.
 * When S alone holds a page of processed changes, the page is asked from the cursor as it is.
 */
function askedTheSecondBefore(config: TriggerConfig, seen: SeenChanges) {
	let asked = 0;
	return (from: Keyset, size: number): WiderRequest | undefined => {
		const first = asked++ === 0;
		if (config.feed.kind !== 'updates' || from.at === undefined) return undefined;
		const done = seen.countAt(from.at);
		if (done >= updatesLimits.maxLimit) return undefined;
		const limit = Math.min(updatesLimits.maxLimit, done + size);
		return { from: { at: secondsLater(from.at, -1), id: LAST_ID }, limit, probe: first && done > PROBE_ABOVE };
	};
}

/** Walks the feed from the cursor: new changes, with their events as the server names them. */
export async function walkNew(
	ctx: IPollFunctions,
	config: TriggerConfig,
	state: TriggerState,
	seen: SeenChanges,
	fetchUntil: number,
): Promise<{ items: INodeExecutionData[]; moved: boolean }> {
	const items: INodeExecutionData[] = [];
	let processed = 0;
	let passedOver = false;
	let requests = 0;
	const query = { feed: config.feed, from: cursorOf(state), includeRecord: config.includeRecord, widen: askedTheSecondBefore(config, seen) };
	const pages = walkFeed(ctx, query, () =>
		processed < config.maxChanges && (requests === 0 || Date.now() < fetchUntil) ? config.maxChanges - processed : 0,
	);
	try {
		for await (const page of pages) {
			// a page from elsewhere fails the poll (as any first page does), even after a good one
			requests++;
			let cut = false;
			for (const [index, change] of page.changes.entries()) {
				// a server repeating the cursor's own change must not have it emitted twice
				if (atOrBefore(cursorOf(state), change.modified_at, change.id)) continue;
				if (processed >= config.maxChanges) {
					cut = true;
					noteUnread(state, seen, page.changes.slice(index));
					break;
				}
				processed++;
				const event = eventOf(state, seen, change);
				moveCursor(state, { at: change.modified_at, id: change.id });
				seen.add(change.id, change.modified_at);
				forgetUnread(state, change.id);
				if (config.events.includes(event)) items.push(changeItem({ ...change, event }));
			}
			noteUnread(state, seen, page.unread);
			// other entities' changes (a server that ignored `entity`) are passed over, never read again
			const { passed } = page;
			if (!cut && passed?.at !== undefined && !atOrBefore(cursorOf(state), passed.at, passed.id ?? 0)) {
				moveCursor(state, passed);
				passedOver = true;
			}
		}
	} catch (error) {
		// nothing fetched yet, or an answer that is not ExoConnect's (a wrong address is never passing): fail
		// the poll and leave the state as it was
		if (requests === 0 || error instanceof NodeOperationError || isNotExoConnectData(error)) throw helperError(ctx.getNode(), error);
		// later pages: emit what arrived; the next poll continues right after it
	}
	return { items, moved: processed > 0 || passedOver };
}

function moveCursor(state: TriggerState, to: Keyset): void {
	state.since = to.at;
	state.cursorId = to.id;
	state.cursorMovedAt = Date.now();
}
