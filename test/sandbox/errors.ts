/** Errors in ExoConnect's (FastAPI) format. */
export interface Problem {
	loc: Array<string | number>;
	msg: string;
	type: string;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly detail: string | Problem[],
		readonly headers: Record<string, string> = {},
	) {
		super(typeof detail === 'string' ? detail : detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; '));
	}
}

export function invalid(loc: Array<string | number>, msg: string, type = 'value_error'): ApiError {
	return new ApiError(422, [{ loc, msg, type }]);
}

/** One 422 with every problem found, as FastAPI lists them all; nothing is written. */
export function throwProblems(problems: Problem[]): void {
	if (problems.length) throw new ApiError(422, problems);
}
