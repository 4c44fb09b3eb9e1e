import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Permission,
  permissionsOf,
  type StaffMember,
  staffClaimsSchema,
  staffMemberFromClaims,
} from '@scontrino/staff-access';
import session from 'express-session';
import { decodeJwt } from 'jose';
import type { PendingSignIn, SignedIn } from './oidc.js';

declare module 'express-session' {
  interface SessionData {
    /** Between `/auth/login` and `/auth/callback`: the PKCE verifier, state and nonce. */
    pending: PendingSignIn;
    /** The staff member's tokens: on the server only, the browser holds the session cookie. */
    signedIn: SignedIn;
  }
}

export type SessionRequest = IncomingMessage & { session?: session.Session & Partial<session.SessionData> };

export const SESSION_COOKIE = 'scontrino_bo';
/** A working day: then the staff member signs in again. */
const SESSION_MAX_AGE_MS = 8 * 3600_000;

/**
 * The session: an httpOnly, SameSite=Lax cookie naming a server-side record (express-session's
 * in-process store: one process, sessions end with it; a deployment with replicas gives it a
 * shared store). Lax lets the provider's redirect back carry it, and keeps it off cross-site posts.
 */
export function staffSessions(options: { secret: string; secure: boolean }) {
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/',
      maxAge: SESSION_MAX_AGE_MS,
    },
  });
}

export function signedInOf(req: SessionRequest, now = Date.now()): SignedIn | null {
  const signedIn = req.session?.signedIn;
  if (!signedIn || signedIn.expiresAt * 1000 <= now) return null;
  return signedIn;
}

/** Who the token says the staff member is and what their roles allow. */
export interface StaffIdentity extends StaffMember {
  permissions: Permission[];
  expiresAt: string;
}

/**
 * Read from the access token the provider handed this server directly over the back channel (so
 * not checked again here); the services check its signature on every call.
 */
export function identityOf(signedIn: SignedIn): StaffIdentity {
  const member = staffMemberFromClaims(staffClaimsSchema.parse(decodeJwt(signedIn.accessToken)));
  const permissions = [...new Set(member.roles.flatMap((role) => permissionsOf(role)))];
  return {
    ...member,
    name: member.name ?? signedIn.name,
    permissions,
    expiresAt: new Date(signedIn.expiresAt * 1000).toISOString(),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
