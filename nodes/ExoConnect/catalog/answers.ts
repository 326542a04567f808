// ---- what the node reads in answers ----------------------------------------------------------------

/**
 * The keys the node reads in each kind of answer (contract §2, §5, §6, §8): System › Check Compatibility
 * compares a live server's answers with them. `a|b` is read from either key; a dotted key inside an object.
 */
export const answerKeys = {
	/** a page list (§2); page, page_size and total are optional: the node ends a list on a short page */
	pageList: ['items'],
	/** every record and list item (§2) */
	record: ['id'],
	/** where the resource is looked up by code (§2) */
	recordCode: ['code'],
	/** where the pickers search the resource by name: brief items carry `name`, full records the name field */
	recordName: ['name|description'],
	/** a change feed (§5.1, §8.1): has_more says whether to read on */
	feed: ['items', 'has_more'],
	/** an item of the updates helper (§5.1); `record` is the full record */
	updatesItem: ['entity', 'id', 'event', 'modified_at', 'record'],
	/** an item of an extract (§8.1): the full record, with its keyset */
	extractItem: ['sync.cursor.card_pos|id', 'sync.cursor.modified_at|metadata.updated_at|updated_at'],
	/** a record's sub-list (§8.2: a payment's lines) */
	subList: ['items'],
	/** §6 */
	status: ['status', 'api_version', 'server_time'],
	/** §5.2 */
	entities: ['items'],
	entity: ['entity', 'count', 'last_modified_at'],
	/** §8.2 */
	sdkWindows: ['items'],
	sdkWindow: ['window_name', 'enabled', 'start_time', 'end_time', 'days_of_week'],
} as const;
