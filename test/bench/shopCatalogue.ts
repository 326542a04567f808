/** The shop's side of the sync benchmark, shared by the measurement outside n8n (syncMeasure.ts) and inside it (syncInN8n.ts). */
import type { IDataObject } from 'n8n-workflow';

export interface ShopProduct extends IDataObject {
	sku: string;
	name: string;
	price: number;
}

/** The shop's catalogue from Acomba's products: every product, every 10th with a new price, and one new product per 100. */
export function shopCatalogue(stored: IDataObject[]): ShopProduct[] {
	const shop: ShopProduct[] = [];
	stored.forEach((p, i) => {
		const price = ((p.prices as IDataObject).regular as number) + (i % 10 === 5 ? 1 : 0);
		shop.push({ sku: String(p.code), name: String(p.description), price });
		if (i % 100 === 50) shop.push({ sku: `SHOP-${i}`, name: `Nouveau produit ${i}`, price: 10 });
	});
	return shop;
}
