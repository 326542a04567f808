/** The trigger's parameters, read and checked once per poll: a bad value fails the poll, never polls with NaN. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FeedDef, ResourceDef } from '../catalog';
import { changeFeed, resourceByKey } from '../catalog';
import { instantInZone } from '../timestamps';
import type { ChangeEvent } from '../transport';

export type StartFrom = 'now' | 'date' | 'everything';

export interface TriggerConfig {
	resource: ResourceDef;
	feed: FeedDef;
	events: ChangeEvent[];
	includeRecord: boolean;
	startFrom: StartFrom;
	maxChanges: number;
	windowMs: number;
}

export const limits = {
	defaultMaxChanges: 500,
	defaultWindowSeconds: 60,
	/** a longer window costs every poll in it a reread of all its changes (see the README's bounds) */
	maxWindowSeconds: 600,
} as const;

/**
 * The events each kind of feed reports, and those a new trigger starts with: one table for the Events
 * parameters and the poll. An extract cannot tell a creation from an update, so its changes come as `changed`.
 */
export const feedEvents: Record<FeedDef['kind'], { valid: ChangeEvent[]; usual: ChangeEvent[] }> = {
	updates: { valid: ['created', 'updated', 'deleted'], usual: ['created', 'updated'] },
	extract: { valid: ['changed', 'deleted'], usual: ['changed', 'deleted'] },
};

const eventName = (event: string) => `${event.charAt(0).toUpperCase()}${event.slice(1)}`;

function listed(names: string[], last: string): string {
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}` : names.join('');
}

/**
 * The chosen events, all of them the feed's: both Events parameters share one name, so events chosen for
 * an entity of the other kind stay when Entity is changed, and would silently never match.
 */
function chosenEvents(ctx: IPollFunctions, resource: ResourceDef, feed: FeedDef): ChangeEvent[] {
	const { valid, usual } = feedEvents[feed.kind];
	// with the entity given as an expression no Events list is shown: the feed's usual events apply
	const chosen = ctx.getNodeParameter('events', usual) as unknown;
	const events = (Array.isArray(chosen) ? chosen : [chosen]).map(String);
	const foreign = events.filter((e) => !valid.includes(e as ChangeEvent));
	if (foreign.length > 0) {
		throw optionError(
			ctx,
			`Events ${foreign.map((e) => `"${eventName(e)}"`).join(', ')} do not apply to ${resource.pluralName.toLowerCase()}`,
			`ExoConnect reports their changes as ${listed(valid.map(eventName), 'or')}: choose among these under Events (events chosen for another entity stay when Entity is changed).`,
		);
	}
	if (events.length === 0) {
		throw optionError(ctx, 'Choose at least one event', 'Pick the changes that start the workflow under Events.');
	}
	return events as ChangeEvent[];
}

function optionError(ctx: IPollFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { description });
}

/** A whole number within bounds, or a clear error naming the option. */
function wholeNumber(ctx: IPollFunctions, value: unknown, name: string, min: number, max: number): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(number) || number < min || number > max) {
		throw optionError(
			ctx,
			`${name} must be a number from ${min} to ${max}, not "${String(value)}"`,
			`Check ${name} under the trigger's Options (an expression there must give a number).`,
		);
	}
	return Math.floor(number);
}

export function readConfig(ctx: IPollFunctions): TriggerConfig {
	const entity = ctx.getNodeParameter('entity') as string;
	const resource = resourceByKey(entity);
	const feed = resource && changeFeed(resource);
	if (!resource || !feed) {
		throw optionError(ctx, `"${entity}" is not an ExoConnect entity the trigger can watch`, 'Choose the entity again in the trigger.');
	}
	const events = chosenEvents(ctx, resource, feed);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		resource,
		feed,
		events,
		includeRecord: ctx.getNodeParameter('includeRecord', true) as boolean,
		startFrom: ctx.getNodeParameter('startFrom', 'now') as StartFrom,
		maxChanges: wholeNumber(ctx, options.maxChanges ?? limits.defaultMaxChanges, 'Max Changes per Poll', 1, 100_000),
		windowMs:
			wholeNumber(ctx, options.lateChangeWindow ?? limits.defaultWindowSeconds, 'Late Change Window (Seconds)', 0, limits.maxWindowSeconds) *
			1000,
	};
}

/** Start From A Date: the date in the workflow's time zone, with its offset. Read only to seed a cursor. */
export function readStartDate(ctx: IPollFunctions): string {
	const value = ctx.getNodeParameter('startDate', '') as unknown;
	const instant = instantInZone(value, ctx.getTimezone());
	if (!instant) {
		throw optionError(
			ctx,
			`Start Date is required when Start From is "A Date"${value ? `, and "${String(value)}" is not a date` : ''}`,
			`Pick a date, or give one such as 2026-03-01T08:00:00 (read in the workflow's time zone, ${ctx.getTimezone()}).`,
		);
	}
	return instant;
}
