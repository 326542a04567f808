/**
 * Carrying out a plan: the POST or PUT, the reread after it, and the output item. With Preview nothing is
 * sent: the output says what a run would do, with the exact body it would send.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import { OptionName } from '../../descriptions';
import type { LookupBy } from '../../transport';
import { apiRequest, createRoute, recordRoute } from '../../transport';
import type { Plan } from '../planning/plan';
import { changesOf } from '../planning/plan';
import type { RunContext } from '../run/runContext';

/** Whether the item only previews its write (Options › Preview). */
export const isPreview = (options: IDataObject): boolean => options[OptionName.preview] === true;

export async function sendCreate(run: RunContext, resource: ResourceDef, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	return await apiRequest(run.ctx, { method: 'POST', route: createRoute(resource), body, resource, itemIndex }, run.api);
}

export async function sendUpdate(
	run: RunContext,
	resource: ResourceDef,
	by: LookupBy,
	key: string | number,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await apiRequest(run.ctx, { method: 'PUT', route: recordRoute(resource, by, key), body, resource, lookup: { by, key }, itemIndex }, run.api);
}

/** The reread after a write, or why it failed: the write itself succeeded, so this never throws. */
export async function rereadAfterWrite(
	run: RunContext,
	resource: ResourceDef,
	by: LookupBy,
	key: string | number,
	itemIndex: number,
): Promise<{ record: IDataObject } | { why: string }> {
	try {
		return { record: await apiRequest(run.ctx, { method: 'GET', route: recordRoute(resource, by, key), resource, lookup: { by, key }, itemIndex }, run.api) };
	} catch (error) {
		const message = (error as Error | undefined)?.message;
		return { why: typeof message === 'string' && message ? message : 'unknown error' };
	}
}

/**
 * A written item never fails: failing it after ExoConnect wrote the record would have the user run it
 * again and write the record twice. The output is then ExoConnect's own answer, with a warning.
 */
export function notReread(resource: ResourceDef, answer: IDataObject, done: 'created' | 'updated', id: unknown, why: string): IDataObject {
	const name = resource.displayName.toLowerCase();
	const which = id === undefined ? '' : ` (ID ${String(id)})`;
	return {
		...answer,
		warnings: [
			`The ${name} was ${done}${which}, but it could not be read back: ${why}. The output is ExoConnect's answer. Do not run this item again: the ${name} exists; read it later with Get.`,
		],
	};
}

/** The plan's warnings added to an output item (after any of its own). */
export function withWarnings(out: IDataObject, warnings: string[]): IDataObject {
	if (!warnings.length) return out;
	const own = Array.isArray(out.warnings) ? (out.warnings as string[]) : [];
	return { ...out, warnings: [...own, ...warnings] };
}

/** What Preview outputs for an item: the action, each field with its current and new value, the body. */
export function previewOf(resource: ResourceDef, plan: Plan, current: IDataObject | undefined, identity: IDataObject): IDataObject {
	return withWarnings(
		{
			preview: true,
			action: plan.action,
			...identity,
			id: (current?.id as number | undefined) ?? null,
			changes: changesOf(resource, plan, current) as unknown as IDataObject[],
			body: plan.body,
		},
		plan.warnings,
	);
}
