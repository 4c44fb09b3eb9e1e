import type { Locale } from '../i18n/messages.js';
import { type LoyaltyClients } from './loyalty-client.js';
import { cardsFrom, historyFrom, receiptsFrom, summaryFrom } from './answers.js';
import { problemOf } from './problems.js';
import { tokenExpiry } from './session.js';
import type { HistoryEntry, MemberCard, Page, ReceiptSummary, SignedIn, Summary } from './views.js';

/** Everything the screens ask of the loyalty service. */
/** Functions, not methods: screens pass them around unbound (`useLoad(api.summary)`). */
export interface MemberApi {
  /** Sends a sign-in code, its e-mail in `language` (the app's). */
  requestCode: (email: string, language: Locale) => Promise<void>;
  /** Joins the programme with this email (a digital card is issued) and sends a sign-in code. */
  join: (
    email: string,
    details: { name?: string; marketingConsent: boolean; language: Locale },
  ) => Promise<void>;
  signIn: (email: string, code: string) => Promise<SignedIn>;
  summary: () => Promise<Summary>;
  history: (cursor: string | null) => Promise<Page<HistoryEntry>>;
  receipts: (cursor: string | null) => Promise<Page<ReceiptSummary>>;
  /** The member's own card numbers (`me.card`), for the QR shown at the till. */
  cards: () => Promise<MemberCard[] | null>;
}

export interface MemberApiOptions {
  clients: LoyaltyClients;
  tenantId: string;
  /** A `me.*` call was refused (session expired, forged or gone): the app signs the member out. */
  onUnauthorized: () => void;
}

const HISTORY_PAGE = 20;
const RECEIPTS_PAGE = 20;

export function createMemberApi({ clients, tenantId, onUnauthorized }: MemberApiOptions): MemberApi {
  const { typed } = clients;
  /** Every `me.*` call: a 401 ends the session, whichever screen made the call. */
  async function asMember<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (problemOf(error) === 'unauthorized') onUnauthorized();
      throw error;
    }
  }

  return {
    async requestCode(email, language) {
      await typed.auth.requestCode.mutate({ tenantId, email, language });
    },
    async join(email, { name, marketingConsent, language }) {
      await typed.auth.join.mutate({ tenantId, email, marketingConsent, language, ...(name && { name }) });
    },
    async signIn(email, code) {
      const answer = await typed.auth.signIn.mutate({ tenantId, email, code });
      return { token: answer.token, expiresAt: answer.expiresAt ?? tokenExpiry(answer.token) };
    },
    summary: () => asMember(async () => summaryFrom(await typed.me.summary.query())),
    history: (cursor) =>
      asMember(async () =>
        historyFrom(await typed.me.history.query({ limit: HISTORY_PAGE, ...(cursor && { cursor }) })),
      ),
    receipts: (cursor) =>
      asMember(async () =>
        receiptsFrom(await typed.me.receipts.query({ limit: RECEIPTS_PAGE, ...(cursor && { cursor }) })),
      ),
    cards: () => asMember(async () => cardsFrom(await typed.me.card.query())),
  };
}
