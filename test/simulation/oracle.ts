/**
 * The oracle, checked after every history (README, "What the simulation proves"):
 * 1. no (record, modified_at) is emitted twice by one cursor (epoch);
 * 2. every emission is a change the record really had at that time, `deleted` exactly when it was a deletion;
 * 3. `created` only for a record created after the start, at most once; a record created after the start and
 *    not deleted since is emitted `created` once when Created was selected all along;
 * 4. every record whose last change happened after the start has that last change emitted, when its event
 *    was selected all along, unless it is a documented miss (below);
 * 5. events not selected are never emitted;
 * 6. static data stays within the README's bound;
 * 7. a failure is never silent: a poll that met a 200 HTML answer on a feed fails with a message, the
 *    catch-up polls (no fault) succeed, and the trigger ends quiet.
 * Documented misses (counted, never silent): a change committed later than the smallest Late Change Window
 * in effect after it (with a window of 0: committed behind a position a feed had already shown); a record
 * changed again within the second in which the trigger already read it (both changes carry the same
 * (modified_at, id), the second cannot be told from the first); a record created in a second that already
 * holds 500 processed changes, named updated by a server judging created against `since` alone; a record
 * created and changed again in a later second before any feed showed its creation (it is read only at that
 * later change, which §5.1 names updated: the feed carries no creation time).
 */
import type { ModelRecord, Version } from '../model';
import { MAX_CREATED_UNREAD } from '../../nodes/ExoConnect/trigger/createdUnread';
import { RecordStore } from '../model';
import type { Emission, Epoch, PollLog } from './host';
import type { Simulation } from './simulation';

export interface Violation {
	rule: string;
	detail: string;
}

export interface Verdict {
	violations: Violation[];
	/** changes the README says may be missed, by reason */
	misses: Record<string, number>;
	/** catch-ups refused with a message naming the Events (an Events value of another feed) */
	refusals: number;
	emissions: number;
	polls: number;
}

const second = (ms: number) => Math.floor(ms / 1000) * 1000;
const keyOf = (entity: string, id: number, at: number) => `${entity}/${id}@${second(at)}`;

/** Whether a poll with these Events may emit this event (created/updated ↔ changed mapped across feeds). */
export function allowed(event: string, events: string[], feed: 'updates' | 'extract'): boolean {
	if (events.includes(event)) return true;
	if (feed === 'extract' && event === 'changed') return events.includes('created') || events.includes('updated');
	if (feed === 'updates' && (event === 'created' || event === 'updated')) return events.includes('changed');
	return false;
}

/** Whether a poll's Events promise the record's changes that are not deletions. */
function promisesChanges(events: string[], feed: 'updates' | 'extract'): boolean {
	return feed === 'extract' ? ['changed', 'created', 'updated'].some((e) => events.includes(e)) : (events.includes('created') && events.includes('updated')) || events.includes('changed');
}

/**
 * README bound: 4 KB plus 24 bytes per change stamped in the 11 minutes before the poll, plus 12 bytes per
 * record owed a `created` (at most 1,000).
 */
export function staticBound(store: RecordStore, entity: string, at: number, createdUnread = 0): number {
	let changes = 0;
	for (const record of store.all(entity)) for (const v of record.versions) if (v.modifiedAt >= at - 660_000 && v.modifiedAt <= at + 60_000) changes++;
	return 4096 + 24 * changes + 12 * createdUnread;
}

const isRefusal = (error: string | undefined) => error !== undefined && /events?/i.test(error) && !/\b(5\d\d|429|timed? ?out|html|redirect)\b/i.test(error);

export function judge(sim: Simulation): Verdict {
	const { host, store } = sim;
	const violations: Violation[] = [];
	const misses: Record<string, number> = {};
	const miss = (reason: string) => (misses[reason] = (misses[reason] ?? 0) + 1);
	const pollOf = new Map(host.polls.map((p) => [p.no, p]));
	const say = (rule: string, detail: string) => violations.length < 20 && violations.push({ rule, detail });

	// 1, 2, 3 (the part on emissions), 5
	const seen = new Map<string, Emission>();
	const createdOnce = new Map<string, Emission>();
	for (const e of host.emissions) {
		const poll = pollOf.get(e.poll) as PollLog;
		const epoch = host.epochs[e.epoch - 1] as Epoch | undefined;
		const where = `poll ${e.poll} (epoch ${e.epoch})`;
		const key = `${e.epoch}:${keyOf(e.entity, e.id, e.modifiedAt)}`;
		const earlier = seen.get(key);
		if (earlier) say('duplicate', `${e.entity} ${e.id} at ${e.modified_at} emitted twice: ${earlier.event} in poll ${earlier.poll}, ${e.event} in poll ${e.poll}`);
		seen.set(key, e);
		const record = store.record(e.entity, e.id);
		const versions = record?.versions.filter((v) => second(v.modifiedAt) === second(e.modifiedAt)) ?? [];
		if (!record || versions.length === 0) say('phantom', `${where}: ${e.event} ${e.entity} ${e.id} at ${e.modified_at}, a time the record never had`);
		else if (!versions.some((v) => v.deleted === (e.event === 'deleted'))) {
			say('wrong-deleted', `${where}: ${e.event} ${e.entity} ${e.id} at ${e.modified_at}, but that change ${e.event === 'deleted' ? 'was not' : 'was'} a deletion`);
		}
		if (!allowed(e.event, poll.events, poll.feed)) say('unselected-event', `${where}: ${e.event} ${e.entity} ${e.id} emitted with Events = [${poll.events.join(', ')}]`);
		if (e.event === 'created' && record) {
			if (epoch && record.createdAt < second(epoch.startMs)) say('created-before-start', `${where}: ${e.entity} ${e.id} created at ${new Date(record.createdAt).toISOString()} emitted created, the start is ${new Date(epoch.startMs).toISOString()}`);
			const once = `${e.epoch}:${e.entity}/${e.id}`;
			const first = createdOnce.get(once);
			if (first) say('created-twice', `${e.entity} ${e.id} emitted created in poll ${first.poll} and again in poll ${e.poll}`);
			createdOnce.set(once, e);
		}
	}

	// 6, 7 (per poll)
	for (const poll of host.polls) {
		const bound = staticBound(store, poll.entity, poll.startedAt, poll.createdUnread);
		if ((poll.createdUnread ?? 0) > MAX_CREATED_UNREAD) say('static-data-bound', `poll ${poll.no}: ${poll.createdUnread} records kept as owed a created, the bound is ${MAX_CREATED_UNREAD}`);
		if (poll.staticBytes !== undefined && poll.staticBytes > bound) say('static-data-bound', `poll ${poll.no}: ${poll.staticBytes} bytes of static data, the bound is ${bound}`);
		const htmlOnFeed = poll.faults.some((f) => f.fault.kind === 'html' && f.kind === 'feed');
		if (htmlOnFeed && !poll.killed && poll.error === undefined) say('silent-html', `poll ${poll.no}: a feed answered a 200 HTML page and the poll did not fail`);
	}

	// 4 and 3 (what must have been emitted), on the cursor the catch-up ran on
	const drain = sim.drainPolls.map((no) => pollOf.get(no) as PollLog);
	const last = drain.at(-1);
	const refused = drain.length > 0 && drain.every((p) => isRefusal(p.error));
	if (refused) return { violations, misses, refusals: 1, emissions: host.emissions.length, polls: host.polls.length };
	const drainErrors = drain.filter((p) => p.error !== undefined);
	if (last?.error !== undefined || drainErrors.length > 3) {
		say('catch-up-fails', `${drainErrors.length} of the ${drain.length} catch-up polls failed (no transient fault is injected there), the last: ${String(drainErrors.at(-1)?.error)}`);
	} else if (last && last.emitted > 0) say('never-quiet', `the trigger still emitted after ${drain.length} catch-up polls`);
	const epoch = host.currentEpoch();
	if (!epoch || epoch.entity !== sim.options.entity) {
		say('no-cursor', `no cursor for ${sim.options.entity} after the catch-up (last error: ${String(last?.error)})`);
		return { violations, misses, refusals: 0, emissions: host.emissions.length, polls: host.polls.length };
	}
	const epochPolls = epoch.polls.map((no) => pollOf.get(no) as PollLog);
	const everyPoll = (test: (p: PollLog) => boolean, from = Number.NEGATIVE_INFINITY) => epochPolls.filter((p) => p.startedAt >= from).every(test);
	const emitted = new Map<string, Emission[]>();
	for (const e of host.emissions) if (e.epoch === epoch.no) emitted.set(keyOf(e.entity, e.id, e.modifiedAt), [...(emitted.get(keyOf(e.entity, e.id, e.modifiedAt)) ?? []), e]);
	const smallestWindowS = (from: number) => Math.min(...epochPolls.filter((p) => p.startedAt >= from).map((p) => p.windowS));
	const promised = (v: Version) => v.modifiedAt >= epoch.startMs && (epoch.startFrom !== 'now' || v.committedAt > epoch.seededAt);

	for (const record of store.all(epoch.entity)) {
		const final = RecordStore.finalVersion(record);
		if (!promised(final)) continue;
		checkLastChange(record, final);
		checkCreated(record);
	}

	/**
	 * Late beyond the window: committed more than the smallest window after the time it carries, or, with a
	 * window of 0, committed behind a position a feed had already shown (a lower id in a second already read).
	 */
	function lateBeyondWindow(record: ModelRecord, v: Version): boolean {
		const windowMs = smallestWindowS(v.modifiedAt) * 1000;
		if (v.committedAt - v.modifiedAt > windowMs) return true;
		if (windowMs > 0) return false;
		for (const [key, shown] of sim.exo.shown) {
			const [entity, rest] = key.split('/');
			const [id, at] = rest.split('@').map(Number);
			if (entity === record.entity && shown.writes < v.seq && (at > second(v.modifiedAt) || (at === second(v.modifiedAt) && id >= record.id))) return true;
		}
		return false;
	}

	function checkLastChange(record: ModelRecord, final: Version): void {
		const selected = final.deleted ? everyPoll((p) => p.events.includes('deleted'), final.modifiedAt) : everyPoll((p) => promisesChanges(p.events, p.feed), final.modifiedAt);
		if (!selected) return;
		const found = emitted.get(keyOf(record.entity, record.id, final.modifiedAt)) ?? [];
		if (found.some((e) => (e.event === 'deleted') === final.deleted)) return;
		const shown = sim.exo.shown.get(keyOf(record.entity, record.id, final.modifiedAt));
		if (found.length > 0 || (shown && shown.writes < final.seq)) return void miss('changed again in a second already read');
		if (lateBeyondWindow(record, final)) return void miss('committed later than the window');
		say('missed-change', `${record.entity} ${record.id}: its last change (${final.deleted ? 'deleted' : 'changed'} at ${new Date(final.modifiedAt).toISOString()}, committed ${(final.committedAt - final.modifiedAt) / 1000} s late) was never emitted`);
	}

	function crowdedSecond(record: ModelRecord, v: Version): boolean {
		let before = 0;
		for (const other of store.all(record.entity)) if (other.id < record.id && other.versions.some((o) => second(o.modifiedAt) === second(v.modifiedAt))) before++;
		return before >= 500;
	}

	function checkCreated(record: ModelRecord): void {
		if (epoch?.feed !== 'updates' || RecordStore.finalVersion(record).deleted) return;
		const creation = record.versions[0];
		// a record created before activation may have changed again before the walk reached it: the feed then
		// shows only that later change, so its creation is promised only from activation on
		if (!promised(creation) || creation.modifiedAt < second(epoch.seededAt) || creation.committedAt <= epoch.seededAt) return;
		if (!everyPoll((p) => p.events.includes('created') || p.events.includes('changed'), creation.modifiedAt)) return;
		const created = host.emissions.filter((e) => e.epoch === epoch.no && e.entity === record.entity && e.id === record.id && e.event === 'created');
		if (created.length === 1) return;
		if (lateBeyondWindow(record, creation)) return void miss('created later than the window');
		// README: once the cursor's second holds 500 processed changes the walk asks from the cursor itself, and
		// a server judging created against the time alone names that second's later new records updated
		if (created.length === 0 && sim.setup.readings.created === 'since' && crowdedSecond(record, creation)) return void miss('created in a second after 500 others (since reading)');
		// README: changed again in a later second before any feed showed its creation, the record is read only
		// at that later change, with a cursor past its creation time; §5.1 judges created against the request's
		// since and the feed carries no creation time, so no request at the cursor can name it created. A
		// creation some feed did show and the trigger did not emit created stays a violation.
		const overtaken = record.versions.some((v) => second(v.modifiedAt) > second(creation.modifiedAt));
		if (created.length === 0 && overtaken && !sim.exo.shown.has(keyOf(record.entity, record.id, creation.modifiedAt))) {
			return void miss('created, then changed in a later second before any feed showed it');
		}
		if (created.length === 0 && overtaken) {
			// a feed showed the creation (named created, or past what a poll processed) and the record changed
			// again: the trigger must still name it created (trigger/createdUnread.ts)
			say('created-overtaken', `${record.entity} ${record.id}, created at ${new Date(record.createdAt).toISOString()} after the start, shown by a feed, changed again in a later second, was never emitted created (came as: ${host.emissions.filter((e) => e.epoch === epoch.no && e.entity === record.entity && e.id === record.id).map((e) => `${e.event} ${e.modified_at}`).join(', ') || 'nothing'})`);
			return;
		}
		if (created.length === 0) {
			const labels = host.emissions.filter((e) => e.epoch === epoch.no && e.entity === record.entity && e.id === record.id).map((e) => `${e.event} (poll ${e.poll})`);
			say('created-missing', `${record.entity} ${record.id}, created at ${new Date(record.createdAt).toISOString()} after the start, was never emitted created; it came as: ${labels.join(', ') || 'nothing'}`);
		}
	}

	return { violations, misses, refusals: 0, emissions: host.emissions.length, polls: host.polls.length };
}
