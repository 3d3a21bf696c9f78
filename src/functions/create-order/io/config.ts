/** The handler's configuration, read once per cold start from the environment variables the construct sets. */
import { HANDLER_ENV } from '../../../contract/platform';
import { metricsDimensionValue, readLogLevel, requiredEnv } from '../../runtime/environment';
import { HandlerConfig } from '../ports';

/**
 * Throws on a missing table name, a malformed retention or an unknown log level: a misconfigured function should
 * fail its init phase loudly (every invocation errors, the Errors alarm fires) instead of answering 500 one request
 * at a time, or of logging at a level nobody chose. An unset LOG_LEVEL means the default; a set one must be valid.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): HandlerConfig {
  const tableName = requiredEnv(env, HANDLER_ENV.tableName, 'the orders table name');
  const retention = env[HANDLER_ENV.orderRetentionSeconds];
  let retentionSeconds: number | undefined;
  if (retention !== undefined && retention.trim() !== '') {
    if (!/^\d{1,10}$/.test(retention.trim()) || Number(retention) <= 0) {
      throw new Error(`${HANDLER_ENV.orderRetentionSeconds} must be a positive whole number of seconds`);
    }
    retentionSeconds = Number(retention);
  }
  return {
    tableName,
    metricsDimensionValue: metricsDimensionValue(env),
    logLevel: readLogLevel(env[HANDLER_ENV.logLevel]),
    ...(retentionSeconds !== undefined && { retentionSeconds }),
  };
}

