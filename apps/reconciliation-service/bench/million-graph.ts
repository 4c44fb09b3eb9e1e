import type { IdentifierType } from '@scontrino/identity';
import type { GraphIdentifier, GraphLink, RebuildInput } from '../src/domain/graph/types.js';
import { defaultGraphConfig } from '../src/domain/graph/config.js';
import { SeededRandom } from './synthetic/prng.js';

const YEAR = 365 * 24 * 3_600_000;
const START = Date.parse('2025-01-01T00:00:00Z');

/**
 * A tenant's identity graph of about `size` identifiers, built directly (the full generator
 * normalises every phone and would take minutes): people of 2 to 6 identifiers linked the way
 * observations link them, 2 % sharing a family card, one junk phone or e-mail per 5 000
 * identifiers each seen with 50 to 800 cards, a third of them blocklisted (already quarantined).
 */
export function millionGraph(size: number, seed = 1): RebuildInput {
  const random = new SeededRandom(seed);
  const identifiers: GraphIdentifier[] = [];
  const links: GraphLink[] = [];
  const cards: string[] = [];
  const add = (type: IdentifierType, at: number, extra: Partial<GraphIdentifier> = {}) => {
    const n = identifiers.length;
    const hash = `h${n.toString(36).padStart(8, '0')}`;
    identifiers.push({
      id: `moda-rossi:${type}:${hash}`,
      type,
      hash,
      firstSeenAt: at,
      verified: false,
      ...extra,
    });
    return identifiers[n] as GraphIdentifier;
  };
  const link = (a: GraphIdentifier, b: GraphIdentifier, at: number) => {
    const [x, y] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    links.push({
      id: `lnk:${x}~${y}`,
      a: x,
      b: y,
      observationId: `obs:${links.length}`,
      at,
      rule: 'identify',
    });
  };
  const kinds: IdentifierType[] = ['email', 'phone', 'payment', 'webAccount', 'device'];

  const junkCount = Math.max(10, Math.floor(size / 5000));
  while (identifiers.length < size - junkCount) {
    const at = START + Math.floor(random.float() * YEAR);
    const card = add('card', at);
    cards.push(card.id);
    const own = [card];
    const extra = random.int(1, 5);
    for (let i = 0; i < extra; i += 1)
      own.push(add(random.pick(kinds), at + random.int(0, 1e9), { verified: random.chance(0.5) }));
    // Observations see two or three of them at once: a chain plus a shortcut, as sales and orders do.
    for (let i = 1; i < own.length; i += 1)
      link(own[i - 1] as GraphIdentifier, own[i] as GraphIdentifier, at + i);
    if (own.length > 3 && random.chance(0.5))
      link(own[0] as GraphIdentifier, own.at(-1) as GraphIdentifier, at);
    if (random.chance(0.02) && identifiers.length > 100) {
      // The partner's family card: a second person's e-mail and the card.
      const partnerEmail = add('email', at, { verified: true });
      own[0] = add('card', at);
      link(partnerEmail, own[0], at);
      link(own[1] as GraphIdentifier, own[0], at);
    }
  }
  const byId = new Map(identifiers.map((identifier) => [identifier.id, identifier]));
  while (identifiers.length < size) {
    const at = START + random.int(0, 1000);
    const junk = add(
      random.chance(0.5) ? 'phone' : 'email',
      at,
      random.chance(0.3) ? { quarantined: 'blocklist' } : {},
    );
    const seen = random.int(50, 800);
    for (let i = 0; i < seen; i += 1) link(junk, byId.get(random.pick(cards)) as GraphIdentifier, at + i);
  }
  return {
    identifiers,
    links,
    overrides: { neverLink: [], mustLink: [] },
    config: defaultGraphConfig,
    now: START + YEAR,
  };
}
