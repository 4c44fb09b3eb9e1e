export { startDatabase, startRedis, type ReceivedMail } from '@scontrino/stack';
export { mailSink, type MailQuery } from './mail-sink-client.js';
export { testDatabaseUri, uniqueEmail, uniqueName } from './names.js';
export { staffToken, staffTokensPerRole, testStaffIssuer, testStaffVerifier } from './staff-tokens.js';
export { requestFrom, type AnswerFrom } from './request-from.js';
export { tempDir } from './temp-dir.js';
export { testStack, type TestStack } from './test-stack.js';
export { refusalOf, trpcFailure, type Refusal } from './refusal.js';
export { findPlan, seedDocuments, type FindPlan } from './query-plans.js';
export {
  commandsBetween,
  idleCommands,
  idleMinuteOf,
  scrapeCommands,
  startServiceProcess,
  totalOf,
  type CommandCounts,
  type ServiceCommands,
  type ServiceProcess,
} from './idle-commands.js';
export {
  documentCounts,
  holdsRefusedText,
  keptOddCharacters,
  oddText,
  refusedCharacters,
} from './odd-text.js';
