/** The status-change function's configuration, read once per cold start from the environment the construct sets. */
import { HANDLER_ENV, ORDER_LIFECYCLE_ENV, READ_ACCESS_MODES, ReadAccessMode } from '../../../contract/platform';
import { metricsDimensionValue, readLogLevel, requiredEnv } from '../../runtime/environment';
import { StatusChangeConfig } from '../ports';

/** A missing or unknown cancel access mode throws: the init fails rather than guess who may cancel. */
export function readStatusChangeConfig(env: Readonly<Record<string, string | undefined>>): StatusChangeConfig {
  const tableName = requiredEnv(env, HANDLER_ENV.tableName, 'the orders table name');
  const logLevel = readLogLevel(env[HANDLER_ENV.logLevel]);
  const access = env[ORDER_LIFECYCLE_ENV.cancelAccess];
  if (!(READ_ACCESS_MODES as readonly string[]).includes(access ?? '')) {
    throw new Error(`${ORDER_LIFECYCLE_ENV.cancelAccess} must be one of ${READ_ACCESS_MODES.join(', ')}`);
  }
  return { tableName, logLevel, cancelAccess: access as ReadAccessMode, metricsDimensionValue: metricsDimensionValue(env) };
}
