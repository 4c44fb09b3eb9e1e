export { createMailer, SMTP_TIMEOUT_MS, withTimeouts, type Mailer, type OutgoingMail } from './mailer.js';
