/**
 * Every response of the status-change function. The order leaves as the read API shows it (`OrderFound`), with its
 * version as a strong ETag, so a client can send it back as `If-Match`. `cache-control: no-store`, as for reads.
 */
import { ClientError } from '../../model/errors';
import { JsonObject, stringifyJson } from '../../model/json';
import { OrderStatus } from '../../model/order-status';
import { clientError, JSON_HEADERS, Response } from '../../model/responses';

const HEADERS = { ...JSON_HEADERS, 'cache-control': 'no-store' } as const;

/** `"<version>"`: the ETag of an order at `version`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** 200: the order after the change, or as it is when it already had the status asked for. */
export function orderChanged(order: JsonObject, version: number): Response {
  return { statusCode: 200, headers: { ...HEADERS, etag: etagOf(version) }, body: stringifyJson({ success: true, order }) };
}

export function changeClientError(e: ClientError): Response {
  const r = clientError(e);
  return { ...r, headers: { ...r.headers, ...HEADERS } };
}

/** 404 for an unknown id, and for another customer's order under TOKEN_OWNER access. */
export function orderNotFound(): Response {
  return changeClientError(new ClientError(404, 'NotFound', 'No order with this orderId', 'orderId', 'notFound'));
}

/** 409: the order's status does not allow the change; says where it is and where it may go. */
export function transitionNotAllowed(to: OrderStatus, currentStatus: OrderStatus, allowedStatuses: readonly OrderStatus[]): Response {
  const next = allowedStatuses.length > 0 ? `it may become ${allowedStatuses.join(' or ')}` : 'it is final';
  return {
    statusCode: 409,
    headers: HEADERS,
    body: JSON.stringify({
      success: false,
      error: 'Conflict',
      message: `An order that is ${currentStatus} cannot become ${to}: ${next}`,
      field: 'status',
      rule: 'transition',
      currentStatus,
      allowedStatuses: [...allowedStatuses],
    }),
  };
}

/** 412: If-Match named another version; carries the order as it is now, and its ETag. */
export function versionMismatch(order: JsonObject, currentVersion: number): Response {
  return {
    statusCode: 412,
    headers: { ...HEADERS, etag: etagOf(currentVersion) },
    body: stringifyJson({
      success: false,
      error: 'PreconditionFailed',
      message: `The order is at version ${currentVersion}, not the one If-Match names: read it again and decide anew`,
      field: 'If-Match',
      rule: 'version',
      order,
    }),
  };
}

const serverError = (statusCode: 500 | 503, error: string, message: string, extra: Record<string, string> = {}): Response => ({
  statusCode,
  headers: { ...HEADERS, ...extra },
  body: JSON.stringify({ success: false, error, message, field: null, rule: null }),
});

/** 503: DynamoDB was throttled, timed out or unreachable. The change may or may not have been made; retrying is safe. */
export function changeUnavailable(): Response {
  return serverError(503, 'ServiceUnavailable', 'The status change could not be confirmed right now. Retry the same request later.', { 'retry-after': '1' });
}

/** 500: DynamoDB refused for a reason retrying will not fix, or the stored item is not a well-formed order. */
export function changeFailed(): Response {
  return serverError(500, 'InternalError', 'The status could not be changed because of a server error.');
}
