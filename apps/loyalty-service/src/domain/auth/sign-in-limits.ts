/**
 * How often a sign-in code may be asked for. Per IP: one office behind one address still signs in
 * comfortably, a script mailing codes does not get far. Per address: the mailbox owner is spared a
 * flood of codes whoever asks; over it, codes are silently not sent, so the answer still does not
 * tell who is a member.
 */
export const SIGN_IN_CODE_LIMITS = {
  perIp: { name: 'sign-in-code-ip', windowMs: 15 * 60_000, limit: 20 },
  perAddress: { name: 'sign-in-code-address', windowMs: 60 * 60_000, limit: 5 },
} as const;
