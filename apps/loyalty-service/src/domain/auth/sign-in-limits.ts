/**
 * How often a sign-in code may be asked for. Per client address, for `auth.requestCode` and
 * `auth.join` together (both mail a code; join also enrols): one office behind one address still
 * signs in comfortably, a script mailing codes or enrolling addresses does not get far. Per e-mail
 * address (its keyed hash): the mailbox owner is spared a flood of codes whoever asks; over it,
 * codes are silently not sent, so the answer still does not tell who is a member.
 */
export const SIGN_IN_CODE_LIMITS = {
  perIp: { name: 'sign-in-code-ip', windowMs: 15 * 60_000, limit: 20 },
  perAddress: { name: 'sign-in-code-address', windowMs: 60 * 60_000, limit: 5 },
} as const;

/**
 * How many codes may be tried. Each code dies after `perCode` tries, so a fresh code still works
 * after an earlier one was burnt. Wrong codes checked against one e-mail address (tenant and keyed
 * hash, member or not) are capped per day: with one-in-a-million codes that caps a brute force at
 * 10 × 366 guesses a year, under 0.4 % (docs/security.md has the arithmetic). Per client address,
 * the attempts of every e-mail address together.
 */
export const SIGN_IN_ATTEMPT_LIMITS = {
  perCode: 5,
  perAddress: { name: 'sign-in-attempt-address', windowMs: 24 * 60 * 60_000, limit: 10 },
  perIp: { name: 'sign-in-attempt-ip', windowMs: 15 * 60_000, limit: 30 },
} as const;
