/**
 * One catalog field → one n8n parameter. A related record becomes a record picker (searchable list or code),
 * a list of related codes a dropdown fed by the resource's loadOptions method (an expression can still give
 * any code); structured fields become fixed collections.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { FieldDef } from '../catalog';
import { resourceByKey, subFields } from '../catalog';
import { codeLocator } from './locator';
import { loadOptionsMethod, paramName, titleWords } from './names';

const CODE_HINT =
	'Choose from the list, or specify a code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A dropdown's description, ending with how to give a code by expression. */
export function withCodeHint(text?: string): string {
	return text ? `${text}. ${CODE_HINT}.` : `${CODE_HINT}.`;
}

function subProperty(key: string): INodeProperties {
	return { displayName: titleWords(key), name: paramName(key), type: 'string', default: '' };
}

const choice = (value: string) => ({ name: titleWords(value), value });

/** The n8n parameter of a field; `name` defaults to the camelCase API name. */
export function fieldProperty(field: FieldDef, overrides: Partial<INodeProperties> = {}): INodeProperties {
	const base = { name: paramName(field.name), description: field.description };
	const related = field.relation ? resourceByKey(field.relation) : undefined;
	let property: INodeProperties;
	switch (field.kind) {
		case 'string':
			property = related
				? codeLocator(related, { ...base, displayName: field.displayName })
				: { ...base, displayName: field.displayName, type: 'string', default: '' };
			break;
		case 'comment':
			property = { ...base, displayName: field.displayName, type: 'string', typeOptions: { rows: 3 }, default: '' };
			break;
		case 'number':
			property = { ...base, displayName: field.displayName, type: 'number', default: 0 };
			break;
		case 'integer':
			property = {
				...base,
				displayName: field.displayName,
				type: 'number',
				typeOptions: { numberPrecision: 0 },
				default: 0,
			};
			break;
		case 'boolean':
			property = {
				...base,
				displayName: field.displayName,
				type: 'boolean',
				default: true,
				description: field.description ?? `Whether ${field.displayName.toLowerCase()}`,
			};
			break;
		case 'date':
		case 'dateTime':
			property = { ...base, displayName: field.displayName, type: 'dateTime', default: '' };
			break;
		case 'options':
			property = {
				...base,
				displayName: field.displayName,
				type: 'options',
				options: [...(field.choices ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
				default: field.choices?.[0]?.value ?? '',
			};
			break;
		case 'codeList':
			property = {
				...base,
				displayName: `${field.displayName} Names or Codes`,
				type: 'multiOptions',
				typeOptions: related ? { loadOptionsMethod: loadOptionsMethod(related) } : undefined,
				default: [],
				description: withCodeHint(field.description),
			};
			break;
		case 'address':
		case 'shippingAddress': {
			const keys = field.kind === 'address' ? subFields.address : subFields.shippingAddress;
			property = {
				...base,
				displayName: field.displayName,
				type: 'fixedCollection',
				placeholder: `Add ${field.displayName}`,
				default: {},
				options: [{ displayName: field.displayName, name: 'value', values: keys.map(subProperty) }],
			};
			break;
		}
		case 'phones':
			property = {
				...base,
				displayName: field.displayName,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Phone',
				default: {},
				options: [
					{
						displayName: 'Phone',
						name: 'value',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: subFields.phoneTypes.map(choice),
								default: 'main',
							},
							{ displayName: 'Number', name: 'number', type: 'string', default: '' },
							{ displayName: 'Extension', name: 'extension', type: 'string', default: '' },
							{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'What the number is for, such as "Shipping desk"' },
						],
					},
				],
			};
			break;
		case 'emails':
			property = {
				...base,
				displayName: field.displayName,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Email',
				default: {},
				options: [
					{
						displayName: 'Email',
						name: 'value',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: subFields.emailTypes.map(choice),
								default: 'primary',
							},
							{
								displayName: 'Address',
								name: 'address',
								type: 'string',
								placeholder: 'name@email.com',
								default: '',
							},
						],
					},
				],
			};
			break;
		case 'enumeration':
			property = {
				...base,
				displayName: field.displayName,
				type: 'options',
				options: (field.enumeration ?? []).map((e) => ({ name: `${e.name} (${e.label})`, value: e.id, description: `Acomba's label: ${e.label}; sent as ${e.id}` })),
				default: field.enumeration?.[0]?.id ?? '',
				description: `${field.description ? `${field.description}. ` : ''}ExoConnect takes the value's number; an expression can give another documented number`,
			};
			break;
		case 'object':
		case 'objectList':
			property = { ...base, displayName: field.displayName, type: 'json', default: field.kind === 'object' ? '{}' : '[]' };
			break;
		case 'lines':
			throw new Error('document lines have their own parameters (descriptions/lineProperties.ts)');
	}
	return { ...property, ...overrides } as INodeProperties;
}
