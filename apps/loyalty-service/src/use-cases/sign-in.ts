import { AppError } from '@scontrino/errors';
import type { Logger } from 'pino';
import { issueSessionToken } from '../domain/auth/member-session.js';
import {
  newSignInCode,
  SIGN_IN_CODE_TTL_MINUTES,
  signInCodeHash,
  signInCodeMatches,
} from '../domain/auth/sign-in-code.js';
import { SIGN_IN_ATTEMPT_LIMITS } from '../domain/auth/sign-in-limits.js';
import { newId } from '../domain/ids.js';
import { confirmedConsent, pendingMarketingConsent } from '../domain/members/consent.js';
import { newDigitalCardNumber } from '../domain/members/digital-card.js';
import type { Mailer } from '@scontrino/mail';
import { type MailLanguage, signInCodeMail } from '../mail/sign-in-code-mail.js';
import type { Member } from '../store/members.js';
import type { NewSignInCode } from '../store/sign-in-codes.js';
import { enrolMember } from './enrol-member.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

/** The limits sign-in counts per e-mail address (its tenant and keyed hash, never the address). */
export interface AddressLimits {
  /** Counts one code for the address; false once it had its share (`SIGN_IN_CODE_LIMITS`). */
  allowCode(tenantId: string, emailHash: string): Promise<boolean>;
  /** Counts one sign-in attempt at the address; false past the cap (`SIGN_IN_ATTEMPT_LIMITS`). */
  takeAttempt(tenantId: string, emailHash: string): Promise<boolean>;
  /** Gives an attempt back: it checked no wrong code (it signed in, or there was no live code). */
  giveBackAttempt(tenantId: string, emailHash: string): Promise<void>;
}

export interface SignInDeps extends LoyaltyDeps {
  mailer: Mailer;
  logger: Logger;
  sessionMinutes: number;
  addressLimits: AddressLimits;
}

const wrongCode = () =>
  new AppError('auth.invalid_code', 'This code is wrong or no longer valid; ask for a new one', {
    kind: 'unauthenticated',
  });

const codeSpent = () =>
  new AppError('auth.too_many_attempts', 'Too many wrong codes; ask for a new one', { kind: 'rate_limited' });

const addressLocked = () =>
  new AppError('auth.too_many_wrong_codes', 'Too many wrong codes for this address; try again later', {
    kind: 'rate_limited',
  });

interface EmailKey {
  hash: string;
  normalised: string;
}

/**
 * Stores a fresh code for the address and mails it when the address is a member's. An address
 * that is no member's gets a code too, stored the same way and never sent, so that signing in
 * with it answers and counts like a member's wrong code: nothing tells the two apart.
 */
async function sendCode(
  deps: SignInDeps,
  tenantId: string,
  email: EmailKey,
  options: { offers: boolean; language?: MailLanguage | undefined },
) {
  const memberId = await deps.store.members.findByKey(tenantId, 'email', email.hash);
  const resolved = memberId ? await deps.store.members.resolve(memberId) : null;
  const member = resolved && resolved.erasedAt === null ? resolved : null;
  if (!(await deps.addressLimits.allowCode(tenantId, email.hash))) {
    deps.logger.warn(
      member ? { memberId: member.id } : {},
      'sign-in code not sent: too many asked for this address',
    );
    return;
  }
  const code = newSignInCode();
  const requestId = newId('sgn');
  const now = deps.clock();
  // A join that asked for offers, for a member whose grant waits for its proof: this code is it.
  const confirmsConsent =
    member !== null && options.offers && pendingMarketingConsent(member.consent) !== null;
  await deps.store.signInCodes.save(tenantId, email.hash, {
    requestId,
    memberId: member?.id ?? null,
    codeHash: signInCodeHash(deps.crypto.signInCodeKey, requestId, code),
    confirmsConsent,
    expiresAt: new Date(now.getTime() + SIGN_IN_CODE_TTL_MINUTES * 60_000),
    createdAt: now,
  });
  if (!member) return;
  await deps.mailer.send({
    to: email.normalised,
    ...signInCodeMail(code, SIGN_IN_CODE_TTL_MINUTES, {
      confirmsOffers: confirmsConsent,
      language: options.language,
    }),
  });
  deps.logger.info({ memberId: member.id, requestId }, 'sign-in code sent');
}

/**
 * Emails a one-time code when the address belongs to a member. The answer is the same, and comes
 * as fast, whether it does or not (the work happens after answering, and is the same work but
 * the mail), so the endpoint does not tell who is a member.
 */
export function requestSignInCode(
  deps: SignInDeps,
  input: { tenantId: string; email: string; language?: MailLanguage | undefined },
) {
  const email = deps.crypto.email(input.email);
  if (email)
    sendCode(deps, input.tenantId, email, { offers: false, language: input.language }).catch(
      (error: unknown) => deps.logger.error({ err: error }, 'sign-in code not sent'),
    );
  return { sent: true as const, expiresInMinutes: SIGN_IN_CODE_TTL_MINUTES };
}

export interface AppEnrolment {
  tenantId: string;
  email: string;
  name?: string | undefined;
  marketingConsent: boolean;
  /** The app's language, for the code's e-mail. */
  language?: MailLanguage | undefined;
}

const CARD_NUMBER_TRIES = 3;

/** Enrols the address with a digital card unless it is a member's already (then nothing changes). */
async function enrolFromApp(deps: SignInDeps, input: AppEnrolment, emailHash: string): Promise<void> {
  if (await deps.store.members.findByKey(input.tenantId, 'email', emailHash)) return;
  for (let attempt = 1; ; attempt++) {
    try {
      const member = await enrolMember(deps, {
        tenantId: input.tenantId,
        email: input.email,
        name: input.name,
        cardNumbers: [newDigitalCardNumber()],
        // Typed by whoever holds the app: a grant waits for the address to answer (double opt-in).
        marketingConsent: { granted: input.marketingConsent, source: 'app', needsProof: true },
      });
      deps.logger.info({ memberId: member.id }, 'member joined in the app');
      return;
    } catch (error) {
      // A racing join of the same address enrolled it: that member gets the code.
      if (error instanceof AppError && error.code === 'member.email_taken') return;
      // 11 random digits rarely collide; when they do, draw again.
      if (error instanceof AppError && error.code === 'member.card_taken' && attempt < CARD_NUMBER_TRIES)
        continue;
      throw error;
    }
  }
}

/**
 * Joins the program from the app: enrols the address with a digital card (or finds its member)
 * and emails a sign-in code. Answers like {@link requestSignInCode}, the same and at once
 * whether or not the address was a member's, so joining does not tell who is one.
 */
export function joinFromApp(deps: SignInDeps, input: AppEnrolment) {
  const email = deps.crypto.email(input.email);
  if (email)
    enrolFromApp(deps, input, email.hash)
      .then(() =>
        sendCode(deps, input.tenantId, email, { offers: input.marketingConsent, language: input.language }),
      )
      .catch((error: unknown) => deps.logger.error({ err: error }, 'app enrolment failed'));
  return { sent: true as const, expiresInMinutes: SIGN_IN_CODE_TTL_MINUTES };
}

/**
 * Exchanges the latest code sent to the address for a session token: ten minutes, once, at most
 * `SIGN_IN_ATTEMPT_LIMITS.perCode` tries per code (each claimed by an insert, so racing guesses
 * cannot exceed it), and at most `perAddress.limit` wrong codes a day per address, counted before
 * the code is looked at (so racing guesses cannot exceed that either) and given back when the try
 * checked no wrong code. An address that is no member's goes through the same steps and answers.
 * Using a code mailed to confirm offers turns the member's pending consent into a grant in force.
 */
export async function signIn(deps: SignInDeps, input: { tenantId: string; email: string; code: string }) {
  const email = deps.crypto.email(input.email);
  if (!email) throw wrongCode();
  const { tenantId } = input;
  if (!(await deps.addressLimits.takeAttempt(tenantId, email.hash))) {
    await deps.addressLimits.giveBackAttempt(tenantId, email.hash);
    throw addressLocked();
  }
  let wrongCodeChecked = false;
  try {
    const sent = await deps.store.signInCodes.latest(tenantId, email.hash);
    const now = deps.clock();
    if (!sent || sent.expiresAt <= now) throw wrongCode();
    if (!(await deps.store.signInCodes.takeAttempt(sent.requestId, SIGN_IN_ATTEMPT_LIMITS.perCode, now)))
      throw codeSpent();
    const matches = signInCodeMatches(deps.crypto.signInCodeKey, sent.requestId, input.code, sent.codeHash);
    // A stranger's code is nobody's: guessed right, it is as wrong as any other.
    if (!matches || sent.memberId === null) {
      wrongCodeChecked = true;
      throw wrongCode();
    }
    if (!(await deps.store.signInCodes.claimUse(sent.requestId, now))) throw wrongCode();
    const member = await deps.store.members.resolve(sent.memberId);
    if (!member || member.erasedAt !== null) throw wrongCode();
    if (sent.confirmsConsent) await confirmConsent(deps, member, sent, now);
    const expiresAt = new Date(now.getTime() + deps.sessionMinutes * 60_000);
    return {
      token: issueSessionToken(deps.crypto.sessionKey, {
        memberId: member.id,
        tenantId: member.tenantId,
        expiresAt,
      }),
      memberId: member.id,
      expiresAt,
    };
  } finally {
    if (!wrongCodeChecked) await deps.addressLimits.giveBackAttempt(tenantId, email.hash);
  }
}

/**
 * The member's pending grant, confirmed by the code just used (its proof kept in the history).
 * If it cannot be written the member still signs in and the grant stays pending, which is safe:
 * a grant that does not count.
 */
async function confirmConsent(
  deps: SignInDeps,
  member: Pick<Member, 'id' | 'consent'>,
  sent: NewSignInCode,
  at: Date,
): Promise<void> {
  const pending = pendingMarketingConsent(member.consent);
  if (!pending) return;
  try {
    await deps.store.members.appendConsent(
      member.id,
      confirmedConsent(
        pending,
        { method: 'email-code', codeId: sent.requestId, codeHash: sent.codeHash, sentAt: sent.createdAt },
        at,
      ),
    );
    deps.logger.info({ memberId: member.id, requestId: sent.requestId }, 'marketing consent confirmed');
  } catch (error) {
    deps.logger.error(
      { err: error, memberId: member.id },
      'marketing consent not confirmed: it stays pending',
    );
  }
}
