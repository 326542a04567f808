/** Every parameter of the ExoConnect node, in the order the editor shows them. */
import type { INodeProperties } from 'n8n-workflow';

import { helperProperties } from './helperProperties';
import { recordProperties } from './recordProperties';
import { operationProperties, resourceProperty } from './resourceOperation';
import { systemProperties } from './systemProperties';

export const nodeProperties: INodeProperties[] = [
	resourceProperty,
	...operationProperties,
	...recordProperties,
	...helperProperties,
	...systemProperties,
];

export * from './names';
export { entityOptions } from './helperProperties';
export { LinesParam } from './lineProperties';
export { OptionName } from './recordProperties';
export { catalogOperation, HELPER, Operation, SYSTEM } from './resourceOperation';
