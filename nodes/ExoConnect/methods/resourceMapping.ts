/**
 * The field mapper's columns for the chosen resource and operation: the catalog's fields with their types,
 * which ones a create requires, and which can be matched on (the code, or the key the catalog names).
 */
import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { resourceByValue } from '../catalog';
import { Operation } from '../descriptions';
import { mapperColumns, matchColumns } from '../descriptions/mapperFields';

export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const resource = resourceByValue(this.getNodeParameter('resource', '') as string);
	if (!resource) return { fields: [], emptyFieldsNotice: 'Choose a resource first' };
	const operation = this.getNodeParameter('operation', '') as string;
	const matchable = matchColumns(resource);
	// an update needs only its key; a create (and a Create or Update, which may create) its required fields
	const required = operation === Operation.update ? [] : resource.createRequired;
	const fields: ResourceMapperField[] = mapperColumns(resource).map((column) => ({
		id: column.id,
		displayName: column.displayName,
		type: column.type,
		options: column.options,
		required: required.includes(column.id),
		defaultMatch: column.id === matchable[0],
		canBeUsedToMatch: matchable.includes(column.id),
		display: true,
	}));
	return { fields };
}

export const resourceMapping = { getMappingColumns };
