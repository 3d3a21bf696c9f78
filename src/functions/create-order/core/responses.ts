/**
 * The answers of POST /orders beyond the shared client error: the order created (or replayed), and the two server
 * faults with what they mean for the order.
 */
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

/** 503: a dependency was throttled, timed out or unavailable. Nothing was stored; retrying with the same key is safe. */
export function serviceUnavailable(): Response {
  return {
    statusCode: 503,
    headers: { ...JSON_HEADERS, 'retry-after': '1' },
    body: JSON.stringify({
      success: false,
      error: 'ServiceUnavailable',
      message: 'The order was not stored. Retry with the same Idempotency-Key.',
      field: null,
      rule: null,
    }),
  };
}

/** 500: a server fault that retrying may not fix. Nothing was stored. */
export function internalError(): Response {
  return {
    statusCode: 500,
    headers: JSON_HEADERS,
    body: JSON.stringify({
      success: false,
      error: 'InternalError',
      message: 'The order was not stored because of a server error. Retry with the same Idempotency-Key.',
      field: null,
      rule: null,
    }),
  };
}
