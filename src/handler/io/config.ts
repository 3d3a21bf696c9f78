/** The handler's configuration, read once per cold start from the environment the construct sets. */
import { HANDLER_ENV } from '../../shared/contract';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

export interface HandlerConfig {
  readonly tableName: string;
  /** Value of the Environment metric dimension. */
  readonly environment: string;
  readonly logLevel: LogLevel;
  /** Seconds until a stored order expires (TTL); undefined = orders are kept. */
  readonly retentionSeconds?: number;
}

/**
 * Throws on a missing table name or a malformed retention: a misconfigured function should fail its init phase
 * loudly (every invocation errors, the Errors alarm fires) instead of answering 500 one request at a time.
 * An unknown LOG_LEVEL falls back to INFO: logging must never stop orders.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): HandlerConfig {
  const tableName = env[HANDLER_ENV.tableName];
  if (!tableName) throw new Error(`${HANDLER_ENV.tableName} must be set to the orders table name`);
  const level = (env[HANDLER_ENV.logLevel] ?? '').trim().toUpperCase();
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
    environment: env[HANDLER_ENV.environment] || 'unknown',
    logLevel: (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'INFO',
    ...(retentionSeconds !== undefined && { retentionSeconds }),
  };
}
