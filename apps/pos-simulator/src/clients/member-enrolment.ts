import { SetupError, withSlash } from './terminal-keys.js';

/** What a till sends to enrol a customer (`POST /v1/members` of the loyalty service). */
export interface TillEnrolment {
  tenantId: string;
  email: string;
  name: string;
  cardNumbers: string[];
  /** Recorded by the service as given at the till. */
  marketingConsent: boolean;
}

/**
 * Enrols a customer as a till does: `POST /v1/members` with the till's own terminal key (the
 * service token is refused there). `exists` when the card or e-mail is a member's already (409:
 * a kept stack seeded before).
 */
export async function enrolAtTill(
  loyaltyUrl: string,
  terminalKey: string,
  enrolment: TillEnrolment,
): Promise<'enrolled' | 'exists'> {
  const response = await fetch(new URL('v1/members', withSlash(loyaltyUrl)), {
    method: 'POST',
    headers: { authorization: `Bearer ${terminalKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(enrolment),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 201) return 'enrolled';
  if (response.status === 409) return 'exists';
  throw new SetupError(
    `could not enrol a member of ${enrolment.tenantId} at ${loyaltyUrl}: ${response.status} ${await response.text()}`,
  );
}
