/**
 * The URI with its password replaced by `***`, safe to log. Works on multi-host and `mongodb+srv`
 * URIs, which `new URL()` cannot always parse.
 */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}
