/**
 * Every response of the read function. Bodies are JSON in the order API's shapes (errors exactly as `POST /orders`
 * writes them); orders are written with stringifyJson, so stored amounts leave as the decimal text DynamoDB holds.
 * `cache-control: no-store`: an order carries addresses, and no shared cache may keep one.
 */
import { ClientError } from '../../model/errors';
import { JsonObject, stringifyJson } from '../../model/json';
import { clientError, JSON_HEADERS, Response } from '../../model/responses';

const READ_HEADERS = { ...JSON_HEADERS, 'cache-control': 'no-store' } as const;

/** One order, with its version as a strong ETag (`"<version>"`) for a later `If-Match`. */
export function orderFound(order: JsonObject, version: number): Response {
  return { statusCode: 200, headers: { ...READ_HEADERS, etag: `"${version}"` }, body: stringifyJson({ success: true, order }) };
}

export function ordersPage(orders: readonly JsonObject[], nextCursor: string | null): Response {
  return { statusCode: 200, headers: READ_HEADERS, body: stringifyJson({ success: true, orders: [...orders], nextCursor }) };
}

/** 404 for an unknown id, and for another customer's order under TOKEN_OWNER access, so existence does not leak. */
export function orderNotFound(): Response {
  return readClientError(new ClientError(404, 'NotFound', 'No order with this orderId', 'orderId', 'notFound'));
}

export function readClientError(e: ClientError): Response {
  const r = clientError(e);
  return { ...r, headers: { ...r.headers, ...READ_HEADERS } };
}

const serverError = (statusCode: 500 | 503, error: string, message: string, extra: Record<string, string> = {}): Response => ({
  statusCode,
  headers: { ...READ_HEADERS, ...extra },
  body: JSON.stringify({ success: false, error, message, field: null, rule: null }),
});

/** 503: DynamoDB was throttled, timed out or unreachable; retrying later can succeed. */
export function readUnavailable(): Response {
  return serverError(503, 'ServiceUnavailable', 'Orders could not be read right now. Retry later.', { 'retry-after': '1' });
}

/** 500: DynamoDB refused the read for a reason retrying will not fix, or a stored item is not a well-formed order. */
export function readFailed(): Response {
  return serverError(500, 'InternalError', 'Orders could not be read because of a server error.');
}
