/**
 * Input names Map Automatically also recognises, by field (mapper ids: `address.postal_code`), besides the
 * field's API name and display name: what shops, CRMs and spreadsheets call them.
 */
export const inputSynonyms: Record<string, string[]> = {
	code: ['sku', 'product_code', 'item_code'],
	description: ['name', 'title', 'company', 'company_name', 'product_name'],
	'address.line1': ['address1', 'address_1', 'street', 'address_line_1'],
	'address.line2': ['address2', 'address_2', 'address_line_2'],
	'address.city': ['town'],
	'address.province': ['province_code', 'state', 'state_code', 'region'],
	'address.postal_code': ['zip', 'zip_code', 'postcode', 'postal'],
	'address.country_code': ['country'],
	'phones.main': ['phone', 'telephone', 'phone_number', 'tel'],
	'phones.fax': ['fax'],
	'emails.primary': ['email', 'email_address', 'mail'],
	price: ['regular_price'],
	upc: ['barcode', 'gtin', 'ean'],
	is_active: ['active', 'enabled'],
	reference: ['order_number', 'order_name', 'order_id'],
};
