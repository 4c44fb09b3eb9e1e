import { AppError } from '@scontrino/errors';
import type { MarketingConsents } from '../../clients/marketing-consents.js';
import {
  customerConsent,
  type MarketingChannel,
  type RfmSegmentName,
} from '../../domain/segments/rfm-segments.js';
import { type SegmentDeps, segmentMembersPage } from './segments.js';

/** Pages read by one export at most (2,000 members each). */
export const EXPORT_MAX_PAGES = 50;

/** The identifier a channel reaches a customer by. */
const contactType: Record<MarketingChannel, 'email' | 'phone' | 'card'> = {
  email: 'email',
  sms: 'phone',
  app: 'card',
};

export interface ExportRow {
  profileId: string;
  recency: number;
  frequency: number;
  monetary: number;
  /** The channel's identifier, masked (`m•••o@e•••.it`), never in clear. */
  contact: string;
  consent: Record<MarketingChannel, boolean | null>;
}

/**
 * A segment's members who consented to marketing on `channel`, masked, with their consent per
 * channel. Consent lives with the loyalty program's members, asked by the look-up hashes of each
 * customer's cards and e-mails; the program records consent to e-mail offers only, so SMS and app
 * answer "never asked" and export nobody until a consent for them is recorded.
 */
export async function exportSegment(
  deps: SegmentDeps & { consents: MarketingConsents | undefined },
  input: { tenantId: string; date: string; segment: RfmSegmentName; channel: MarketingChannel },
): Promise<{ members: number; rows: ExportRow[] }> {
  const rows: ExportRow[] = [];
  let members = 0;
  for (let page = 0; page < EXPORT_MAX_PAGES; page += 1) {
    // An unknown day is a 404 before anything else.
    const found = await segmentMembersPage(deps, input.tenantId, input.date, input.segment, page);
    if (!deps.consents)
      throw new AppError('segments.consents_unavailable', 'No consent source is configured', {
        kind: 'unavailable',
      });
    members += found.members.length;
    const keys = found.members.flatMap((m) =>
      m.identifiers.flatMap((i) =>
        i.type === 'email' || i.type === 'card' ? [{ type: i.type, hash: i.hash }] : [],
      ),
    );
    const answers = keys.length > 0 ? await deps.consents.of(input.tenantId, keys) : [];
    const decided = new Map(answers.map((a) => [`${a.type}:${a.hash}`, a.marketingEmail]));
    for (const member of found.members) {
      const email = customerConsent(
        member.identifiers.map((i) => decided.get(`${i.type}:${i.hash}`) ?? null),
      );
      const consent = { email, sms: null, app: null };
      const contact = member.identifiers.find((i) => i.type === contactType[input.channel]);
      if (consent[input.channel] !== true || !contact) continue;
      rows.push({
        profileId: member.profileId,
        recency: member.recency,
        frequency: member.frequency,
        monetary: member.monetary,
        contact: contact.masked,
        consent,
      });
    }
    if (page + 1 >= found.pages) break;
  }
  return { members, rows };
}
