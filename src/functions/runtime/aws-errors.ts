/**
 * Sorts an error from an AWS SDK call into "retry later" (throttling, timeouts, network, server-side 5xx) or
 * "service refused" (permissions, missing table, invalid request). Anything else is not an AWS error at all.
 *
 * The classification is the SDK's own, the one its retry strategy uses (already in the bundle with the DynamoDB
 * client): throttling names and 429, timeout names and Node.js socket codes, 5xx statuses, retryable traits, and
 * causes. Only what that classification leaves out for the platform's calls is listed here.
 */
// Not a declared dependency on purpose: @smithy/core arrives with @aws-sdk/client-dynamodb at the version that client
// uses, so the bundle holds one copy; a range of our own could resolve to a second one.
// eslint-disable-next-line import/no-extraneous-dependencies
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { StoreFaultError, StoreUnavailableError } from '../model/errors';

type SdkError = Parameters<typeof isTransientError>[0];

/** Error names that mean "try again later" but that the SDK's classification does not count as such. */
const EXTRA_TRANSIENT_NAMES = new Set([
  // DynamoDB: a conflicting transaction or global-table replication on the same item; the same write can succeed.
  'TransactionConflictException',
  'ReplicatedWriteConflictException',
  // Our own deadline (create-order.ts aborts the call): the SDK treats an abort as final, for us it means "later".
  'AbortError',
]);

/** Node.js socket error codes missing from the SDK's list: the request may not have reached the service. */
const EXTRA_NETWORK_CODES = new Set(['ECONNABORTED', 'ENETDOWN']);

interface SdkErrorShape {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

export function isTransientAwsError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as SdkErrorShape;
  if (err.name !== undefined && EXTRA_TRANSIENT_NAMES.has(err.name)) return true;
  if (err.code !== undefined && EXTRA_NETWORK_CODES.has(err.code)) return true;
  const sdkError = e as SdkError;
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
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

/** SDK errors become store errors; anything else (a bug) passes through unchanged. */
export function classifyStoreError(e: unknown): unknown {
  if (isTransientAwsError(e)) return new StoreUnavailableError(e);
  if (isAwsError(e)) return new StoreFaultError(e);
  return e;
}
