import { isAddressedTo, type ReceivedMail } from './received-mail.js';

export interface StoredMail {
  mail: ReceivedMail;
  /** Attachment bodies, by the index of `mail.attachments`. */
  contents: Buffer[];
}

/** Received mails in memory, newest first; the oldest are dropped past `capacity`. */
export class MailStore {
  readonly #mails: StoredMail[] = [];
  readonly #listeners = new Set<(mail: ReceivedMail) => void>();

  constructor(private readonly capacity = 1_000) {}

  add(stored: StoredMail): void {
    this.#mails.unshift(stored);
    this.#mails.length = Math.min(this.#mails.length, this.capacity);
    for (const listener of this.#listeners) listener(stored.mail);
  }

  /** Calls `listener` with every mail received from now on, kept or not; returns the unsubscribe. */
  subscribe(listener: (mail: ReceivedMail) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(filter: { to?: string } = {}): ReceivedMail[] {
    const { to } = filter;
    return this.#mails.map(({ mail }) => mail).filter((mail) => to === undefined || isAddressedTo(mail, to));
  }

  get(id: string): StoredMail | undefined {
    return this.#mails.find(({ mail }) => mail.id === id);
  }

  clear(): void {
    this.#mails.length = 0;
  }
}
