/**
 * The demo retail estate: two brands (tenants) and five stores in Milan, Rome and Naples. The
 * profiles are what the receipt service's `stores.upsert` takes; the tills and cashiers are what
 * the simulator sells with. Plain data, for the simulator and for demo data alike.
 */

export type BrandKind = 'fashion' | 'grocery';

export interface Brand {
  tenantId: string;
  name: string;
  kind: BrandKind;
  /** The brand's web shop, as the reconciliation service knows it (`shopId`). */
  webShopId: string;
}

/** The receipt service's store profile (`stores.upsert`), written out so that this package has no runtime dependency on it. */
export interface StoreProfile {
  storeId: string;
  tenantId: string;
  name: string;
  legalName: string;
  address: { street: string; postalCode: string; city: string; province?: string; country: string };
  vatNumber: string;
  timeZone: string;
  defaultLocale: string;
  currency: string;
  branding: {
    logoUrl?: string;
    accentColor: string;
    /** In `defaultLocale`; `footerTranslations` has it in other languages, by BCP 47 tag. */
    footer: string;
    footerTranslations?: Record<string, string>;
  };
}

export interface SimulatedStore {
  profile: StoreProfile;
  /** Till ids; a self-checkout till (`SC…`) has no cashier. */
  terminals: readonly string[];
  cashiers: readonly string[];
}

export const brands = {
  modaRossi: {
    tenantId: 'moda-rossi',
    name: 'Moda Rossi',
    kind: 'fashion',
    webShopId: 'moda-rossi-web',
  },
  mercatoEsposito: {
    tenantId: 'mercato-esposito',
    name: 'Mercato Esposito',
    kind: 'grocery',
    webShopId: 'mercato-esposito-web',
  },
} as const satisfies Record<string, Brand>;

const modaRossiLegal = { legalName: 'Moda Rossi S.p.A.', vatNumber: 'IT07123450814' };
const modaRossiBranding = {
  accentColor: '#1a4d8f',
  footer: 'Resi e cambi entro 30 giorni con lo scontrino, in tutti i negozi Moda Rossi.\nGrazie e a presto!',
  footerTranslations: {
    en: 'Returns and exchanges within 30 days with the receipt, in every Moda Rossi store.\nThank you, see you soon!',
  },
};
const espositoLegal = { legalName: 'Mercato Esposito S.r.l.', vatNumber: 'IT04987620632' };
const espositoBranding = {
  accentColor: '#2e7d32',
  footer: 'Prodotti freschi ogni giorno dal 1962.\nConserva lo scontrino per eventuali resi.',
  footerTranslations: { en: 'Fresh produce every day since 1962.\nKeep the receipt for any returns.' },
};
const italy = { timeZone: 'Europe/Rome', defaultLocale: 'it-IT', currency: 'EUR' } as const;
const fashionTills = { terminals: ['T01', 'T02', 'T03'], cashiers: ['C03', 'C07', 'C11', 'C17', 'C21'] };
const groceryTills = {
  terminals: ['T01', 'T02', 'T03', 'SC1'],
  cashiers: ['C02', 'C05', 'C08', 'C12', 'C14', 'C19'],
};

export const stores: readonly SimulatedStore[] = [
  {
    profile: {
      storeId: 'MI-001',
      tenantId: brands.modaRossi.tenantId,
      name: 'Moda Rossi Milano Centro',
      ...modaRossiLegal,
      address: {
        street: 'Via Torino 12',
        postalCode: '20123',
        city: 'Milano',
        province: 'MI',
        country: 'IT',
      },
      ...italy,
      branding: modaRossiBranding,
    },
    ...fashionTills,
  },
  {
    profile: {
      storeId: 'RM-001',
      tenantId: brands.modaRossi.tenantId,
      name: 'Moda Rossi Roma Corso',
      ...modaRossiLegal,
      address: {
        street: 'Via del Corso 214',
        postalCode: '00186',
        city: 'Roma',
        province: 'RM',
        country: 'IT',
      },
      ...italy,
      branding: modaRossiBranding,
    },
    ...fashionTills,
  },
  {
    profile: {
      storeId: 'NA-001',
      tenantId: brands.modaRossi.tenantId,
      name: 'Moda Rossi Napoli Toledo',
      ...modaRossiLegal,
      address: {
        street: 'Via Toledo 256',
        postalCode: '80134',
        city: 'Napoli',
        province: 'NA',
        country: 'IT',
      },
      ...italy,
      branding: modaRossiBranding,
    },
    ...fashionTills,
  },
  {
    profile: {
      storeId: 'RM-101',
      tenantId: brands.mercatoEsposito.tenantId,
      name: 'Mercato Esposito Roma Trastevere',
      ...espositoLegal,
      address: {
        street: 'Viale di Trastevere 88',
        postalCode: '00153',
        city: 'Roma',
        province: 'RM',
        country: 'IT',
      },
      ...italy,
      branding: espositoBranding,
    },
    ...groceryTills,
  },
  {
    profile: {
      storeId: 'NA-101',
      tenantId: brands.mercatoEsposito.tenantId,
      name: 'Mercato Esposito Napoli Vomero',
      ...espositoLegal,
      address: {
        street: 'Via Scarlatti 41',
        postalCode: '80129',
        city: 'Napoli',
        province: 'NA',
        country: 'IT',
      },
      ...italy,
      branding: espositoBranding,
    },
    ...groceryTills,
  },
];

export function brandOf(tenantId: string): Brand {
  const brand = Object.values(brands).find((candidate) => candidate.tenantId === tenantId);
  if (!brand) throw new Error(`no brand with tenant id ${tenantId}`);
  return brand;
}

/** Every store of one brand, in catalogue order. */
export function storesOfTenant(tenantId: string): SimulatedStore[] {
  return stores.filter((store) => store.profile.tenantId === tenantId);
}
