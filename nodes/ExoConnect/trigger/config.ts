/** The trigger's parameters, read and checked once per poll: a bad value fails the poll, never polls with NaN. */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FeedDef, ResourceDef } from '../catalog';
import { changeFeed, resourceByKey } from '../catalog';
import { instantInZone } from '../timestamps';
import { decimalFromText } from '../userInput';
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

const knownEvents: ChangeEvent[] = ['created', 'updated', 'deleted', 'changed'];

function optionError(ctx: IPollFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { description });
}

/** A whole number within bounds, or a clear error naming the option. */
function wholeNumber(ctx: IPollFunctions, value: unknown, name: string, min: number, max: number): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' ? (decimalFromText(value) ?? NaN) : NaN;
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
	// with the entity given as an expression no Events list is shown: the feed's usual events apply
	const usual: ChangeEvent[] = feed.kind === 'extract' ? ['changed', 'deleted'] : ['created', 'updated'];
	const chosen = ctx.getNodeParameter('events', usual) as unknown;
	const events = (Array.isArray(chosen) ? chosen : [chosen]).filter((e): e is ChangeEvent => knownEvents.includes(e as ChangeEvent));
	if (events.length === 0) {
		throw optionError(ctx, 'Choose at least one event', 'Pick the changes that start the workflow under Events.');
	}
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
