/** The receipt service's own privacy notice, per language of the receipt catalogues. */
export interface PrivacyNotice {
  title: string;
  intro: string;
  sections: { heading: string; body: string }[];
}

const it: PrivacyNotice = {
  title: 'Informativa sulla privacy degli scontrini digitali',
  intro:
    'Questa informativa riguarda il servizio degli scontrini digitali: gli scontrini dei negozi che lo usano e il modulo con cui chiedi uno scontrino via email. Titolare del trattamento è il negozio che ha emesso lo scontrino: nome, indirizzo e partita IVA sono in fondo a ogni scontrino.',
  sections: [
    {
      heading: 'Che cosa conserviamo',
      body: "L'indirizzo email che inserisci, cifrato, e un'impronta con chiave che ci permette di ritrovare i tuoi scontrini senza leggerlo. Lo scontrino riporta che cosa hai comprato, dove e quando; di una carta di pagamento solo il circuito e le ultime quattro cifre.",
    },
    {
      heading: 'Perché',
      body: 'Per inviarti lo scontrino che hai chiesto. Per accreditarti i punti dello scontrino se sei iscritto, o ti iscrivi, al programma fedeltà del negozio con lo stesso indirizzo, e per riconoscere come tuoi gli acquisti fatti nei negozi e online dello stesso marchio. Per inviarti offerte solo se hai spuntato la casella: puoi revocare il consenso in qualsiasi momento chiedendolo al negozio.',
    },
    {
      heading: 'Per quanto tempo',
      body: 'Lo scontrino è conservato per il tempo richiesto dalle norme fiscali; il tuo indirizzo resta con lo scontrino finché non ne chiedi la cancellazione. I registri degli invii email sono cancellati dopo 180 giorni.',
    },
    {
      heading: 'I tuoi diritti',
      body: 'Ogni email con uno scontrino ha un link per non riceverne più. Per sapere quali dati abbiamo su di te o per farli cancellare, rivolgiti al negozio: la cancellazione toglie il tuo indirizzo da tutti i servizi del suo programma.',
    },
  ],
};

const en: PrivacyNotice = {
  title: 'Privacy notice for digital receipts',
  intro:
    'This notice covers the digital receipt service: the receipts of the stores that use it, and the form where you ask for a receipt by email. The store that issued the receipt is responsible for your data: its name, address and VAT number are at the foot of every receipt.',
  sections: [
    {
      heading: 'What we keep',
      body: 'The email address you type, encrypted, and a keyed fingerprint of it that lets us find your receipts without reading it. A receipt holds what you bought, where and when; of a payment card only its brand and last four digits.',
    },
    {
      heading: 'What for',
      body: "To send you the receipt you asked for. To credit the receipt's points if you belong to, or join, the store's loyalty programme with the same address, and to recognise your purchases in the brand's stores and online as yours. To send you offers only if you ticked the box: you can withdraw that consent at any time by asking the store.",
    },
    {
      heading: 'How long',
      body: 'A receipt is kept as long as tax law requires; your address stays with it until you ask for it to be erased. Records of the emails sent are deleted after 180 days.',
    },
    {
      heading: 'Your rights',
      body: 'Every receipt email has a link to stop receipt emails. To learn what data is held about you, or to have it erased, ask the store: erasure removes your address from every service of its programme.',
    },
  ],
};

export function privacyNotice(locale: string): PrivacyNotice {
  return locale.toLowerCase().startsWith('it') ? it : en;
}
