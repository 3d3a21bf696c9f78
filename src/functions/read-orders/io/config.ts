/** The read function's configuration, read once per cold start from the environment the construct sets. */
import { readConfig } from '../../create-order/io/config';
import { LogLevelName, READ_ACCESS_MODES, READ_API_ENV, ReadAccessMode } from '../../../contract/platform';

export interface ReadApiConfig {
  readonly tableName: string;
  readonly logLevel: LogLevelName;
  readonly access: ReadAccessMode;
}

/**
 * Table name and log level as the order handler reads them. A missing or unknown access mode throws: the function
 * must fail its init phase rather than guess who may read (there is no safe default between "the token's customer
 * only" and "any customer").
 */
export function readReadApiConfig(env: Readonly<Record<string, string | undefined>>): ReadApiConfig {
  const base = readConfig(env);
  const access = env[READ_API_ENV.access];
  if (!(READ_ACCESS_MODES as readonly string[]).includes(access ?? '')) {
    throw new Error(`${READ_API_ENV.access} must be one of ${READ_ACCESS_MODES.join(', ')}`);
  }
  return { tableName: base.tableName, logLevel: base.logLevel, access: access as ReadAccessMode };
}
