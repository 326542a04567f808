/** Every parameter of the ExoConnect node, in the order the editor shows them. */
import type { INodeProperties } from 'n8n-workflow';

import { helperProperties } from './helperProperties';
import { mapperProperties, withFieldMapper } from './mapperProperties';
import { recordProperties } from './recordProperties';
import { operationProperties, resourceProperty } from './resourceOperation';
import { systemProperties } from './systemProperties';

export const nodeProperties: INodeProperties[] = [
	resourceProperty,
	...operationProperties,
	...mapperProperties,
	...withFieldMapper(recordProperties),
	...helperProperties,
	...systemProperties,
];

export * from './names';
export { entityOptions } from './helperProperties';
export { LinesParam } from './lineProperties';
export { OptionName } from './recordProperties';
export { FIELDS_INPUT, FieldsInput, MAPPER_PARAM } from './mapperProperties';
export { catalogOperation, HELPER, Operation, SYSTEM } from './resourceOperation';
export { defaultParallelWrites } from './syncOptions';
