/** Errors in ExoConnect's (FastAPI) format. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly detail: string | Array<{ loc: Array<string | number>; msg: string; type: string }>,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof detail === 'string' ? detail : detail.map((d) => d.msg).join('; '));
	}
}

export function invalid(loc: Array<string | number>, msg: string, type = 'value_error'): ApiError {
	return new ApiError(422, [{ loc, msg, type }]);
}
