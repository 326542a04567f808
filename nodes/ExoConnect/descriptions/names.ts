/**
 * Naming rules that tie the UI to the catalog: parameter names are the API's field names in camelCase,
 * and the editor's methods are named after the resource they list. Execution uses the same functions
 * to read the parameters back, so the two sides cannot drift apart.
 */
import type { ResourceDef } from '../catalog';

/** `customer_code` → `customerCode` */
export function paramName(apiField: string): string {
	return apiField.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `postal_code` → "Postal Code", `line1` → "Line 1": a field's or a part's words as the editor shows them. */
export function titleWords(key: string): string {
	return key
		.split('_')
		.map((w) => (w === 'line1' ? 'Line 1' : w === 'line2' ? 'Line 2' : w.charAt(0).toUpperCase() + w.slice(1)))
		.join(' ');
}

function pascal(text: string): string {
	return text.replace(/(^|\s)(\S)/g, (_, __, c: string) => c.toUpperCase()).replace(/\s+/g, '');
}

/** loadOptions method listing a resource's records: `getSalesReps` */
export function loadOptionsMethod(resource: ResourceDef): string {
	return `get${pascal(resource.pluralName)}`;
}

/** listSearch method of a resource's locators: `searchCustomers` */
export function listSearchMethod(resource: ResourceDef): string {
	return `search${pascal(resource.pluralName)}`;
}

/** "a customer", "an account": for operation actions, as n8n words them */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun.toLowerCase()}`;
}

/** Parameter holding the record a Get or Update works on. */
export const RECORD_PARAM = 'record';
