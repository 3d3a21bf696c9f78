/** The read function's configuration, read once per cold start from the environment the construct sets. */
import { HANDLER_ENV, READ_ACCESS_MODES, READ_API_ENV, ReadAccessMode } from '../../../contract/platform';
import { readLogLevel, requiredEnv } from '../../runtime/environment';
import { ReadApiConfig } from '../ports';

/**
 * Table name and log level as every function reads them. A missing or unknown access mode throws: the function
 * must fail its init phase rather than guess who may read (there is no safe default between "the token's customer
 * only" and "any customer").
 */
export function readReadApiConfig(env: Readonly<Record<string, string | undefined>>): ReadApiConfig {
  const tableName = requiredEnv(env, HANDLER_ENV.tableName, 'the orders table name');
  const logLevel = readLogLevel(env[HANDLER_ENV.logLevel]);
  const access = env[READ_API_ENV.access];
  if (!(READ_ACCESS_MODES as readonly string[]).includes(access ?? '')) {
    throw new Error(`${READ_API_ENV.access} must be one of ${READ_ACCESS_MODES.join(', ')}`);
  }
  return { tableName, logLevel, access: access as ReadAccessMode };
}
