export {
  findUnsafeText,
  MAX_PATH_SEGMENTS,
  type UnsafeTextCode,
  type UnsafeTextIssue,
  unsafeTextIn,
} from './plain-text.js';
