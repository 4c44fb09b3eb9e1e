/**
 * Colours shared by the email and the page. Both set text AND background explicitly, so a mail
 * client's dark mode cannot leave dark text on a background it darkened.
 */
export const palette = {
  light: { canvas: '#f3f4f6', paper: '#ffffff', ink: '#111827', muted: '#4b5563', rule: '#e5e7eb' },
  dark: { canvas: '#0b0f17', paper: '#1a1f2b', ink: '#f3f4f6', muted: '#a1a8b5', rule: '#374151' },
} as const;

/** System fonts only: no web font to fetch, and each platform's own look. */
export const fontStack =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
