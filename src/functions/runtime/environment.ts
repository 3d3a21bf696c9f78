/**
 * Reading the environment the construct sets, the way every function does: a value that is missing or malformed
 * throws, so a misconfigured function fails its init (every invocation errors, the Errors alarm fires) instead of
 * answering wrongly one request at a time.
 */
import { FUNCTION_DEFAULTS, HANDLER_ENV, LOG_LEVELS, LogLevelName } from '../../contract/platform';

type Environment = Readonly<Record<string, string | undefined>>;

/** A variable that must be set and not blank; `what` says what it should hold. */
export function requiredEnv(env: Environment, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new Error(`${name} must be set to ${what}`);
  return value;
}

/** Value of the business metrics' one dimension (the construct passes its environmentSuffix). */
export function metricsDimensionValue(env: Environment): string {
  return env[HANDLER_ENV.environment] || 'unknown';
}

/** An unset level is the default; an unknown one throws (the cold start fails). */
export function readLogLevel(value: string | undefined): LogLevelName {
  if (value === undefined) return FUNCTION_DEFAULTS.logLevel;
  const level = LOG_LEVELS.find((l) => l === value.trim().toUpperCase());
  if (level === undefined) {
    throw new Error(`${HANDLER_ENV.logLevel} "${value}" must be one of ${LOG_LEVELS.join(', ')} (or unset for ${FUNCTION_DEFAULTS.logLevel})`);
  }
  return level;
}
