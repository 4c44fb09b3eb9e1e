/** Every string of the back office in Italian: the reference catalogue (en.ts has its shape). */
export const it = {
  app: {
    name: 'Scontrino · Back office',
    skipToContent: 'Vai al contenuto',
    language: 'Lingua',
    signIn: 'Accedi come personale',
    signInIntro: 'Il back office è per il personale del retailer: accedi con il tuo account aziendale.',
    signOut: 'Esci',
    loading: 'Caricamento…',
    loadError: 'Non è stato possibile caricare i dati.',
    retry: 'Riprova',
  },
  who: {
    title: 'Chi sei',
    roles: 'Ruoli',
    brands: 'Marchi',
    allBrands: 'tutti i marchi',
    stores: 'Negozi',
    allStores: 'tutti i negozi dei tuoi marchi',
    allows: 'Cosa ti permettono i tuoi ruoli',
    role: {
      admin: 'amministratore',
      store_manager: 'responsabile di negozio',
      crm_analyst: 'analista CRM',
      support: 'assistenza clienti',
    } as Record<string, string>,
    permission: {
      'stores.read': 'vedere i profili dei negozi',
      'stores.manage': 'modificare i profili dei negozi',
      'terminals.manage': 'emettere e revocare le chiavi delle casse',
      'receipts.read': 'vedere gli scontrini e i loro invii',
      'receipts.resend': 'inviare di nuovo uno scontrino',
      'members.read': 'vedere i soci, le carte e i saldi',
      'members.manage': 'iscrivere soci e aggiungere carte',
      'points.adjust': 'correggere i punti a mano',
      'program.read': 'vedere il programma fedeltà',
      'program.manage': 'pubblicare una nuova versione del programma',
      'profiles.read': 'vedere i profili clienti, mascherati',
      'identity.reveal': 'vedere i dati di contatto in chiaro (con un motivo)',
      'identity.curate': 'unire, separare e mettere in quarantena i collegamenti',
      'settings.read': 'vedere le impostazioni di riconciliazione',
      'settings.manage': 'modificare le impostazioni di riconciliazione',
      'privacy.requests': 'gestire le richieste degli interessati (export, cancellazione)',
      'audit.read': 'consultare il registro di audit',
      'kpis.read': 'vedere il cruscotto KPI dei negozi',
    } as Record<string, string>,
  },
  dashboard: {
    title: 'Cruscotto KPI',
    refused: 'I tuoi ruoli non comprendono il cruscotto KPI.',
    brand: 'Marchio',
    store: 'Negozio',
    allStores: 'Tutti i negozi',
    from: 'Dal',
    to: 'Al',
    show: 'Mostra',
    exportCsv: 'Esporta CSV',
    empty: 'Nessuna vendita in questo periodo.',
    definition: 'Definizione',
    perDay: 'Per giorno',
    revenueChart: 'Incasso netto per giorno (€)',
    salesChart: 'Vendite e resi per giorno',
    sharesChart: 'Quote per giorno (%)',
    sourceNote: 'Dai riepiloghi giornalieri del servizio scontrini (giorni in UTC).',
    day: 'Giorno',
  },
  kpi: {
    sales: { label: 'Vendite', definition: 'Numero di vendite registrate dalle casse (i resi esclusi).' },
    revenue: {
      label: 'Incasso netto',
      definition: 'Totale delle vendite, sconti applicati, meno i rimborsi dei resi.',
    },
    averageTicket: {
      label: 'Scontrino medio',
      definition: 'Totale lordo delle vendite diviso per il numero di vendite.',
    },
    returnsRate: {
      label: 'Tasso di reso',
      definition: 'Importo rimborsato con i resi diviso per il totale lordo delle vendite.',
    },
    identifiedShare: {
      label: 'Vendite identificate',
      definition: 'Quota di vendite in cui la cassa ha indicato il cliente (carta, e-mail, telefono…).',
    },
    digitalReceiptShare: {
      label: 'Scontrino digitale',
      definition:
        'Quota di vendite con uno scontrino inviato per e-mail, nell’app o reclamato con il QR code.',
    },
    qrClaimRate: {
      label: 'QR reclamati',
      definition:
        'Scontrini reclamati col QR code diviso per gli scontrini stampati con un QR (vendite anonime).',
    },
  },
};

/** The shape of a catalogue: the Italian one is the reference. */
export type Messages = typeof it;
