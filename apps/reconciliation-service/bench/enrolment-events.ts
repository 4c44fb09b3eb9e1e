import { type EventEnvelope, type MemberEnrolledPayload, SEALED_NAME_CONTEXT } from '@scontrino/contracts';
import { normaliseIdentifier } from '@scontrino/identity';
import type { IdentityCrypto } from '../src/store/identity-crypto.js';
import type { SyntheticInput } from './synthetic/api-inputs.js';

/**
 * The evaluation's loyalty enrolments as the loyalty service announces them: `member.enrolled`,
 * each value normalised as loyalty does, hashed with the shared key and sealed for events (the
 * local service's keys), put into the service's inbox as loyalty's dispatcher would. The
 * observation each becomes is `enrolment:<tenant>:<sourceId>`.
 */
export function memberEnrolledEvents(
  inputs: readonly SyntheticInput[],
  crypto: IdentityCrypto,
): { events: EventEnvelope[]; observationIds: string[] } {
  const events: EventEnvelope[] = [];
  const observationIds: string[] = [];
  for (const input of inputs) {
    if (input.kind !== 'identify' || input.pattern !== 'loyalty-enrolment') continue;
    const { body } = input;
    const sealed = body.identifiers.flatMap((identifier) => {
      const result = normaliseIdentifier(identifier.type, identifier.value, {
        defaultCountry: identifier.country,
      });
      if (!result.ok) return [];
      const { type, value } = result.identifier;
      return [{ type, hash: crypto.lookupHash(type, value), sealed: crypto.sealForEvent(type, value) }];
    });
    const cards = sealed.flatMap((one) => (one.type === 'card' ? [{ ...one, type: 'card' as const }] : []));
    if (cards.length === 0) continue;
    const payload: MemberEnrolledPayload = {
      tenantId: body.tenantId,
      memberId: `mbr_${body.sourceId}`,
      sourceId: body.sourceId,
      enrolledAt: body.at,
      cards,
      contacts: sealed.flatMap((one) =>
        one.type === 'email' || one.type === 'phone' ? [{ ...one, type: one.type }] : [],
      ),
      name: body.name ? { sealed: crypto.cipher.encrypt(body.name, SEALED_NAME_CONTEXT) } : null,
    };
    events.push({
      id: `${body.sourceId}.enrolled`,
      type: 'member.enrolled',
      version: 1,
      occurredAt: body.at,
      payload,
    });
    observationIds.push(`enrolment:${body.tenantId}:${body.sourceId}`);
  }
  return { events, observationIds };
}
