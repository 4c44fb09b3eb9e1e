/**
 * The purposes of the keys derived (`derivedKey` of @scontrino/crypto) from the look-up hash key
 * every service already has: no extra secret to deploy, and a value signed for one purpose is
 * worthless for another.
 */
export const MEMBER_SESSION_PURPOSE = 'scontrino loyalty member session v1';
export const SIGN_IN_CODE_PURPOSE = 'scontrino loyalty sign-in code v1';
