import type { SyntheticHousehold } from './activity.js';
import { personOwner, type ObservedIdentifier, type SyntheticObservation } from './observations.js';
import { writtenName, type SyntheticPerson } from './people.js';
import { e164 } from './phones.js';

/**
 * What a loyalty program knows of each card: the member who enrolled it, with their name, first
 * e-mail and first phone. A family card is enrolled by its first member; the other only shows it.
 * As identify observations (source `loyalty`), one per card, when the card starts. The loyalty
 * service does not send its enrolments to the reconciliation service today: the evaluation adds
 * them only when asked (`loyaltyEnrolments`), to measure what that feed would bring.
 */
export function loyaltyEnrolments(
  people: readonly SyntheticPerson[],
  households: readonly SyntheticHousehold[],
  from: number,
): SyntheticObservation[] {
  const byId = new Map(people.map((person) => [person.personId, person]));
  const enrolment = (
    person: SyntheticPerson,
    card: ObservedIdentifier,
    at: number,
    sourceId: string,
  ): SyntheticObservation => {
    const own = { country: person.country, owner: personOwner(person.personId) };
    const identifiers: ObservedIdentifier[] = [card];
    if (person.emails[0]) identifiers.push({ type: 'email', raw: person.emails[0], ...own });
    if (person.phones[0]) identifiers.push({ type: 'phone', raw: e164(person.phones[0]), ...own });
    return {
      sourceId,
      at,
      pattern: 'loyalty-enrolment',
      personId: person.personId,
      name: writtenName(person, false),
      storeId: null,
      country: person.country,
      identifiers,
      order: null,
    };
  };
  const observations = people.flatMap((person) =>
    person.cards.map((card, i) =>
      enrolment(
        person,
        { type: 'card', raw: card.number, country: person.country, owner: personOwner(person.personId) },
        card.from,
        `enrol-${person.personId.slice(3)}-${i + 1}`,
      ),
    ),
  );
  for (const household of households) {
    const holder = byId.get(household.personIds[0]) as SyntheticPerson;
    const owner = {
      kind: 'household' as const,
      householdId: household.householdId,
      personIds: household.personIds,
    };
    observations.push(
      enrolment(
        holder,
        { type: 'card', raw: household.card, country: holder.country, owner, note: 'shared-card' },
        from,
        `enrol-${household.householdId}`,
      ),
    );
  }
  return observations;
}
