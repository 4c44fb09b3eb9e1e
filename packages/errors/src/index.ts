export {
  AppError,
  RETRY_AFTER_SECONDS,
  toAppError,
  type AppErrorOptions,
  type ErrorKind,
  type InputIssue,
} from './app-error.js';
export { httpStatusOf, httpStatusOfKind } from './http-status.js';
export { isOutOfReach } from './out-of-reach.js';
