import { localeSchema } from '@scontrino/contracts';
import { z } from 'zod';

/**
 * What a receipt needs to know about the shop that issued it: identity for the fiscal header,
 * the time zone its receipts are dated in, and its branding. Configured per store by the retailer.
 */
export const storeProfileSchema = z.object({
  storeId: z.string().min(1).max(64),
  /** The retailer (brand) the store belongs to: returns and keys never cross tenants. */
  tenantId: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  legalName: z.string().min(1).max(200),
  address: z.object({
    street: z.string().min(1).max(200),
    postalCode: z.string().min(1).max(20),
    city: z.string().min(1).max(100),
    province: z.string().max(100).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code'),
  }),
  vatNumber: z.string().min(4).max(32),
  /** IANA zone, e.g. Europe/Rome: receipts show local time, storage keeps UTC. */
  timeZone: z.string().refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', {
    error: 'must be an IANA time zone such as Europe/Rome',
  }),
  defaultLocale: z.string().min(2).max(35),
  currency: z.string().regex(/^[A-Z]{3}$/),
  branding: z.object({
    logoUrl: z.url().optional(),
    /** #rrggbb */
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    /** Return policy and other closing words printed under every receipt, in `defaultLocale`. */
    footer: z.string().max(1000),
    /**
     * The footer in other languages, by BCP 47 tag (`en`, `en-GB`): a receipt read in one of
     * them prints its own; without one it prints `footer`, marked as the store's language.
     */
    footerTranslations: z.record(localeSchema, z.string().max(1000)).optional(),
  }),
  /** The brand's privacy notice, linked from the claim page (else the service's own, `/privacy`). */
  privacyNoticeUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export type StoreProfile = z.infer<typeof storeProfileSchema>;
