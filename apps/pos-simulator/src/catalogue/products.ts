import type { BrandKind } from './stores.js';

/**
 * What the shelves hold. Prices are gross (VAT included) in cents; a weighed product's price is
 * per kilogram and it is sold by fractional quantity. VAT rates follow Italian practice: 22%
 * clothing and non-food, 10% meat, fish, eggs, yogurt, sugar and biscuits, 4% bread, pasta, milk,
 * cheese, oil, fruit and vegetables; gift cards are money, outside VAT (0%).
 */
export interface Product {
  /** The SKU, or its stem when the product has variants (`JKT-0420` → `JKT-0420-BLU-M`). */
  sku: string;
  name: string;
  category: string;
  unitPrice: number;
  taxRate: '22' | '10' | '4' | '0';
  weighed?: { minGrams: number; maxGrams: number };
  variants?: { size?: readonly string[]; color?: readonly string[] };
  /** Returnable at the till (gift cards and fresh food are not). */
  returnable: boolean;
  /** How often it lands in a basket, relative to the brand's other products. */
  popularity: number;
}

const sizes = ['XS', 'S', 'M', 'L', 'XL'] as const;
const shirtSizes = ['38', '39', '40', '41', '42', '43'] as const;
const shoeSizes = ['38', '39', '40', '41', '42', '43', '44'] as const;

function fashion(
  sku: string,
  name: string,
  category: string,
  unitPrice: number,
  variants: Product['variants'],
  popularity = 1,
): Product {
  return { sku, name, category, unitPrice, taxRate: '22', variants, returnable: true, popularity };
}

export const fashionProducts: readonly Product[] = [
  fashion('JKT-0420', 'Giacca uomo slim fit', 'outerwear', 8990, {
    size: sizes,
    color: ['blu', 'nero', 'grigio'],
  }),
  fashion(
    'CPT-0311',
    'Cappotto donna in lana',
    'outerwear',
    18900,
    { size: sizes, color: ['cammello', 'nero'] },
    0.5,
  ),
  fashion(
    'PMN-0102',
    'Piumino leggero',
    'outerwear',
    12900,
    { size: sizes, color: ['blu', 'verde', 'nero'] },
    0.6,
  ),
  fashion(
    'CAM-0077',
    'Camicia elegante',
    'shirts',
    3950,
    { size: shirtSizes, color: ['bianco', 'azzurro'] },
    2,
  ),
  fashion('CAM-0140', 'Camicia in lino', 'shirts', 4590, { size: shirtSizes, color: ['bianco', 'sabbia'] }),
  fashion(
    'MGL-0230',
    'Maglione girocollo in cashmere',
    'knitwear',
    11900,
    { size: sizes, color: ['grigio', 'blu'] },
    0.7,
  ),
  fashion('CDG-0051', 'Cardigan in cotone', 'knitwear', 5990, { size: sizes, color: ['panna', 'bordeaux'] }),
  fashion(
    'TSH-0008',
    'T-shirt in cotone biologico',
    'tops',
    1490,
    { size: sizes, color: ['bianco', 'nero', 'rosso'] },
    3,
  ),
  fashion(
    'PNT-0250',
    'Pantaloni chino',
    'trousers',
    5490,
    { size: ['44', '46', '48', '50', '52'], color: ['beige', 'blu'] },
    1.5,
  ),
  fashion(
    'JNS-0501',
    'Jeans regular',
    'trousers',
    6990,
    { size: ['44', '46', '48', '50', '52'], color: ['denim'] },
    1.5,
  ),
  fashion('ABT-0612', 'Abito donna midi', 'dresses', 7990, { size: sizes, color: ['nero', 'fantasia'] }, 0.8),
  fashion('SNK-0300', 'Sneakers in pelle', 'shoes', 9900, { size: shoeSizes, color: ['bianco'] }, 0.8),
  fashion(
    'MCS-0120',
    'Mocassini in camoscio',
    'shoes',
    13900,
    { size: shoeSizes, color: ['testa di moro'] },
    0.4,
  ),
  fashion('CIN-0044', 'Cintura in pelle', 'accessories', 3490, { color: ['nero', 'marrone'] }),
  fashion('SCR-0019', 'Sciarpa in lana', 'accessories', 2990, { color: ['grigio', 'rosso', 'blu'] }),
  fashion('CLZ-0003', 'Calzini in cotone (3 paia)', 'accessories', 990, {}, 2),
  {
    sku: 'GIFT-25',
    name: 'Carta regalo 25 €',
    category: 'gift-cards',
    unitPrice: 2500,
    taxRate: '0',
    returnable: false,
    popularity: 0.15,
  },
  {
    sku: 'GIFT-50',
    name: 'Carta regalo 50 €',
    category: 'gift-cards',
    unitPrice: 5000,
    taxRate: '0',
    returnable: false,
    popularity: 0.1,
  },
];

function food(
  sku: string,
  name: string,
  category: string,
  unitPrice: number,
  taxRate: Product['taxRate'],
  popularity = 1,
): Product {
  // Food is not taken back; drinks and household goods are, unopened.
  const returnable = ['beverages', 'wine', 'household'].includes(category);
  return { sku, name, category, unitPrice, taxRate, returnable, popularity };
}

function weighed(
  sku: string,
  name: string,
  category: string,
  pricePerKg: number,
  taxRate: Product['taxRate'],
  grams: [number, number],
  popularity = 1,
): Product {
  const [minGrams, maxGrams] = grams;
  return {
    sku,
    name,
    category,
    unitPrice: pricePerKg,
    taxRate,
    weighed: { minGrams, maxGrams },
    returnable: false,
    popularity,
  };
}

export const groceryProducts: readonly Product[] = [
  weighed('8000001000011', 'Pomodori San Marzano', 'produce', 349, '4', [300, 1500], 2),
  weighed('8000001000028', 'Mele Golden', 'produce', 229, '4', [500, 2000], 2),
  weighed('8000001000035', 'Arance di Sicilia', 'produce', 199, '4', [800, 3000], 1.5),
  weighed('8000001000042', 'Zucchine', 'produce', 279, '4', [300, 1200]),
  weighed('8000001000059', 'Parmigiano Reggiano 24 mesi', 'cheese', 2490, '4', [150, 600], 1.2),
  weighed('8000001000066', 'Mozzarella di bufala campana', 'cheese', 1490, '4', [250, 750], 1.5),
  weighed('8000001000073', 'Prosciutto di Parma', 'deli', 3290, '10', [100, 300], 1.2),
  weighed('8000001000080', 'Salmone fresco', 'fish', 2290, '10', [200, 700], 0.6),
  weighed('8000001000097', 'Petto di pollo', 'meat', 1190, '10', [300, 900], 1),
  weighed('8000001000103', 'Pane casereccio', 'bakery', 380, '4', [400, 1000], 2),
  food('8000002000010', 'Pasta di Gragnano IGP 500 g', 'pantry', 189, '4', 3),
  food('8000002000027', 'Latte fresco intero 1 l', 'dairy', 179, '4', 3),
  food('8000002000034', 'Olio extravergine di oliva 1 l', 'pantry', 990, '4', 1),
  food('8000002000041', 'Passata di pomodoro 700 g', 'pantry', 129, '4', 2),
  food('8000002000058', 'Uova fresche (6)', 'dairy', 259, '10', 1.5),
  food('8000002000065', 'Yogurt greco 170 g', 'dairy', 149, '10', 1.5),
  food('8000002000072', 'Biscotti frollini 700 g', 'pantry', 249, '10', 1),
  food('8000002000089', 'Zucchero 1 kg', 'pantry', 119, '10', 0.6),
  food('8000002000096', 'Caffè macinato 250 g', 'beverages', 399, '22', 1.5),
  food('8000002000102', 'Chianti DOCG 75 cl', 'wine', 890, '22', 0.8),
  food('8000002000119', 'Birra artigianale 33 cl', 'beverages', 229, '22', 0.8),
  food('8000002000126', 'Acqua minerale 6 × 1,5 l', 'beverages', 299, '22', 1.5),
  food('8000002000133', 'Cioccolato fondente 100 g', 'sweets', 199, '22', 1),
  food('8000002000140', 'Detersivo piatti 1 l', 'household', 219, '22', 0.7),
];

export function productsOf(kind: BrandKind): readonly Product[] {
  return kind === 'fashion' ? fashionProducts : groceryProducts;
}
