import { demoProgramConfig } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { en } from './i18n/en.js';
import { it as italian } from './i18n/it.js';
import { describeProgram, type RuleFormats } from './program-rules.js';

const formats = (locale: string): RuleFormats => ({
  money: (minor) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(minor / 100),
  percent: (ratio) => new Intl.NumberFormat(locale, { style: 'percent' }).format(ratio),
  date: (iso) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Rome' }).format(new Date(iso)),
  count: (value) => new Intl.NumberFormat(locale).format(value),
});
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the program in sentences', () => {
  it('when the demo program is shown in English, then each section reads as its configuration says', () => {
    const sections = describeProgram(demoProgramConfig, en.program.rules, formats('en-GB'));
    expect(sections.map((section) => section.title)).toEqual([
      'Earning',
      'Campaigns',
      'Tiers',
      'Balance',
      'Redemption',
    ]);
    const text = sections.map((section) => [section.title, ...section.lines.map(plain)]);
    expect(text[0]).toEqual([
      'Earning',
      '1 points per EUR paid (rounded down).',
      'Every receipt earns, whatever its total.',
      'Excluded: category gift-cards.',
      'No daily or monthly cap.',
    ]);
    expect(text[1]).toEqual([
      'Campaigns',
      'AUTUNNO “Autumn: double points on outerwear”, 1 Sept 2026 to 1 Dec 2026, every store: lines of categories outerwear → points ×2.',
    ]);
    expect(text[2]).toEqual([
      'Tiers',
      'On points of the last 12 months; below the threshold a member drops one tier after 90 days.',
      'Bronze (BRONZE): from 0, points ×1.',
      'Silver (SILVER): from 500, points ×1.25.',
      'Gold (GOLD): from 2,000, points ×1.5.',
    ]);
    expect(text[4]).toEqual([
      'Redemption',
      '1 point is worth €0.01; at least 100 points; at most 50% of a receipt.',
      'Points on hold and not used are free again after 15 minutes.',
    ]);
  });

  it('when a draft caps earning and tiers go by spend, then the Italian text says so in euros', () => {
    const draft = structuredClone(demoProgramConfig);
    draft.earning.caps = { perDay: 1000, perMonth: null };
    draft.tiers = {
      ...draft.tiers,
      basis: 'spend',
      levels: [
        { code: 'BASE', name: 'Base', threshold: 0, multiplier: 1 },
        { code: 'VIP', name: 'Vip', threshold: 150_000, multiplier: 2 },
      ],
    };
    draft.campaigns = [];
    const [earning, campaigns, tiers] = describeProgram(draft, italian.program.rules, formats('it-IT'));
    expect(earning!.lines).toContain('Al massimo 1000 punti al giorno.');
    expect(campaigns!.lines).toEqual(['Nessuna campagna.']);
    expect(tiers!.lines.map(plain)).toEqual([
      'Su spesa degli ultimi 12 mesi; sotto la soglia si scende di un livello dopo 90 giorni.',
      'Base (BASE): da 0,00 €, punti ×1.',
      'Vip (VIP): da 1500,00 €, punti ×2.',
    ]);
  });
});
