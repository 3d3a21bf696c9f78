/**
 * Sorts an error from an AWS SDK call into "retry later" (throttling, timeouts, network, server-side 5xx) or
 * "service refused" (permissions, missing table, invalid request). Anything else is not an AWS error at all.
 */

/** Service error names that mean "try again later" (DynamoDB and generic AWS). */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'ReplicatedWriteConflictException',
  // Client-side: the SDK's socket/connection timeouts and our own deadline (AbortSignal).
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);

/** Node.js socket error codes: the request may not have reached the service. */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_HTTP2_STREAM_ERROR',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

export function isTransientAwsError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as SdkErrorShape;
  if (err.name && TRANSIENT_NAMES.has(err.name)) return true;
  if (err.code && NETWORK_CODES.has(err.code)) return true;
  if (err.$fault === 'server' || err.$retryable) return true;
  const status = err.$metadata?.httpStatusCode;
  return status !== undefined && (status >= 500 || status === 429);
}

/**
 * An error the SDK produced on behalf of the service or its own configuration (credentials): not a bug in our
 * code. `$metadata` is set on every modeled and unmodeled service exception.
 */
export function isAwsError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as SdkErrorShape;
  return err.$metadata !== undefined || err.$fault !== undefined || err.name === 'CredentialsProviderError';
}
