export { AppError, toAppError, type AppErrorOptions, type ErrorKind, type InputIssue } from './app-error.js';
export { httpStatusOf, httpStatusOfKind } from './http-status.js';
