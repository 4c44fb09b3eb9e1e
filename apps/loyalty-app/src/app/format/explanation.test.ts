import { describe, expect, it as test } from 'vitest';
import type { EntryExplanation, LineExplanation } from '../api/explanation-views.js';
import { en } from '../i18n/en.js';
import { it } from '../i18n/it.js';
import { explainEntry, explainLine } from './explanation.js';
import { createFormatter } from './formatter.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const italian = createFormatter('it', it, { timeZone: 'Europe/Rome' });
const english = createFormatter('en', en, { timeZone: 'Europe/Rome' });
const inItalian = (because: EntryExplanation) => plain(explainEntry(because, it, italian));
const inEnglish = (because: EntryExplanation) => plain(explainEntry(because, en, english));
const lineInItalian = (because: LineExplanation) => plain(explainLine(because, it, italian));
const lineInEnglish = (because: LineExplanation) => plain(explainLine(because, en, english));

const earned: EntryExplanation = {
  kind: 'earned',
  points: 245,
  transactionId: 'MI-001-T03-000123',
  storeId: 'MI-001',
  pendingUntil: '2027-01-06T10:00:00.000Z',
};

describe('explainEntry', () => {
  test('when a purchase earned pending points, then each language says so with its own words and dates', () => {
    expect(inItalian(earned)).toBe(
      '245 punti guadagnati con l’acquisto MI-001-T03-000123: in attesa fino al 6 gen 2027, poi disponibili.',
    );
    expect(inEnglish(earned)).toBe(
      '245 points earned on purchase MI-001-T03-000123: pending until 6 Jan 2027, then available.',
    );
  });

  test('when a return took back points already spent, then the sentence says what is recovered', () => {
    const reversed: EntryExplanation = {
      kind: 'reversed',
      points: 38,
      transactionId: 'MI-002-T01-000045',
      originalTransactionId: 'MI-001-T03-000123',
      recovered: 12,
      writtenOff: 0,
    };
    expect(inItalian(reversed)).toBe(
      '38 punti tolti per gli articoli resi (operazione MI-002-T01-000045, acquisto MI-001-T03-000123). 12 punti già usati saranno recuperati dai prossimi acquisti.',
    );
    expect(inEnglish({ ...reversed, recovered: 0, writtenOff: 1 })).toBe(
      '38 points taken back for items returned (transaction MI-002-T01-000045, purchase MI-001-T03-000123). 1 point already spent will not be asked back.',
    );
  });

  test('when points activate, expire, are spent, adjusted or moved by a merge, then every kind reads in Italian', () => {
    const day = '2026-11-22T09:15:00.000Z';
    expect(inItalian({ kind: 'activated', points: 245, earnedAt: day, repaid: 0 })).toBe(
      '245 punti guadagnati il 22 nov 2026 ora disponibili.',
    );
    // The words agree with the count: one point, several points.
    expect(inItalian({ kind: 'expired', points: 1, earnedAt: day })).toBe(
      '1 punto guadagnato il 22 nov 2026 scaduto.',
    );
    expect(inItalian({ kind: 'expired', points: 40, earnedAt: day })).toBe(
      '40 punti guadagnati il 22 nov 2026 scaduti.',
    );
    expect(inItalian({ kind: 'redeemed', points: 200, posTransactionId: 'MI-001-T01-000900' })).toBe(
      '200 punti usati alla cassa (operazione MI-001-T01-000900).',
    );
    expect(inItalian({ kind: 'adjusted', points: -50, actor: 'staff_7', reason: 'doppio accredito' })).toBe(
      '50 punti tolti dal servizio clienti: doppio accredito',
    );
    expect(
      inItalian({ kind: 'moved_in', points: 300, fromMemberId: 'mbr_b', operation: 'merge', rule: 'email' }),
    ).toBe('300 punti arrivati dalla tua altra iscrizione: i profili sono stati uniti.');
    // Nothing of the engine's English reaches the Italian screen, and no internal id either.
    for (const text of [inItalian(earned), inItalian({ kind: 'held', points: 10 })])
      expect(text).not.toMatch(/\bpts\b|earned|pending|mbr_/);
  });

  test('when an entry predates explanations kept as data, then its English sentence shows as it is', () => {
    expect(inItalian({ kind: 'text', text: '5 pts added by support: goodwill' })).toBe(
      '5 pts added by support: goodwill',
    );
  });
});

describe('explainLine', () => {
  const line: LineExplanation = {
    kind: 'earned',
    lineId: '1',
    points: 210,
    paid: { minor: 12000, currency: 'EUR' },
    rate: 1,
    factors: [
      { kind: 'campaign', code: 'AUTUNNO', factor: 2 },
      { kind: 'tier', code: 'SILVER', factor: 1.25 },
    ],
    chainPoints: 300,
    bonuses: [{ code: 'WELCOME', points: 0 }],
    cap: { period: 'daily', uncapped: 300 },
  };

  test('when a line earned through a campaign, a tier and a cap, then the chain reads in each language with its numbers', () => {
    expect(lineInItalian(line)).toBe(
      'Riga 1: 210 punti = 120,00 € × 1 × campagna AUTUNNO ×2 × livello SILVER ×1,25 = 300, limitati a 210 dal tetto giornaliero',
    );
    expect(lineInEnglish(line)).toBe(
      'Line 1: 210 points = €120.00 × 1 × campaign AUTUNNO ×2 × tier SILVER ×1.25 = 300, capped to 210 by the daily cap',
    );
  });

  test('when a line shares a bonus, then the sum before it shows', () => {
    const withBonus = {
      ...line,
      points: 286,
      chainPoints: 235,
      bonuses: [{ code: 'WELCOME', points: 51 }],
      cap: null,
    };
    expect(lineInItalian(withBonus)).toBe(
      'Riga 1: 286 punti = 120,00 € × 1 × campagna AUTUNNO ×2 × livello SILVER ×1,25 = 235 + bonus WELCOME 51',
    );
  });

  test('when a line earns nothing or is returned, then it says why in the language of the app', () => {
    expect(
      lineInItalian({
        kind: 'no_points',
        lineId: '2',
        reason: { kind: 'excluded_category', category: 'gift-cards' },
      }),
    ).toBe('Riga 2: nessun punto, la categoria gift-cards è esclusa');
    expect(
      lineInEnglish({
        kind: 'no_points',
        lineId: '1',
        reason: {
          kind: 'below_minimum',
          basket: { minor: 1999, currency: 'EUR' },
          minimum: { minor: 2000, currency: 'EUR' },
        },
      }),
    ).toBe('Line 1: no points, the basket (€19.99) is below the minimum of €20.00');
    expect(
      lineInItalian({ kind: 'returned', lineId: '1', points: 38, quantity: 1, originalLineId: '2' }),
    ).toBe('Riga 1: 38 punti tolti per 1 reso della riga 2');
  });
});
