/** The address as typed, trimmed; null when it cannot be an email (the service checks it fully). */
export function emailInput(raw: string): string | null {
  const email = raw.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(email) && email.length <= 254 ? email : null;
}

/** Six digits, however they were typed or pasted (`123 456`, `123-456`); null otherwise. */
export function codeInput(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}
