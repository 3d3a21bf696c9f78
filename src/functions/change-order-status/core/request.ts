/**
 * The HTTP layer of the two status-change routes (payload format 2.0): the path's order id, who is asking, the
 * optional `If-Match`, and the body. Pure: an event in, a checked request out, or a {@link ClientError} naming the
 * field and rule. Order of checks: who asks, the path, If-Match, the body.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ReadAccessMode } from '../../../contract/platform';
import { ClientError, invalid } from '../../model/errors';
import { checkContentType, decodeBody, header } from '../../model/http-request';
import { isJsonObject, JsonObject, JsonSyntaxError, JsonValue, parseJson } from '../../model/json';
import { IF_MATCH_HEADER, MAX_ID_LENGTH, MAX_JSON_DEPTH, MAX_REASON_LENGTH, MAX_SHIPMENT_FIELD_LENGTH } from '../../model/limits';
import { CANCELLED, ChangedBy, isOrderStatus, OrderStatus, SHIPPED, TARGET_STATUSES } from '../../model/order-status';
import { checkString } from '../../model/strings';
import { tokenSubject } from '../../model/token-subject';

export type ChangeEvent = Pick<APIGatewayProxyEventV2, 'pathParameters' | 'requestContext' | 'headers' | 'body' | 'isBase64Encoded'>;

export interface Shipment {
  readonly carrier: string;
  readonly trackingNumber: string;
}

/** A checked request to move one order to `to`. */
export interface StatusChangeRequest {
  readonly orderId: string;
  readonly to: OrderStatus;
  readonly by: ChangedBy;
  /** Who asked, for the audit attribute only: the IAM principal ARN, or the token subject. */
  readonly principal: string;
  /** With a token: the only customer whose order may change (another customer's order is 404). */
  readonly owner?: string;
  /** From `If-Match: "<n>"`; undefined without the header or with `*` (any existing version). */
  readonly expectedVersion?: number;
  readonly reason?: string;
  readonly shipment?: Shipment;
}

/** `If-Match: "<n>"` (a strong ETag this API issued) or `*`; undefined means "no version condition". */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '*') return undefined;
  const m = /^"([1-9]\d{0,14})"$/.exec(v);
  if (!m) {
    throw new ClientError(400, 'ValidationError', 'If-Match must be one ETag of this order, such as "3", or *', 'If-Match', 'format');
  }
  return Number(m[1]);
}

/** The caller as API Gateway's IAM authorization identified it; a route without that identity must not write. */
function iamPrincipal(event: ChangeEvent): string {
  const ctx = event.requestContext as { authorizer?: { iam?: { userArn?: unknown } } } | undefined;
  const arn = ctx?.authorizer?.iam?.userArn;
  if (typeof arn !== 'string' || arn === '' || arn.length > 2048) {
    throw new ClientError(403, 'Forbidden', 'The request carries no IAM caller identity', 'Authorization', 'callerIdentity');
  }
  return arn;
}

function customer(event: ChangeEvent): string {
  const sub = tokenSubject(event);
  if (sub === undefined) {
    throw new ClientError(403, 'Forbidden', 'The token carries no sub claim to identify the customer', 'Authorization', 'tokenSubject');
  }
  return sub;
}

function pathOrderId(event: ChangeEvent): string {
  const value = event.pathParameters?.orderId;
  if (value === undefined) throw invalid('orderId', 'required', 'orderId is required in the path');
  return checkString(value, 'orderId', { max: MAX_ID_LENGTH });
}

function hasBody(event: ChangeEvent): boolean {
  return event.body !== undefined && event.body !== null && event.body !== '';
}

function parseBody(event: ChangeEvent): JsonObject {
  checkContentType(header(event, 'content-type'));
  const text = decodeBody(event);
  let body: JsonValue;
  try {
    body = parseJson(text, MAX_JSON_DEPTH);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw invalid('body', 'json', `The request body is not valid JSON: ${e.message}`);
    throw e;
  }
  if (!isJsonObject(body)) throw invalid('body', 'type', 'The request body must be a JSON object');
  return body;
}

function onlyFields(obj: JsonObject, allowed: readonly string[], prefix = ''): void {
  const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    const names = unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 64))).join(', ');
    throw invalid(`${prefix}${unknown[0].slice(0, 64)}`, 'unknownField', `Unknown field(s) ${names}; allowed: ${allowed.join(', ')}`);
  }
}

function reasonOf(body: JsonObject): string | undefined {
  return body.reason === undefined ? undefined : checkString(body.reason, 'reason', { max: MAX_REASON_LENGTH });
}

function shipmentOf(value: JsonValue): Shipment {
  if (!isJsonObject(value)) throw invalid('shipment', 'type', 'shipment must be an object');
  onlyFields(value, ['carrier', 'trackingNumber'], 'shipment.');
  const field = (name: 'carrier' | 'trackingNumber') => {
    if (value[name] === undefined) throw invalid(`shipment.${name}`, 'required', `shipment.${name} is required`);
    return checkString(value[name], `shipment.${name}`, { max: MAX_SHIPMENT_FIELD_LENGTH });
  };
  return { carrier: field('carrier'), trackingNumber: field('trackingNumber') };
}

/**
 * `POST /orders/{orderId}/cancel`, body optional `{"reason"}`. With TOKEN_OWNER access the token's customer cancels
 * their own order (`by: customer`); with IAM access a granted service does (`by: service`).
 */
export function readCancelRequest(event: ChangeEvent, access: ReadAccessMode): StatusChangeRequest {
  const owner = access === 'TOKEN_OWNER' ? customer(event) : undefined;
  const principal = owner ?? iamPrincipal(event);
  const orderId = pathOrderId(event);
  const expectedVersion = parseIfMatch(header(event, IF_MATCH_HEADER));
  let reason: string | undefined;
  if (hasBody(event)) {
    const body = parseBody(event);
    onlyFields(body, ['reason']);
    reason = reasonOf(body);
  }
  return {
    orderId,
    to: CANCELLED,
    by: owner !== undefined ? 'customer' : 'service',
    principal,
    ...(owner !== undefined && { owner }),
    ...(expectedVersion !== undefined && { expectedVersion }),
    ...(reason !== undefined && { reason }),
  };
}

/** `POST /orders/{orderId}/status`, body `{"status", "reason"?, "shipment"?}`: always an IAM-authorized service. */
export function readStatusRequest(event: ChangeEvent): StatusChangeRequest {
  const principal = iamPrincipal(event);
  const orderId = pathOrderId(event);
  const expectedVersion = parseIfMatch(header(event, IF_MATCH_HEADER));
  const body = parseBody(event);
  onlyFields(body, ['status', 'reason', 'shipment']);
  const status = body.status;
  if (status === undefined) throw invalid('status', 'required', 'status is required');
  if (!isOrderStatus(status) || !TARGET_STATUSES.includes(status)) {
    throw invalid('status', 'enum', `status must be one of ${TARGET_STATUSES.join(', ')}`);
  }
  const reason = reasonOf(body);
  let shipment: Shipment | undefined;
  if (body.shipment !== undefined) {
    if (status !== SHIPPED) throw invalid('shipment', 'onlyWhenShipped', `shipment is accepted only with status ${SHIPPED}`);
    shipment = shipmentOf(body.shipment);
  }
  return {
    orderId,
    to: status,
    by: 'service',
    principal,
    ...(expectedVersion !== undefined && { expectedVersion }),
    ...(reason !== undefined && { reason }),
    ...(shipment !== undefined && { shipment }),
  };
}
