import type { Locale } from './messages.js';

/**
 * The strings of the dashboard's customer figures (purchases per customer, repurchase, CLV,
 * cross-channel), kept apart from the main catalogues; the Italian one is the reference shape.
 */
const it = {
  title: 'Clienti del marchio',
  intro:
    'Clienti identificati (un profilo, anche se unito da più identificativi), per giorno UTC, di tutto il marchio.',
  wholeBrand: 'Dati di tutto il marchio: i clienti non appartengono a un negozio.',
  refused: 'I clienti sono del marchio: il tuo ruolo vede solo i suoi negozi.',
  asOf: (day: string) => `Calcolati il ${day} (al più ogni ora, e ogni notte).`,
  notBuilt: 'Non ancora calcolati: succede entro pochi minuti dai primi acquisti identificati.',
  chart: 'Clienti e nuovi clienti per giorno',
  exportCsv: 'Esporta CSV clienti',
  formula: 'Formula del CLV previsto',
  formulaText: (ticket: string, perYear: string, years: string, clv: string) =>
    `scontrino medio ${ticket} × acquisti per cliente all’anno ${perYear} × anni attesi ${years} = ${clv}; anni attesi = 1 / (1 − tasso di riacquisto a 90 giorni), al più 10.`,
  formulaMissing:
    'Serve il tasso di riacquisto a 90 giorni: clienti acquisiti nel periodo almeno 90 giorni prima del calcolo.',
  kpi: {
    customers: {
      label: 'Clienti',
      definition: 'Clienti identificati che hanno acquistato nel periodo, ciascuno una volta.',
    },
    purchasesPerCustomer: {
      label: 'Acquisti per cliente',
      definition: 'Acquisti dei clienti identificati nel periodo (resi esclusi) diviso per quei clienti.',
    },
    newCustomers: {
      label: 'Nuovi clienti',
      definition: 'Clienti il cui primo acquisto cade nel periodo: la coorte del riacquisto e del CLV.',
    },
    repurchaseRate30: {
      label: 'Riacquisto a 30 giorni',
      definition:
        'Dei nuovi clienti del periodo acquisiti almeno 30 giorni prima del calcolo, quota che ha acquistato di nuovo, in un giorno successivo, entro 30 giorni dal primo acquisto.',
    },
    repurchaseRate90: {
      label: 'Riacquisto a 90 giorni',
      definition:
        'Dei nuovi clienti del periodo acquisiti almeno 90 giorni prima del calcolo, quota che ha acquistato di nuovo, in un giorno successivo, entro 90 giorni dal primo acquisto.',
    },
    clvHistorical: {
      label: 'CLV storico',
      definition:
        'Incasso netto dei resi dei nuovi clienti del periodo, dal primo acquisto a oggi, diviso per quei clienti.',
    },
    clvPredicted: {
      label: 'CLV previsto',
      definition:
        'Scontrino medio × acquisti per cliente all’anno × anni attesi, dei nuovi clienti del periodo; anni attesi = 1 / (1 − riacquisto a 90 giorni), al più 10.',
    },
    crossChannelShare: {
      label: 'Clienti multicanale',
      definition:
        'Dei clienti del periodo, quota che nella sua storia ha comprato sia online (ordini consegnati) sia in negozio.',
    },
  },
};

type CustomerKpiMessages = typeof it;

const en: CustomerKpiMessages = {
  title: "The brand's customers",
  intro:
    'Identified customers (one profile, however many identifiers it joins), by UTC day, across the whole brand.',
  wholeBrand: 'Whole-brand figures: customers do not belong to one store.',
  refused: "Customers are the brand's: your role sees its stores only.",
  asOf: (day: string) => `Computed on ${day} (hourly at most, and nightly).`,
  notBuilt: 'Not computed yet: that happens within minutes of the first identified purchases.',
  chart: 'Customers and new customers per day',
  exportCsv: 'Export customer CSV',
  formula: 'Predicted CLV formula',
  formulaText: (ticket: string, perYear: string, years: string, clv: string) =>
    `average ticket ${ticket} × purchases per customer per year ${perYear} × expected years ${years} = ${clv}; expected years = 1 / (1 − 90-day repurchase rate), at most 10.`,
  formulaMissing:
    'It needs the 90-day repurchase rate: customers acquired in the range at least 90 days before the figures were computed.',
  kpi: {
    customers: {
      label: 'Customers',
      definition: 'Identified customers who bought in the range, each counted once.',
    },
    purchasesPerCustomer: {
      label: 'Purchases per customer',
      definition: "Identified customers' purchases in the range (returns excluded) over those customers.",
    },
    newCustomers: {
      label: 'New customers',
      definition:
        'Customers whose first purchase falls in the range: the cohort of the repurchase and CLV figures.',
    },
    repurchaseRate30: {
      label: '30-day repurchase',
      definition:
        "Of the range's new customers acquired at least 30 days before the figures were computed, the share who bought again, on a later day, within 30 days of their first purchase.",
    },
    repurchaseRate90: {
      label: '90-day repurchase',
      definition:
        "Of the range's new customers acquired at least 90 days before the figures were computed, the share who bought again, on a later day, within 90 days of their first purchase.",
    },
    clvHistorical: {
      label: 'Historical CLV',
      definition:
        "The range's new customers' revenue net of returns, from their first purchase until now, per customer.",
    },
    clvPredicted: {
      label: 'Predicted CLV',
      definition:
        "Average ticket × purchases per customer per year × expected years, of the range's new customers; expected years = 1 / (1 − 90-day repurchase rate), at most 10.",
    },
    crossChannelShare: {
      label: 'Cross-channel customers',
      definition:
        "Of the range's customers, the share who over their history bought both online (delivered orders) and in store.",
    },
  },
};

export const customerKpiMessages: Readonly<Record<Locale, CustomerKpiMessages>> = { it, en };
