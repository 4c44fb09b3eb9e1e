import type { PosContactNotes } from '@scontrino/identity';
import { z } from 'zod';

const contactNote = z.object({
  type: z.string().meta({ example: 'phone' }),
  reason: z.string(),
});

/** The 201 answer to a recorded transaction: what the POS prints or shows. */
export const recordedReceiptSchema = z.object({
  receiptId: z.string().meta({ example: 'rcpt_k5q3x7w2m4n6p8r2t4v6x8z2b4' }),
  transactionId: z
    .string()
    .meta({ description: "The service's id of the stored transaction (txn_…), not the POS's own id." }),
  receiptUrl: z.url().meta({ description: 'The hosted receipt page.' }),
  claimUrl: z
    .url()
    .meta({
      description:
        'Only for a sale that names no e-mail (a card, phone or payment fingerprint alone still gets one): what the QR code on the slip encodes.',
    })
    .optional(),
  claimQr: z
    .object({ png: z.url(), svg: z.url() })
    .meta({ description: 'The claim QR code as images, when there is a claimUrl.' })
    .optional(),
  ignored: z.array(contactNote).meta({
    description:
      'Customer values that could not be read (a phone of impossible length, an address without @): they identify nobody. Same shape as the web-order answer.',
  }),
  lowerWeight: z.array(contactNote).meta({
    description:
      'Customer values kept at a lower weight: a phone that is possible for its country but not valid by the numbering plan, kept in E.164.',
  }),
});

export type RecordedReceipt = z.infer<typeof recordedReceiptSchema>;

/** The links of one receipt, from its secrets in clear; the same inputs always give the same answer. */
export function recordedReceipt(
  ids: { receiptId: string; transactionId: string; token: string; claimCode: string | null },
  publicUrl: string,
  contacts: PosContactNotes = { ignored: [], lowerWeight: [] },
): RecordedReceipt {
  const base = publicUrl.replace(/\/+$/, '');
  const answer: RecordedReceipt = {
    receiptId: ids.receiptId,
    transactionId: ids.transactionId,
    receiptUrl: `${base}/r/${ids.token}`,
    ignored: contacts.ignored,
    lowerWeight: contacts.lowerWeight,
  };
  if (ids.claimCode === null) return answer;
  const claimUrl = `${base}/c/${ids.claimCode}`;
  return { ...answer, claimUrl, claimQr: { png: `${claimUrl}/qr.png`, svg: `${claimUrl}/qr.svg` } };
}
