/**
 * Who shops at an Italian fashion chain with a few stores abroad: mostly Italians, then other EU
 * customers. Names and e-mail providers are the common ones of each country.
 */
export const countries = ['IT', 'DE', 'FR', 'ES', 'AT', 'NL'] as const;
export type Country = (typeof countries)[number];

export interface Locale {
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** Common consumer mail providers, most used first. */
  mailProviders: readonly string[];
}

const list = (names: string): string[] => names.split(/,\s*/);

export const locales: Record<Country, Locale> = {
  IT: {
    firstNames: list(
      'Marco, Giulia, Alessandro, Francesca, Luca, Chiara, Andrea, Sara, Matteo, Martina, Giuseppe, ' +
        'Valentina, Francesco, Elena, Lorenzo, Federica, Davide, Silvia, Stefano, Alessia, Nicolò, Anna, ' +
        'Simone, Laura, Paolo, Roberta, Antonio, Ilaria, Giovanni, Beatrice, Riccardo, Maria Grazia, ' +
        'Gianluca, Lucia, Fabio, Caterina',
    ),
    lastNames: list(
      'Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, ' +
        'Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, ' +
        "Mariani, Rinaldi, Caruso, Ferrara, D'Angelo, Galli, Leone, Longo, Martinelli, Serra, Vitale",
    ),
    mailProviders: list(
      'gmail.com, libero.it, hotmail.it, yahoo.it, outlook.it, virgilio.it, alice.it, tiscali.it, icloud.com',
    ),
  },
  DE: {
    firstNames: list('Lukas, Anna, Jonas, Lea, Felix, Hannah, Maximilian, Sophie, Jürgen, Katrin'),
    lastNames: list('Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann'),
    mailProviders: list('gmail.com, web.de, gmx.de, t-online.de, outlook.de'),
  },
  FR: {
    firstNames: list('Camille, Lucas, Léa, Hugo, Chloé, Louis, Manon, Théo, Inès, François'),
    lastNames: list('Martin, Bernard, Dubois, Thomas, Robert, Petit, Durand, Leroy, Moreau'),
    mailProviders: list('gmail.com, orange.fr, free.fr, hotmail.fr, laposte.net, sfr.fr'),
  },
  ES: {
    firstNames: list('Lucía, Hugo, Martina, Mateo, Sofía, Pablo, Carmen, Javier, Paula, Álvaro'),
    lastNames: list('García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez'),
    mailProviders: list('gmail.com, hotmail.es, yahoo.es, outlook.es, telefonica.net'),
  },
  AT: {
    firstNames: list('Tobias, Lena, Florian, Julia, Elias, Sarah, Stefan, Magdalena'),
    lastNames: list('Gruber, Huber, Bauer, Wagner, Pichler, Steiner, Moser, Mayer'),
    mailProviders: list('gmail.com, gmx.at, aon.at, chello.at, outlook.com'),
  },
  NL: {
    firstNames: list('Daan, Emma, Sem, Julia, Lucas, Mila, Bram, Sanne'),
    lastNames: list('de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Visser, Smit'),
    mailProviders: list('gmail.com, ziggo.nl, kpnmail.nl, hotmail.nl, outlook.com'),
  },
};
