/**
 * The answers of POST /orders beyond the shared client error: the order created (or replayed), and the two server
 * faults with what they mean for the order.
 */
import { StoreOutcome } from '../../model/errors';
import { JSON_HEADERS, Response } from '../../model/responses';

/** What a 200 says about an order; replays answer with the stored values, so the response is the original one. */
export interface CreatedOrder {
  readonly orderId: string;
  readonly createdAt: string;
  /** Exact decimal text ("109.97"), at most 2 decimals and 10 digits: JSON.stringify of its Number prints it back. */
  readonly totalAmount: string;
  /** The order's version: 1 when created, the current one for a replay. Also the ETag. */
  readonly version: number;
}

export function orderCreated(order: CreatedOrder, replayed = false): Response {
  return {
    statusCode: 200,
    headers: { ...JSON_HEADERS, etag: `"${order.version}"`, ...(replayed && { 'idempotent-replayed': 'true' }) },
    body: JSON.stringify({
      success: true,
      orderId: order.orderId,
      message: 'Order created successfully',
      timestamp: order.createdAt,
      version: order.version,
      totalAmount: Number(order.totalAmount),
    }),
  };
}

/**
 * What a failed write means for the order, in the words of the 503 and 500 answers (the API document quotes them).
 * `notApplied`: no attempt reached the table, so a retry is safe with or without a key. `unknown`: an attempt may
 * have been applied after its answer was lost; only a retry with the same key cannot store the order twice.
 */
export function outcomeMessage(outcome: StoreOutcome, keyed: boolean): string {
  if (outcome === 'notApplied') {
    return keyed ? 'The order was not stored. Retry with the same Idempotency-Key.' : 'The order was not stored; a retry is safe.';
  }
  return keyed
    ? 'The order may or may not have been stored. Retry with the same Idempotency-Key: the retry stores it or answers the stored order, never both.'
    : 'The order may or may not have been stored. This request had no Idempotency-Key, so a retry can create a second order; send one to make retries safe.';
}

function storeFailure(statusCode: 500 | 503, error: string, message: string): Response {
  return {
    statusCode,
    headers: statusCode === 503 ? { ...JSON_HEADERS, 'retry-after': '1' } : JSON_HEADERS,
    body: JSON.stringify({ success: false, error, message, field: null, rule: null }),
  };
}

/** 503: DynamoDB was throttled, timed out or unreachable; what that means for the order is in the message. */
export function serviceUnavailable(outcome: StoreOutcome, keyed: boolean): Response {
  return storeFailure(503, 'ServiceUnavailable', outcomeMessage(outcome, keyed));
}

/** 500: DynamoDB refused the write for a reason retrying may not fix; what that means for the order is in the message. */
export function internalError(outcome: StoreOutcome, keyed: boolean): Response {
  return storeFailure(500, 'InternalError', `A server error. ${outcomeMessage(outcome, keyed)}`);
}
