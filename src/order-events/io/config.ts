/** The consumer's configuration, read once per cold start from the environment the construct sets. */
import { LOG_LEVELS, LogLevel } from '../../handler/io/config';
import { HANDLER_ENV, ORDER_EVENTS_ENV } from '../../shared/contract';

export interface OrderEventsConfig {
  /** Event bus ARN or name. */
  readonly busName: string;
  readonly source: string;
  /** Value of the Environment metric dimension. */
  readonly environment: string;
  readonly logLevel: LogLevel;
}

/**
 * Throws on a missing bus name or source: a misconfigured consumer must fail its init phase (every invocation
 * errors, the records are retried and the errors alarm fires) rather than publish events nobody can match.
 */
export function readOrderEventsConfig(env: Readonly<Record<string, string | undefined>>): OrderEventsConfig {
  const busName = env[ORDER_EVENTS_ENV.bus];
  const source = env[ORDER_EVENTS_ENV.source];
  if (!busName) throw new Error(`${ORDER_EVENTS_ENV.bus} must be set to the event bus ARN or name`);
  if (!source) throw new Error(`${ORDER_EVENTS_ENV.source} must be set to the events' Source`);
  const level = (env[HANDLER_ENV.logLevel] ?? '').trim().toUpperCase();
  return {
    busName,
    source,
    environment: env[HANDLER_ENV.environment] || 'unknown',
    logLevel: (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'INFO',
  };
}
