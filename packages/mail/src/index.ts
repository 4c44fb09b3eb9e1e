export { createMailer, SMTP_TIMEOUT_MS, type Mailer, type OutgoingMail } from './mailer.js';
