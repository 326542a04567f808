/** Document lines: entered as fields (one row per line) or as JSON mapped from a previous node. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ResourceDef } from '../catalog';
import { lineRules, resourceByKey } from '../catalog';
import { codeLocator } from './locator';

export const LinesParam = {
	source: 'linesSource',
	fields: 'lines',
	json: 'linesJson',
} as const;

const products = resourceByKey('products') as ResourceDef;
const productGroups = resourceByKey('product_groups') as ResourceDef;
const onProductLine: IDisplayOptions = { show: { lineType: ['product'] } };

export function lineProperties(displayOptions: IDisplayOptions, required: boolean): INodeProperties[] {
	const show = (source: string): IDisplayOptions => ({
		...displayOptions,
		show: { ...displayOptions.show, [LinesParam.source]: [source] },
	});
	return [
		{
			displayName: 'Lines Input',
			name: LinesParam.source,
			type: 'options',
			displayOptions,
			options: [
				{ name: 'Fields', value: 'fields', description: 'Enter each line below' },
				{
					name: 'JSON',
					value: 'json',
					description: 'Pass an array of lines, for example mapped from a previous node',
				},
			],
			default: 'fields',
		},
		{
			displayName: 'Lines',
			name: LinesParam.fields,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Line',
			required,
			displayOptions: show('fields'),
			default: {},
			options: [
				{
					displayName: 'Line',
					name: 'line',
					values: [
						{
							displayName: 'Line Type',
							name: 'lineType',
							type: 'options',
							options: [
								{ name: 'Product', value: 'product', description: 'A product sold or bought' },
								{
									name: 'Comment',
									value: 'comment',
									description: 'A text line: notes, instructions, separators',
								},
							],
							default: 'product',
						},
						codeLocator(products, {
							displayName: 'Product',
							name: 'sku',
							displayOptions: onProductLine,
							description: 'The product (SKU). Search by code or name, anywhere in it.',
						}),
						{
							displayName: 'Quantity',
							name: 'quantity',
							type: 'number',
							displayOptions: onProductLine,
							default: 1,
						},
						{
							displayName: 'Unit Price',
							name: 'unitPrice',
							type: 'string',
							displayOptions: onProductLine,
							default: '',
							placeholder: "Empty: the product's price",
							description: "Price of one unit before taxes. Leave empty to use the product's price.",
						},
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
							description: `Up to ${lineRules.maxDescriptionLength} characters per line; longer text is split over comment lines when Split Long Descriptions is on. On a product line it replaces the product's name on the document: leave it empty to keep that name, and put notes on a Comment line.`,
						},
						codeLocator(productGroups, {
							displayName: 'Product Group',
							name: 'productGroupCode',
							displayOptions: onProductLine,
							description: "Leave empty to use the product's group",
						}),
					],
				},
			],
		},
		{
			displayName: 'Lines (JSON)',
			name: LinesParam.json,
			type: 'json',
			required,
			displayOptions: show('json'),
			default: '[\n  { "sku": "WIDGET-001", "ordered_qty": 2 },\n  { "description": "Deliver to the back door" }\n]',
			description:
				'Array of lines with the API\'s keys: sku (empty for a comment line), description, ordered_qty, unit_price, product_group_code. Omitted keys are filled from the product.',
		},
	];
}
