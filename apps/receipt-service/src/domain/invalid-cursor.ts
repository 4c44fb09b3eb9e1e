/** A page cursor this service did not issue (forged, truncated, or from another listing). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}
