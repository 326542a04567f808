/** Document lines: entered as fields (one row per line) or as JSON mapped from a previous node. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { lineRules, resourceByKey } from '../catalog';
import { withCodeHint } from './fieldProperties';
import { loadOptionsMethod } from './names';

export const LinesParam = {
	source: 'linesSource',
	fields: 'lines',
	json: 'linesJson',
} as const;

const products = resourceByKey('products');
const productGroups = resourceByKey('product_groups');

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
							displayName: 'Description',
							name: 'description',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
							description: `Up to ${lineRules.maxDescriptionLength} characters per line; longer text is split over comment lines when Split Long Descriptions is on. Empty on a product line: the product's description.`,
						},
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
						{
							displayName: 'Product Group Name or Code',
							name: 'productGroupCode',
							type: 'options',
							typeOptions: {
								loadOptionsMethod: productGroups ? loadOptionsMethod(productGroups) : '',
							},
							displayOptions: { show: { lineType: ['product'] } },
							default: '',
							description: withCodeHint("Leave empty to use the product's group"),
						},
						{
							displayName: 'Product Name or Code',
							name: 'sku',
							type: 'options',
							typeOptions: { loadOptionsMethod: products ? loadOptionsMethod(products) : '' },
							displayOptions: { show: { lineType: ['product'] } },
							default: '',
							description: withCodeHint('The product (SKU)'),
						},
						{
							displayName: 'Quantity',
							name: 'quantity',
							type: 'number',
							displayOptions: { show: { lineType: ['product'] } },
							default: 1,
						},
						{
							displayName: 'Unit Price',
							name: 'unitPrice',
							type: 'string',
							displayOptions: { show: { lineType: ['product'] } },
							default: '',
							placeholder: "Empty: the product's price",
							description: "Price of one unit before taxes. Leave empty to use the product's price.",
						},
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
