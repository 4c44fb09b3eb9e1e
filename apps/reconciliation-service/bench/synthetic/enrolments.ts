import type { SyntheticHousehold } from './activity.js';
import { personOwner, type ObservedIdentifier, type SyntheticObservation } from './observations.js';
import { writtenName, type SyntheticPerson } from './people.js';
import { e164 } from './phones.js';

/**
 * What a loyalty program knows of each card: the member who enrolled it, with their name, first
 * e-mail and first phone. A family card is enrolled by its first member; the other only shows it.
 * One observation per card (`member.enrolled`, rule `loyalty-enrolment`), when the card starts;
 * only when asked (`loyaltyEnrolments`). The loyalty service keeps no phone: `phones: false` is
 * what it sends.
 */
export function loyaltyEnrolments(
  people: readonly SyntheticPerson[],
  households: readonly SyntheticHousehold[],
  from: number,
  options: { phones: boolean } = { phones: true },
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
    if (options.phones && person.phones[0])
      identifiers.push({ type: 'phone', raw: e164(person.phones[0]), ...own });
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
