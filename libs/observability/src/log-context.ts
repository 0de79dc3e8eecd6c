import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  ConstructorOptions,
  LogItemExtraInput,
  LogItemMessage,
} from '@aws-lambda-powertools/logger/types';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItem } from '@aws-lambda-powertools/logger';

/** Keys every log line of one unit of work carries (`messageId`, `imageId`, `correlation_id`, …). */
export type LogContext = Readonly<Record<string, string>>;

// One store per process: records of a batch run concurrently in one container, and each
// must see only its own keys, which keys appended to a shared logger cannot give.
const contexts = new AsyncLocalStorage<LogContext>();

/**
 * Runs `work` with `keys` added to every line logged by a {@link ContextLogger} while it
 * runs, across all its awaits, and nowhere else: concurrent calls each keep their own keys.
 * Nested calls add to (and may override) the keys of the enclosing one.
 *
 * @example
 * await withLogContext({ messageId: record.messageId }, () => handleRecord(record));
 */
export function withLogContext<T>(keys: LogContext, work: () => T): T {
  return contexts.run({ ...contexts.getStore(), ...keys }, work);
}

/**
 * The keys of the innermost {@link withLogContext} around the caller; empty outside one.
 *
 * @example
 * withLogContext({ imageId: 'a.jpg' }, () => currentLogContext()); // { imageId: 'a.jpg' }
 */
export function currentLogContext(): LogContext {
  return contexts.getStore() ?? {};
}

/**
 * A Powertools logger whose lines also carry the keys of the current
 * {@link withLogContext}; those win over keys appended to the (shared) logger itself.
 * Child loggers (`createChild`) behave the same.
 *
 * @example
 * const logger = new ContextLogger({ serviceName: 'resize-service' });
 * await withLogContext({ imageId: 'a.jpg' }, async () => logger.info('decoded')); // carries imageId
 */
export class ContextLogger extends Logger {
  protected override createLogger(options?: ConstructorOptions): Logger {
    return new ContextLogger(options);
  }

  protected override createAndPopulateLogItem(
    logLevel: number,
    input: LogItemMessage,
    extraInput: LogItemExtraInput,
  ): LogItem {
    return super
      .createAndPopulateLogItem(logLevel, input, extraInput)
      .addAttributes({ ...currentLogContext() });
  }
}
