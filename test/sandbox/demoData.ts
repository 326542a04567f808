/**
 * A small Quebec company in Acomba, generated deterministically (same seed, same data): taxes TPS/TVQ,
 * sales reps, territories, carriers, terms, customers, suppliers, products and a few documents of each
 * kind. `customers` and `products` scale it (100,000 products build in a few seconds).
 */
import type { EntityKey } from '../../nodes/ExoConnect/catalog';
import type { Json, Store } from './store';

export interface DemoSize {
	customers: number;
	products: number;
}

/** mulberry32: a tiny seeded PRNG, so the demo company is the same on every run */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SURNAMES = ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé'];
const TRADES = ['Boulangerie', 'Quincaillerie', 'Garage', 'Café', 'Épicerie', 'Ébénisterie', 'Pharmacie', 'Librairie', 'Fromagerie', 'Érablière', 'Ferme', 'Atelier', 'Clinique', 'Construction', 'Plomberie', 'Électricité', 'Déneigement', 'Traiteur'];
const CITIES = [['Montréal', 'H2X 1Y4', 'MTL'], ['Québec', 'G1R 4P5', 'QC'], ['Laval', 'H7N 5H9', 'MTL'], ['Gatineau', 'J8X 3X7', 'OUT'], ['Longueuil', 'J4K 2T5', 'MTL'], ['Sherbrooke', 'J1H 1Z3', 'EST'], ['Rimouski', 'G5L 1B9', 'EST'], ['Lévis', 'G6V 6N8', 'QC'], ['Trois-Rivières', 'G9A 5H3', 'QC']];
const STREETS = ['rue Principale', 'boulevard Saint-Laurent', 'rue Sainte-Catherine', 'chemin du Lac', 'rang Saint-Joseph', 'avenue des Érables', 'rue de l’Église'];
const GROUPS: Array<[string, string, string[]]> = [
	['QUIN', 'Quincaillerie', ['Vis à bois', 'Clous galvanisés', 'Boulons', 'Charnières', 'Serrure', 'Crochets']],
	['PEIN', 'Peinture', ['Peinture latex', 'Apprêt', 'Rouleau', 'Pinceau', 'Teinture extérieure']],
	['ELEC', 'Électricité', ['Fil électrique', 'Prise murale', 'Interrupteur', 'Ampoule DEL', 'Disjoncteur']],
	['PLOM', 'Plomberie', ['Tuyau PEX', 'Raccord en cuivre', 'Robinet', 'Valve', 'Siphon']],
	['OUTL', 'Outillage', ['Marteau', 'Tournevis', 'Scie à main', 'Niveau', 'Ruban à mesurer', 'Perceuse']],
	['JARD', 'Jardinage', ['Terre à jardin', 'Paillis de cèdre', 'Sécateur', 'Boyau d’arrosage', 'Semences']],
];
const SIZES = ['petit', 'moyen', 'grand', '1/2 po', '3/4 po', '10 pi', '25 pi', '4 L', '20 kg', 'n° 8', 'blanc', 'noir'];

const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toUpperCase();
const pick = <T>(rnd: () => number, list: T[]): T => list[Math.floor(rnd() * list.length)];

/** Records get timestamps spread over the week before `now`, oldest first, in whole seconds. */
class Timeline {
	private t: number;
	constructor(now: number, private readonly total: number) {
		this.t = now - 7 * 86_400_000;
	}
	next(): number {
		this.t += Math.max(1000, Math.floor((6 * 86_400_000) / this.total / 1000) * 1000);
		return Math.floor(this.t / 1000) * 1000;
	}
}

export function loadDemoData(store: Store, size: DemoSize): void {
	const rnd = random(20260302);
	const now = store.clock.seconds();
	const time = new Timeline(now, size.customers + size.products + 150);
	const add = (entity: EntityKey, data: Json) => store.create(entity, data, time.next());

	add('taxes', { code: 'TPS', description: 'Taxe sur les produits et services', rate_percent: 5 });
	add('taxes', { code: 'TVQ', description: 'Taxe de vente du Québec', rate_percent: 9.975 });
	add('taxes', { code: 'TVH', description: 'Taxe de vente harmonisée (Ontario)', rate_percent: 13 });
	add('tax_groups', { code: 'QC', description: 'Québec (TPS et TVQ)', taxes: ['TPS', 'TVQ'] });
	add('tax_groups', { code: 'FED', description: 'Fédéral seulement (TPS)', taxes: ['TPS'] });
	add('tax_groups', { code: 'ON', description: 'Ontario (TVH)', taxes: ['TVH'] });

	const reps: Array<[string, string, boolean]> = [['42', 'Marie-Ève Gagnon', true], ['7', 'Luc Tremblay', true], ['15', 'Sophie Côté', true], ['23', 'Jean-François Roy', false]];
	for (const [code, name, active] of reps) add('sales_reps', { code, name, is_active: active });
	for (const [code, description] of [['MTL', 'Montréal et Laval'], ['QC', 'Québec et Chaudière-Appalaches'], ['EST', 'Est-du-Québec'], ['OUT', 'Outaouais']]) {
		add('territories', { code, description });
	}
	for (const [code, description] of [['PUR', 'Purolator'], ['PC', 'Postes Canada'], ['DIC', 'Dicom'], ['CLI', 'Ramassage par le client']]) {
		add('carriers', { code, description });
	}
	const salesTerms: Array<[string, string, number, number, number]> = [['1', 'Net 30 jours', 30, 0, 0], ['2', '2 % 10 jours, net 30', 30, 10, 2], ['3', 'Comptant', 0, 0, 0], ['4', 'Net 60 jours', 60, 0, 0]];
	for (const [code, description, due, dDays, dPct] of salesTerms) {
		add('sales_terms', { code, description, due_days: due, discount_days: dDays, discount_percent: dPct });
	}
	for (const [code, description, due] of [['1', 'Net 30 jours', 30], ['2', 'Net 45 jours', 45], ['3', 'Sur réception', 0]] as const) {
		add('purchase_terms', { code, description, due_days: due, discount_days: 0, discount_percent: 0 });
	}
	for (const [code, description] of GROUPS) add('product_groups', { code, description });

	const charters: Array<[string, string, string]> = [
		['1000', 'Encaisse', 'asset'], ['1010', 'Petite caisse', 'asset'], ['1200', 'Comptes clients', 'asset'], ['1300', 'Stock de marchandises', 'asset'],
		['1500', 'Matériel roulant', 'asset'], ['2100', 'Comptes fournisseurs', 'liability'], ['2300', 'TPS à payer', 'liability'], ['2310', 'TVQ à payer', 'liability'],
		['2330', 'CTI à recevoir', 'asset'], ['2500', 'Emprunt bancaire', 'liability'], ['3100', 'Capital-actions', 'equity'], ['3500', 'Bénéfices non répartis', 'equity'],
		['4000', 'Ventes', 'revenue'], ['4100', 'Ventes de services', 'revenue'], ['4200', 'Escomptes sur ventes', 'revenue'], ['5000', 'Achats', 'expense'],
		['5100', 'Transport sur achats', 'expense'], ['5400', 'Salaires', 'expense'], ['5600', 'Loyer', 'expense'], ['5700', 'Électricité et chauffage', 'expense'],
	];
	for (const [code, description, type] of charters) add('charters', { code, description, type });

	add('customers', {
		code: 'JACHETE',
		description: 'Jachète inc.',
		care_of: 'Comptes payables',
		address: { line1: '1234, rue Principale', city: 'Montréal', province: 'QC', postal_code: 'H2X 1Y4', country_code: 'CA' },
		phones: [{ type: 'main', number: '514-555-0142' }, { type: 'other_1', number: '514-555-0199', description: 'Entrepôt' }],
		emails: [{ type: 'primary', address: 'comptes@jachete.example' }, { type: 'personal', address: 'lise.gagnon@jachete.example' }],
		language_code: 'FR',
		sales_rep_code: '42',
		territory_code: 'MTL',
		term_code: '1',
		shipping_code: 'PUR',
		tax_group_code: 'QC',
		credit_limit: 25_000,
		comment: { text: 'Livraison par la porte arrière', show_on_transaction: true, print_in_transactions: false },
	});
	const customerCodes = ['JACHETE'];
	for (let i = 1; i < size.customers; i++) {
		const surname = pick(rnd, SURNAMES);
		const [city, postal, territory] = pick(rnd, CITIES);
		const code = `${ascii(surname).slice(0, 6)}${String(i).padStart(4, '0')}`;
		customerCodes.push(code);
		add('customers', {
			code,
			description: `${pick(rnd, TRADES)} ${surname}${rnd() < 0.3 ? ' inc.' : ''}`,
			address: { line1: `${100 + Math.floor(rnd() * 9000)}, ${pick(rnd, STREETS)}`, city, province: 'QC', postal_code: postal, country_code: 'CA' },
			phones: [{ type: 'main', number: `${pick(rnd, ['514', '418', '450', '819'])}-555-${String(Math.floor(rnd() * 10000)).padStart(4, '0')}` }],
			language_code: rnd() < 0.85 ? 'FR' : 'EN',
			sales_rep_code: pick(rnd, ['42', '7', '15']),
			territory_code: territory,
			term_code: pick(rnd, ['1', '1', '2', '3', '4']),
			shipping_code: pick(rnd, ['PUR', 'PC', 'DIC', 'CLI']),
			tax_group_code: rnd() < 0.9 ? 'QC' : 'FED',
			credit_limit: Math.round(rnd() * 50) * 1000,
			is_active: i % 17 !== 0,
		});
	}
	const supplierCodes: string[] = [];
	for (let i = 1; i <= 20; i++) {
		const surname = SURNAMES[(i * 7) % SURNAMES.length];
		const code = `F-${ascii(surname).slice(0, 5)}${i}`;
		supplierCodes.push(code);
		add('suppliers', {
			code,
			description: `${pick(rnd, ['Distribution', 'Grossiste', 'Matériaux', 'Importations'])} ${surname} ltée`,
			address: { line1: `${10 + i * 37}, ${pick(rnd, STREETS)}`, city: pick(rnd, CITIES)[0], province: 'QC', country_code: 'CA' },
			language_code: 'FR',
			term_code: pick(rnd, ['1', '2', '3']),
			shipping_code: pick(rnd, ['PUR', 'DIC']),
			tax_group_code: 'QC',
			is_active: i !== 13,
		});
	}

	// stock has its own generator, so the rest of the company stays as it always was
	const stockRnd = random(1000);
	const stock = () => {
		const onHand = Math.floor(stockRnd() * 400);
		const reserved = Math.min(onHand, Math.floor(stockRnd() * 25));
		return { on_hand: onHand, reserved, available: onHand - reserved };
	};
	add('products', { code: 'WIDGET-001', description: 'Support mural universel', price: 24.99, cost: 11.2, product_group_code: 'QUIN', unit: 'UN', upc: '062500000017', comment: 'Fragile : manipuler avec soin', stock: { on_hand: 120, reserved: 8, available: 112 } });
	add('products', { code: 'WIDGET-002', description: 'Tablette en érable 24 po', price: 39.5, cost: 18.75, product_group_code: 'QUIN', unit: 'UN', upc: '062500000024', stock: { on_hand: 45, reserved: 0, available: 45 } });
	for (let i = 3; i <= size.products; i++) {
		const [group, , names] = GROUPS[i % GROUPS.length];
		const price = Math.round((2 + rnd() * 180) * 100) / 100;
		add('products', {
			code: `${group}-${String(i).padStart(5, '0')}`,
			description: `${pick(rnd, names)} ${pick(rnd, SIZES)}`,
			price,
			cost: Math.round(price * (0.45 + rnd() * 0.2) * 100) / 100,
			product_group_code: group,
			unit: pick(rnd, ['UN', 'BTE', 'PI', 'KG']),
			stock: stock(),
			is_active: i % 23 !== 0,
		});
	}

	const productCodes = ['WIDGET-001', 'WIDGET-002', ...Array.from({ length: Math.min(40, size.products - 2) }, (_, k) => `${GROUPS[(k + 3) % GROUPS.length][0]}-${String(k + 3).padStart(5, '0')}`)];
	const lines = () => [
		...Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({ sku: pick(rnd, productCodes), ordered_qty: 1 + Math.floor(rnd() * 10) })),
		...(rnd() < 0.4 ? [{ description: 'Livraison entre 8 h et 16 h, sonner à la porte arrière.' }] : []),
	];
	const documents: Array<[EntityKey, number]> = [['quotes', 5], ['sales_orders', 6], ['invoices', 8]];
	for (const [entity, count] of documents) {
		for (let i = 0; i < count; i++) {
			add(entity, { customer_code: i % 3 === 0 ? 'JACHETE' : pick(rnd, customerCodes.slice(0, 40)), reference: `PO-${1000 + i}`, details: lines() });
		}
	}
	for (let i = 0; i < 3; i++) add('purchase_orders', { supplier_code: supplierCodes[i], details: lines() });
}
