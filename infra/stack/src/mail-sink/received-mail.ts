import { randomBytes } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';

/** One message as the sink's JSON API returns it. Addresses are bare (`a@b.c`), without display names. */
export interface ReceivedMail {
  id: string;
  receivedAt: string;
  /** What the SMTP client said in MAIL FROM / RCPT TO: includes Bcc recipients. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string[];
  subject: string;
  /** Trailing whitespace trimmed. */
  text: string;
  html: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) =>
    object.value
      .flatMap((entry) => [entry, ...(entry.group ?? [])])
      .flatMap((entry) => (entry.address ? [entry.address] : [])),
  );
}

function headerRecord(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    // Raw lines are "Name: value" and may be folded over several lines.
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

export function toReceivedMail(parsed: ParsedMail, envelope: ReceivedMail['envelope']): ReceivedMail {
  return {
    id: `mail_${randomBytes(6).toString('hex')}`,
    receivedAt: new Date().toISOString(),
    envelope,
    from: addresses(parsed.from)[0] ?? envelope.from,
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    // mailparser ends a single text part with a newline and an alternative part without.
    text: (parsed.text ?? '').trimEnd(),
    html: parsed.html || null,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    headers: headerRecord(parsed),
  };
}

/** Whether `address` received the mail, as a To/Cc/Bcc recipient (case-insensitive). */
export function isAddressedTo(mail: ReceivedMail, address: string): boolean {
  const wanted = address.toLowerCase();
  return [...mail.envelope.to, ...mail.to].some((recipient) => recipient.toLowerCase() === wanted);
}
