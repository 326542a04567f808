/** The n8n contexts the package calls the API from: a type of its own, so that credentials.ts and request.ts need not import each other. */
import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

/** Every n8n context the package calls the API from. */
export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;
