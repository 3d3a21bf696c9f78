/**
 * How long a function may wait on its AWS calls in one invocation: the SDK's own retries could otherwise outlast the
 * invocation (or the API's 30 s integration timeout), and a function must answer before Lambda ends it.
 */
import type { Context } from 'aws-lambda';

/** Longest time spent on one dependency (DynamoDB, EventBridge) per invocation, whatever the SDK's retries would allow. */
export const STORE_DEADLINE_MS = 10_000;

/** Time allowed for the dependency: at most STORE_DEADLINE_MS, and always a second less than Lambda has left. */
export function deadline(context: Pick<Context, 'getRemainingTimeInMillis'>): number {
  const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : STORE_DEADLINE_MS;
  return Math.max(100, Math.min(STORE_DEADLINE_MS, remaining - 1_000));
}
