import { AppError } from '@scontrino/trpc';
import type { Logger } from 'pino';
import { issueSessionToken } from '../domain/auth/member-session.js';
import {
  newSignInCode,
  SIGN_IN_CODE_TTL_MINUTES,
  SIGN_IN_MAX_ATTEMPTS,
  signInCodeHash,
  signInCodeMatches,
} from '../domain/auth/sign-in-code.js';
import { newId } from '../domain/ids.js';
import { newDigitalCardNumber } from '../domain/members/digital-card.js';
import { type MailLanguage, type Mailer, signInCodeMail } from '../mail/mailer.js';
import { enrolMember } from './enrol-member.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

export interface SignInDeps extends LoyaltyDeps {
  mailer: Mailer;
  logger: Logger;
  sessionMinutes: number;
  /** Counts one code for the address; false once it had its share (`SIGN_IN_CODE_LIMITS`). */
  allowCodeFor(tenantId: string, emailHash: string): Promise<boolean>;
}

const wrongCode = () =>
  new AppError('auth.invalid_code', 'This code is wrong or no longer valid; ask for a new one', {
    kind: 'unauthenticated',
  });

async function sendCode(
  deps: SignInDeps,
  tenantId: string,
  email: { hash: string; normalised: string },
  language: MailLanguage | undefined,
) {
  const memberId = await deps.store.members.findByKey(tenantId, 'email', email.hash);
  const member = memberId ? await deps.store.members.resolve(memberId) : null;
  if (!member || member.erasedAt !== null) return;
  if (!(await deps.allowCodeFor(tenantId, email.hash))) {
    deps.logger.warn({ memberId: member.id }, 'sign-in code not sent: too many asked for this address');
    return;
  }
  const code = newSignInCode();
  const requestId = newId('sgn');
  const now = deps.clock();
  await deps.store.signInCodes.save(tenantId, email.hash, {
    requestId,
    memberId: member.id,
    codeHash: signInCodeHash(deps.crypto.signInCodeKey, requestId, code),
    expiresAt: new Date(now.getTime() + SIGN_IN_CODE_TTL_MINUTES * 60_000),
    createdAt: now,
  });
  await deps.mailer.send({
    to: email.normalised,
    ...signInCodeMail(code, SIGN_IN_CODE_TTL_MINUTES, language),
  });
  deps.logger.info({ memberId: member.id, requestId }, 'sign-in code sent');
}

/**
 * Emails a one-time code when the address belongs to a member. The answer is the same, and comes
 * as fast, whether it does or not (the work happens after answering), so the endpoint does not
 * tell who is a member.
 */
export function requestSignInCode(
  deps: SignInDeps,
  input: { tenantId: string; email: string; language?: MailLanguage | undefined },
) {
  const email = deps.crypto.email(input.email);
  if (email)
    sendCode(deps, input.tenantId, email, input.language).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'sign-in code not sent'),
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
        marketingConsent: { granted: input.marketingConsent, source: 'app' },
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
      .then(() => sendCode(deps, input.tenantId, email, input.language))
      .catch((error: unknown) => deps.logger.error({ err: error }, 'app enrolment failed'));
  return { sent: true as const, expiresInMinutes: SIGN_IN_CODE_TTL_MINUTES };
}

/**
 * Exchanges the latest code sent to the address for a session token: at most five tries per
 * code (each claimed by an insert, so racing guesses cannot exceed it), ten minutes, once.
 */
export async function signIn(deps: SignInDeps, input: { tenantId: string; email: string; code: string }) {
  const email = deps.crypto.email(input.email);
  const sent = email ? await deps.store.signInCodes.latest(input.tenantId, email.hash) : null;
  const now = deps.clock();
  if (!sent || sent.expiresAt <= now) throw wrongCode();
  if (!(await deps.store.signInCodes.takeAttempt(sent.requestId, SIGN_IN_MAX_ATTEMPTS, now)))
    throw new AppError('auth.too_many_attempts', 'Too many wrong codes; ask for a new one', {
      kind: 'rate_limited',
    });
  if (!signInCodeMatches(deps.crypto.signInCodeKey, sent.requestId, input.code, sent.codeHash))
    throw wrongCode();
  if (!(await deps.store.signInCodes.claimUse(sent.requestId, now))) throw wrongCode();
  const member = await deps.store.members.resolve(sent.memberId);
  if (!member || member.erasedAt !== null) throw wrongCode();
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
}
