/** Routes that are not a resource's path, lookup segments, and the limits of lists, feeds and lines. */

/** Lookup segments of `C/by-code/{code}` and `C/by-id/{id}`. */
export const lookupSegments = { code: 'by-code', id: 'by-id' } as const;

/** Routes that are not record collections (contract §5 and §6). */
export const routes = {
	updates: '/api/helpers/updates',
	entities: '/api/helpers/entities',
	status: '/system/status',
	/** §8.2 [doc]: "Lister les fenêtres d'arrêt SDK" */
	sdkWindows: '/system/sdk/windows',
	/** §8.2 [doc]: the receivables ledger's invoices (the node reads the ledger itself: customer transactions) */
	arInvoices: '/api/customers/invoice-ar',
} as const;

/** List parameters shared by every collection (contract §2). */
export const listLimits = {
	defaultPageSize: 50,
	maxPageSize: 500,
} as const;

/** Limits of the updates helper (contract §5.1) and of every extract feed (§8.1, inferred as §5.1). */
export const updatesLimits = {
	defaultLimit: 100,
	maxLimit: 500,
} as const;

/** Document line rules (contract §4). */
export const lineRules = {
	maxDescriptionLength: 90,
} as const;
