/** The consumer's configuration, read once per cold start from the environment the construct sets. */
import { HANDLER_ENV, ORDER_EVENTS_ENV } from '../../../contract/platform';
import { metricsDimensionValue, readLogLevel, requiredEnv } from '../../runtime/environment';
import { OrderEventsConfig } from '../ports';

/**
 * Throws on a missing bus name or source, or an unknown log level (read as the order handler reads it): a
 * misconfigured consumer must fail its init phase (every invocation errors, the records are retried and the errors
 * alarm fires) rather than publish events nobody can match, or log at a level nobody chose.
 */
export function readOrderEventsConfig(env: Readonly<Record<string, string | undefined>>): OrderEventsConfig {
  return {
    busName: requiredEnv(env, ORDER_EVENTS_ENV.bus, 'the event bus ARN or name'),
    source: requiredEnv(env, ORDER_EVENTS_ENV.source, "the events' Source"),
    metricsDimensionValue: metricsDimensionValue(env),
    logLevel: readLogLevel(env[HANDLER_ENV.logLevel]),
  };
}
