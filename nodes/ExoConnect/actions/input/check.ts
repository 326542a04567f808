/** The last check of a body before it is sent: the schema's problems and those found while reading it, named. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ResourceDef } from '../../catalog';
import type { ValidationProblem } from '../../schemas';
import { validate } from '../../schemas';
import { MAX_JSON_DEPTH, tooDeep } from '../../userInput';
import { inputError } from './input';

const SPLIT_HINT =
	'Turn on Options › Split Long Descriptions to continue long text on comment lines, or shorten the description.';

export function check(
	ctx: IExecuteFunctions,
	resource: ResourceDef,
	body: IDataObject,
	problems: ValidationProblem[],
	schemaResult: ReturnType<typeof validate>,
	itemIndex: number,
): IDataObject {
	// lines that could not be read are already reported; the schema would only add "Lines: is required"
	const linesReported = problems.some((p) => p.path[0] === 'details');
	const schemaProblems = schemaResult.ok ? [] : schemaResult.problems.filter((p) => !(linesReported && p.path[0] === 'details'));
	// JSON given for a field (Allocations, Custom Fields…) nested thousands deep would overflow the stack when sent
	const deep = tooDeep(body);
	const depthProblems = deep ? [{ path: deep.slice(0, 1), message: `is nested more than ${MAX_JSON_DEPTH} levels deep: ExoConnect's fields nest a few levels at most` }] : [];
	const all = [...problems, ...depthProblems, ...schemaProblems];
	if (all.length) {
		const tooLong = all.some((p) => p.path[0] === 'details' && p.path[2] === 'description' && /at most/.test(p.message));
		throw inputError(ctx, resource, all, itemIndex, tooLong ? SPLIT_HINT : undefined);
	}
	return body;
}
