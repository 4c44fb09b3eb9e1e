import type { PosLine } from '@scontrino/contracts';
import type { BrandKind, Product } from '../catalogue/index.js';
import type { Random } from '../random.js';
import { lineTotalOf, percentOff } from './amounts.js';

type SaleLine = Omit<PosLine, 'originalLineId'>;
type Discount = PosLine['discounts'][number];

/** How many different products a basket holds: a fashion customer buys one or two, a grocery trolley a dozen. */
const lineCounts: Record<BrandKind, Readonly<Record<string, number>>> = {
  fashion: { '1': 45, '2': 30, '3': 15, '4': 10 },
  grocery: { '2': 8, '4': 15, '6': 20, '8': 20, '10': 15, '13': 12, '18': 10 },
};

function colorCode(color: string): string {
  return color
    .replace(/[^a-z]/gi, '')
    .slice(0, 3)
    .toUpperCase();
}

function pickProduct(random: Random, products: readonly Product[], taken: ReadonlySet<string>): Product {
  const weights = Object.fromEntries(
    products.map((product) => [product.sku, taken.has(product.sku) ? 0 : product.popularity]),
  );
  const sku = random.weighted(weights);
  return products.find((product) => product.sku === sku)!;
}

function quantityOf(random: Random, product: Product): number {
  if (product.weighed) {
    // Scales weigh to 5 g; grams / 1000 has at most three decimals in its shortest form.
    const grams = random.int(product.weighed.minGrams / 5, product.weighed.maxGrams / 5) * 5;
    return grams / 1000;
  }
  if (product.category === 'gift-cards') return 1;
  return random.weighted({ '1': 70, '2': 20, '3': 10 }) === '1' ? 1 : random.int(2, 3);
}

function lineDiscounts(random: Random, product: Product, quantity: number): Discount[] {
  if (product.category === 'gift-cards') return [];
  if (!product.weighed && quantity === 3 && product.unitPrice < 1000 && random.chance(0.5))
    return [{ code: '3X2', description: 'Prendi 3 paghi 2', amount: product.unitPrice }];
  if (product.category === 'outerwear' && random.chance(0.3))
    return [
      { code: 'AUTUNNO10', description: 'Autunno -10%', amount: percentOff(quantity, product.unitPrice, 10) },
    ];
  if (product.taxRate === '22' && product.unitPrice >= 2000 && random.chance(0.15)) {
    const percent = random.pick([20, 30, 50]);
    return [
      {
        code: `SALDI${percent}`,
        description: `Saldi -${percent}%`,
        amount: percentOff(quantity, product.unitPrice, percent),
      },
    ];
  }
  if (product.weighed && random.chance(0.1))
    return [{ description: 'Offerta del giorno -15%', amount: percentOff(quantity, product.unitPrice, 15) }];
  return [];
}

function variantOf(random: Random, product: Product): { sku: string; variant?: Record<string, string> } {
  const size = product.variants?.size ? random.pick(product.variants.size) : undefined;
  const color = product.variants?.color ? random.pick(product.variants.color) : undefined;
  if (size === undefined && color === undefined) return { sku: product.sku };
  const sku = [product.sku, color && colorCode(color), size].filter(Boolean).join('-');
  return { sku, variant: { ...(size !== undefined && { size }), ...(color !== undefined && { color }) } };
}

/** The lines of a basket of one brand: distinct products, quantities, line discounts and totals. */
export function basketLines(random: Random, kind: BrandKind, products: readonly Product[]): SaleLine[] {
  const count = Math.min(Number(random.weighted(lineCounts[kind])), products.length);
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const product = pickProduct(random, products, taken);
    taken.add(product.sku);
    const quantity = quantityOf(random, product);
    const discounts = lineDiscounts(random, product, quantity);
    const { sku, variant } = variantOf(random, product);
    return {
      lineId: String(index + 1),
      sku,
      name: product.name,
      ...(variant && { variant }),
      category: product.category,
      quantity,
      unitPrice: product.unitPrice,
      discounts,
      taxRate: product.taxRate,
      total: lineTotalOf(quantity, product.unitPrice, discounts),
    };
  });
}

/** A coupon on the whole basket, sometimes; never on a basket with gift cards (they are money). */
export function basketDiscounts(random: Random, kind: BrandKind, lines: readonly SaleLine[]): Discount[] {
  if (lines.some((line) => line.category === 'gift-cards')) return [];
  const subtotal = lines.reduce((total, line) => total + line.total, 0);
  if (kind === 'fashion' && subtotal >= 5000 && random.chance(0.12))
    return [{ code: 'WELCOME5', description: 'Benvenuto', amount: 500 }];
  if (kind === 'grocery' && subtotal >= 3000 && random.chance(0.1))
    return [{ code: 'BUONO3', description: 'Buono spesa 3 €', amount: 300 }];
  return [];
}

/** The catalogue product a line was sold from (its SKU may carry a variant suffix). */
export function productOfLine(
  products: readonly Product[],
  line: Pick<SaleLine, 'sku'>,
): Product | undefined {
  return products.find((product) => line.sku === product.sku || line.sku.startsWith(`${product.sku}-`));
}
