export { oldestAgeMs, outboxBacklog, queueBacklog, serviceBacklog } from './backlog.js';
export type { BackloggedQueue, OutboxBacklog, QueueBacklog } from './backlog.js';
export { correlated, currentCorrelationId, withCorrelationId } from './correlation.js';
export { consumeEvents, InvalidEventError } from './event-consumer.js';
export type {
  ConsumeEventsOptions,
  EventBatchContext,
  EventBatchHandler,
  EventContext,
  EventHandler,
  EventHandlers,
  EventHandlerSpec,
  ReplayGuard,
} from './event-consumer.js';
export { createEventPublisher, inboxQueueName } from './event-publisher.js';
export { microBatcher } from './micro-batch.js';
export type { MicroBatcher, MicroBatchOptions } from './micro-batch.js';
export type { PublishEvents } from './event-publisher.js';
export { outboxFields, outboxUpdate, withOutbox } from './outbox.js';
export type { OutboxFields, UpdateOperators } from './outbox.js';
export { startOutboxDispatcher } from './outbox-dispatcher.js';
export type {
  OutboxDispatcher,
  OutboxDispatcherOptions,
  OutboxDocumentId,
  OutboxModel,
  WrittenOutbox,
} from './outbox-dispatcher.js';
export {
  createQueueFactory,
  DEFAULT_JOB_OPTIONS,
  IDLE_QUEUE_SETTINGS,
  JOB_ATTEMPTS,
  JOB_BACKOFF,
  KEEP_COMPLETED_JOBS_SECONDS,
  KEEP_FAILED_JOBS_SECONDS,
} from './queue-factory.js';
export type { QueueFactory, QueueFactoryOptions } from './queue-factory.js';
export { isRedisReachable } from './redis.js';
export { countRedisCommands, onRedisCommand, type RedisCommandListener } from './redis-commands.js';
export { processedEventsRetention, purgeExpired, RETENTION_CRON, startRetention } from './retention.js';
export type { RetentionClass } from './retention.js';
export { REENCRYPTION_CRON, startReencryption } from './reencryption.js';
export type { StartReencryptionOptions } from './reencryption.js';
export { type CacheInvalidation, redisCacheInvalidation } from './cache-invalidation.js';
