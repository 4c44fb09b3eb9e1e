export { startDatabase, databaseKind, withDatabaseName, type DatabaseKind } from './database.js';
export { postgresqlServerUrl, temporaryDatabaseName } from './postgresql.js';
export { ensureFerretdbBinary, startFerretdb } from './ferretdb.js';
export { ensureToxiproxyBinary, TOXIPROXY_VERSION, toxiproxyBinaryPath } from './toxiproxy.js';
export {
  consoleLogger,
  dropOutputToClosedPipes,
  silentLogger,
  type Logger,
  type LogLevel,
} from './logger.js';
export { startMailSink, type MailSink, type ReceivedMail } from './mail-sink/index.js';
export { startMongod } from './mongod.js';
export { startRedis } from './redis.js';
export type { RestartableServer, RunningServer } from './server.js';
export { imageNodeArguments, SERVICES, type RunningService, type ServiceDefinition } from './services.js';
export { startStack, type Stack } from './stack.js';
export { demoStaff, type DemoStaffName } from './staff-tokens.js';
