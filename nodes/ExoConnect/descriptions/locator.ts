/**
 * Record pickers (resource locators): a searchable, paged From List, the code as Acomba shows it, and for
 * the record a Get or Update works on, the ExoConnect ID. Mode names stay short ("By Code", "By ID") because
 * the editor cuts longer ones; the resource is named in the placeholder and hint instead.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { lookupsOf, searchable } from '../catalog';
import { listSearchMethod } from './names';

export const LocatorMode = { list: 'list', code: 'code', id: 'id' } as const;

interface LocatorProps {
	name: string;
	displayName: string;
	displayOptions?: IDisplayOptions;
	description?: string;
}

function picker(target: ResourceDef, props: LocatorProps, allowed: string[]): INodeProperties {
	const one = target.displayName.toLowerCase();
	const property: INodeProperties = {
		...props,
		type: 'resourceLocator',
		default: { mode: allowed[0], value: '' },
		modes: [
			{
				displayName: 'From List',
				name: LocatorMode.list,
				type: 'list',
				placeholder: `Choose a ${one}…`,
				typeOptions: { searchListMethod: listSearchMethod(target), searchable: true },
			},
			{
				displayName: 'By Code',
				name: LocatorMode.code,
				type: 'string',
				placeholder: `${target.codeLabel}, as shown in Acomba`,
				hint: `The ${one}'s ${target.codeLabel.toLowerCase()}, exactly as Acomba stores it`,
			},
			{
				displayName: 'By ID',
				name: LocatorMode.id,
				type: 'string',
				placeholder: `ExoConnect ID of the ${one}, e.g. 1234`,
				hint: 'The internal number ExoConnect gives each record (Acomba CardPos)',
				validation: [
					{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'The ID is a whole number' } },
				],
			},
		],
	};
	property.modes = property.modes?.filter((mode) => allowed.includes(mode.name));
	return property;
}

/**
 * The record a Get or Update works on, or a document's customer/supplier: From List, By Code, By ID, as far
 * as its routes go (a ledger may only be read by ID; From List gives codes found by name, so it needs both).
 */
export function recordLocator(target: ResourceDef, props: LocatorProps): INodeProperties {
	const lookups: string[] = lookupsOf(target);
	const allowed = lookups.includes(LocatorMode.code) && searchable(target) ? [LocatorMode.list, ...lookups] : lookups;
	return { ...picker(target, props, allowed), required: true };
}

/**
 * A field holding the code of a related record (a line's product, a filter's customer…): From List or By
 * Code, the value is always the code. Optional, so an empty picker is no issue in the editor.
 */
export function codeLocator(target: ResourceDef, props: LocatorProps): INodeProperties {
	return picker(target, props, [LocatorMode.list, LocatorMode.code]);
}
