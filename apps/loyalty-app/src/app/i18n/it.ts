/** A number already formatted, with the count its words agree with. */
export interface Counted {
  text: string;
  count: number;
}

/** The word that agrees with a count: Italian has one form for 1 and one for the rest. */
const agree = (counted: Counted, one: string, other: string) => (counted.count === 1 ? one : other);

/**
 * Every string of the app in Italian: the reference catalogue (its shape is the `Messages` type
 * the English one must match). Functions take values already formatted for the locale.
 */
export const it = {
  app: {
    name: 'Scontrino Fedeltà',
    skipToContent: 'Vai al contenuto',
    language: 'Lingua',
    signOut: 'Esci',
    sections: 'Sezioni',
  },
  nav: { home: 'Punti', history: 'Movimenti', receipts: 'Scontrini', card: 'Carta' },
  common: {
    loading: 'Caricamento…',
    retry: 'Riprova',
    loadError: 'Non siamo riusciti a caricare i dati.',
    points: { one: 'punto', other: 'punti' },
    newTab: '(si apre in una nuova scheda)',
  },
  signIn: {
    title: 'Accedi',
    intro: 'Inserisci l’email con cui ti sei iscritto al programma: ti mandiamo un codice di accesso.',
    emailLabel: 'Email',
    sendCode: 'Invia il codice',
    sending: 'Invio in corso…',
    codeTitle: 'Controlla la posta',
    codeIntro: (email: string) =>
      `Se ${email} è iscritto al programma, riceverai un codice di 6 cifre. Il codice vale 10 minuti.`,
    codeLabel: 'Codice di 6 cifre',
    verify: 'Accedi',
    verifying: 'Verifica in corso…',
    resend: 'Invia un nuovo codice',
    resent: 'Ti abbiamo inviato un nuovo codice: vale solo l’ultimo.',
    changeEmail: 'Usa un’altra email',
    toJoin: 'Non sei iscritto? Iscriviti al programma',
    toSignIn: 'Sei già iscritto? Accedi',
    joinTitle: 'Iscriviti al programma',
    joinIntro:
      'Iscriviti con la tua email: ricevi subito una carta digitale, e gli scontrini che hai richiesto con questa email ti danno i loro punti.',
    nameLabel: 'Nome (facoltativo)',
    consentLabel: 'Inviatemi offerte e novità via email',
    join: 'Iscrivimi e invia il codice',
  },
  errors: {
    invalidEmail: 'Controlla l’indirizzo email: sembra incompleto.',
    codeFormat: 'Il codice è fatto di 6 cifre.',
    wrongCode: 'Codice errato o scaduto. Riprova o chiedi un nuovo codice.',
    tooManyAttempts: 'Troppi tentativi con questo codice. Chiedine uno nuovo.',
    tooManyWrongCodes: 'Troppi codici errati per questo indirizzo: riprova domani.',
    rateLimited: 'Troppe richieste ravvicinate: riprova tra qualche minuto.',
    offline: 'Non riusciamo a raggiungere il servizio. Controlla la connessione e riprova.',
    unexpected: 'Qualcosa è andato storto da parte nostra. Riprova tra poco.',
    sessionExpired: 'La sessione è scaduta: accedi di nuovo.',
  },
  home: {
    title: 'I tuoi punti',
    available: 'Punti disponibili',
    pending: 'In attesa',
    pendingHint: 'Diventano disponibili al termine del periodo per i resi.',
    held: 'Riservati per un acquisto in corso',
    debt: 'Da recuperare',
    debtHint: 'Punti già usati di un acquisto reso: li recuperiamo dai prossimi acquisti.',
    expiring: 'In scadenza entro 30 giorni',
    expiringFrom: (date: string) => `Il primo lotto scade il ${date}.`,
    noneExpiring: 'Nessun punto in scadenza nei prossimi 30 giorni.',
    tier: 'Livello',
    multiplier: (multiplier: string) => `Guadagni punti ×${multiplier}`,
    progressLabel: (tier: string) => `Avanzamento verso ${tier}`,
    missingPoints: (missing: string, tier: string) => `Ancora ${missing} per il livello ${tier}.`,
    missingSpend: (missing: string, tier: string) => `Ancora ${missing} di acquisti per il livello ${tier}.`,
    topTier: 'Hai raggiunto il livello più alto.',
    downgradeAt: (date: string) => `Per mantenere il livello, accumula abbastanza punti entro il ${date}.`,
    since: (date: string) => `Dal ${date}`,
  },
  history: {
    title: 'Movimenti',
    empty: 'Nessun movimento per ora: i punti dei tuoi acquisti compariranno qui.',
    loadMore: 'Carica altri movimenti',
    end: 'Non ci sono altri movimenti.',
    pendingTag: 'in attesa',
    kinds: {
      earn: 'Acquisto',
      activate: 'Punti disponibili',
      hold: 'Punti riservati',
      release: 'Punti sbloccati',
      redeem: 'Punti usati',
      reverse: 'Reso',
      expire: 'Punti scaduti',
      adjust: 'Rettifica',
      transfer_out: 'Trasferimento in uscita',
      transfer_in: 'Trasferimento in entrata',
      other: 'Movimento',
    },
    /**
     * Why an entry moved points. Points come formatted with their count (`245 punti`), so the
     * words around them agree (`1 punto guadagnato`, `2 punti guadagnati`); dates come formatted.
     */
    explain: {
      earned: (points: Counted, transaction: string, until: string) =>
        `${points.text} ${agree(points, 'guadagnato', 'guadagnati')} con l’acquisto ${transaction}: in attesa fino al ${until}, poi ${agree(points, 'disponibile', 'disponibili')}.`,
      earnedNothing: (transaction: string) => `Nessun punto per l’acquisto ${transaction}.`,
      activated: (points: Counted, earnedOn: string) =>
        `${points.text} ${agree(points, 'guadagnato', 'guadagnati')} il ${earnedOn} ora ${agree(points, 'disponibile', 'disponibili')}.`,
      activatedRepaid: (points: Counted, earnedOn: string, repaid: Counted) =>
        `${points.text} ${agree(points, 'guadagnato', 'guadagnati')} il ${earnedOn} ora ${agree(points, 'disponibile', 'disponibili')}; ${repaid.text} ${agree(repaid, 'va', 'vanno')} a recuperare punti già usati di un acquisto reso.`,
      held: (points: Counted) => `${points.text} ${agree(points, 'riservato', 'riservati')} alla cassa.`,
      redeemed: (points: Counted, transaction: string) =>
        `${points.text} ${agree(points, 'usato', 'usati')} alla cassa (operazione ${transaction}).`,
      released: (points: Counted) =>
        `${points.text} ${agree(points, 'riservato', 'riservati')} alla cassa di nuovo ${agree(points, 'libero', 'liberi')}.`,
      reversed: (points: Counted, transaction: string, original: string) =>
        `${points.text} ${agree(points, 'tolto', 'tolti')} per gli articoli resi (operazione ${transaction}, acquisto ${original}).`,
      recovered: (points: Counted) =>
        `${points.text} già ${agree(points, 'usato', 'usati')} ${agree(points, 'sarà recuperato', 'saranno recuperati')} dai prossimi acquisti.`,
      writtenOff: (points: Counted) =>
        `${points.text} già ${agree(points, 'usato', 'usati')} non ti ${agree(points, 'viene chiesto', 'vengono chiesti')} indietro.`,
      added: (points: Counted, reason: string) =>
        `${points.text} ${agree(points, 'aggiunto', 'aggiunti')} dal servizio clienti: ${reason}`,
      removed: (points: Counted, reason: string) =>
        `${points.text} ${agree(points, 'tolto', 'tolti')} dal servizio clienti: ${reason}`,
      expired: (points: Counted, earnedOn: string) =>
        `${points.text} ${agree(points, 'guadagnato', 'guadagnati')} il ${earnedOn} ${agree(points, 'scaduto', 'scaduti')}.`,
      movedOutMerge: (points: Counted) =>
        `${points.text} ${agree(points, 'spostato', 'spostati')} sulla tua altra iscrizione: i profili sono stati uniti.`,
      movedOutUnmerge: (points: Counted) =>
        `${points.text} ${agree(points, 'riportato', 'riportati')} sull’altra iscrizione: i profili sono stati separati.`,
      movedInMerge: (points: Counted) =>
        `${points.text} ${agree(points, 'arrivato', 'arrivati')} dalla tua altra iscrizione: i profili sono stati uniti.`,
      movedInUnmerge: (points: Counted) =>
        `${points.text} ${agree(points, 'tornato', 'tornati')} da un’altra iscrizione: i profili sono stati separati.`,
    },
    /** How a sale line came to its points: `Riga 1: 156 punti = 78,38 € × 1 × campagna AUTUNNO ×2`. */
    lines: {
      line: (lineId: string) => `Riga ${lineId}`,
      factors: {
        sku: (code: string) => `articolo ${code}`,
        category: (code: string) => `categoria ${code}`,
        campaign: (code: string) => `campagna ${code}`,
        tier: (code: string) => `livello ${code}`,
      },
      bonus: (code: string, points: string) => `bonus ${code} ${points}`,
      cap: {
        daily: (points: string) => `limitati a ${points} dal tetto giornaliero`,
        monthly: (points: string) => `limitati a ${points} dal tetto mensile`,
      },
      noPoints: 'nessun punto',
      reasons: {
        excludedSku: (sku: string) => `l’articolo ${sku} è escluso`,
        excludedCategory: (category: string) => `la categoria ${category} è esclusa`,
        return: 'un reso non dà punti',
        otherCurrency: (sale: string, program: string) =>
          `l’acquisto è in ${sale} e il programma conta in ${program}`,
        belowMinimum: (basket: string, minimum: string) =>
          `la spesa (${basket}) è sotto il minimo di ${minimum}`,
      },
      returned: (points: Counted, quantity: Counted, originalLineId: string) =>
        `${points.text} ${agree(points, 'tolto', 'tolti')} per ${quantity.text} ${agree(quantity, 'reso', 'resi')} della riga ${originalLineId}`,
    },
  },
  receipts: {
    title: 'Scontrini',
    empty: 'Nessuno scontrino per ora: compariranno qui dopo i tuoi acquisti con la carta.',
    open: 'Apri lo scontrino',
    total: 'Totale',
    loadMore: 'Carica altri scontrini',
    kinds: { sale: 'Acquisto', return: 'Reso' },
  },
  card: {
    title: 'La tua carta',
    intro: 'Mostra questo codice alla cassa: i punti dell’acquisto arrivano da soli.',
    qrAlt: (number: string) => `Codice QR della carta numero ${number}`,
    number: 'Numero della carta',
    brightness: 'Alza la luminosità dello schermo per una lettura più rapida.',
    unavailable:
      'Il codice della carta non è disponibile al momento. Alla cassa puoi dare il numero stampato sulla tua carta.',
    choose: 'Carta da mostrare',
  },
};

/** The shape of a catalogue: the Italian one is the reference. */
export type Messages = typeof it;
