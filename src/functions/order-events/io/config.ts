/** The consumer's configuration, read once per cold start from the environment the construct sets. */
import { readLogLevel } from '../../create-order/io/config';
import { HANDLER_ENV, LogLevelName, ORDER_EVENTS_ENV } from '../../../contract/platform';

export interface OrderEventsConfig {
  /** Event bus ARN or name. */
  readonly busName: string;
  readonly source: string;
  /** Value of the Environment metric dimension. */
  readonly metricsDimensionValue: string;
  readonly logLevel: LogLevelName;
}

/**
 * Throws on a missing bus name or source, or an unknown log level (read as the order handler reads it): a
 * misconfigured consumer must fail its init phase (every invocation errors, the records are retried and the errors
 * alarm fires) rather than publish events nobody can match, or log at a level nobody chose.
 */
export function readOrderEventsConfig(env: Readonly<Record<string, string | undefined>>): OrderEventsConfig {
  const busName = env[ORDER_EVENTS_ENV.bus];
  const source = env[ORDER_EVENTS_ENV.source];
  if (!busName) throw new Error(`${ORDER_EVENTS_ENV.bus} must be set to the event bus ARN or name`);
  if (!source) throw new Error(`${ORDER_EVENTS_ENV.source} must be set to the events' Source`);
  return {
    busName,
    source,
    metricsDimensionValue: env[HANDLER_ENV.environment] || 'unknown',
    logLevel: readLogLevel(env[HANDLER_ENV.logLevel]),
  };
}
