/**
 * Values cashiers type when the customer gives no e-mail, and test addresses. A prefix ending in
 * `@` is a local part on any domain (`cliente@negozio.it`, `cliente@gmail.com`): the words Italian
 * and English tills see typed into an empty e-mail field. The reconciliation service matches
 * nobody on them; the receipt service counts them per store and cashier (data quality).
 */
export const placeholderEmailPrefixes: readonly string[] = [
  'noemail@',
  'nomail@',
  'no-email@',
  'no.email@',
  'none@',
  'noreply@',
  'no-reply@',
  'no@',
  'nessuna@',
  'nessuno@',
  'niente@',
  'nonhamail@',
  'nonhaemail@',
  'senzamail@',
  'senzaemail@',
  'cliente@',
  'clienti@',
  'anonimo@',
  'anonima@',
  'test@',
  'a@',
  'x@',
  'xx@',
  'xxx@',
];

/** Whole addresses that are placeholders whatever their local part says. */
export const placeholderEmails: readonly string[] = ['test@example.com'];

/** Whether a normalised (lower-case) e-mail address is one of the placeholders. */
export function isPlaceholderEmail(normalised: string): boolean {
  return (
    placeholderEmails.includes(normalised) ||
    placeholderEmailPrefixes.some((prefix) => normalised.startsWith(prefix))
  );
}
