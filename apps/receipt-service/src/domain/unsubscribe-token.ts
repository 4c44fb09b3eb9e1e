/**
 * What a receipt e-mail's unsubscribe link signs: the address's look-up hash and the receipt it
 * came with (so the dashboard counts the opt-out on that sale's store and day). Links sent before
 * the receipt was added carry the hash alone, and still work.
 */
export function unsubscribePayload(emailHash: string, receiptId: string): string {
  return `${emailHash} ${receiptId}`;
}

export function readUnsubscribePayload(payload: string): { emailHash: string; receiptId: string | null } {
  const space = payload.indexOf(' ');
  if (space === -1) return { emailHash: payload, receiptId: null };
  return { emailHash: payload.slice(0, space), receiptId: payload.slice(space + 1) || null };
}
