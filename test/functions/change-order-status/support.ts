/** Builders shared by the status-change tests: the two routes' events (payload 2.0), as API Gateway passes them. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { API_ROUTES, routeKey } from '../../../src/contract/platform';

export const CANCEL_ORDER = routeKey(API_ROUTES.cancelOrder);
export const CHANGE_STATUS = routeKey(API_ROUTES.changeOrderStatus);
/** The caller API Gateway's IAM authorization names in the request context. */
export const SERVICE_ARN = 'arn:aws:sts::123456789012:assumed-role/fulfilment/task-1';

export interface ChangeEventOptions {
  /** The JWT `sub` claim, as a JWT authorizer passes it. */
  readonly sub?: unknown;
  /** The IAM caller; default {@link SERVICE_ARN} unless `sub` is given. `null` leaves it out. */
  readonly iam?: string | null;
  readonly ifMatch?: string;
  readonly headers?: Record<string, string>;
}

function changeEvent(route: string, suffix: string, orderId: string, body: unknown, opts: ChangeEventOptions): APIGatewayProxyEventV2 {
  const rawPath = `/orders/${encodeURIComponent(orderId)}/${suffix}`;
  const requestContext: Record<string, unknown> = {
    accountId: '123456789012',
    apiId: 'api',
    domainName: 'api.example.com',
    domainPrefix: 'api',
    http: { method: 'POST', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    requestId: 'apigw-req',
    routeKey: route,
    stage: '$default',
    time: '',
    timeEpoch: 0,
  };
  if (opts.sub !== undefined) requestContext.authorizer = { jwt: { claims: { sub: opts.sub }, scopes: [] } };
  else if (opts.iam !== null) requestContext.authorizer = { iam: { userArn: opts.iam ?? SERVICE_ARN, accountId: '123456789012' } };
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    ...(text !== undefined && { 'content-type': 'application/json' }),
    ...(opts.ifMatch !== undefined && { 'if-match': opts.ifMatch }),
    ...opts.headers,
  };
  return {
    version: '2.0',
    routeKey: route,
    rawPath,
    rawQueryString: '',
    headers,
    pathParameters: { orderId },
    requestContext: requestContext as unknown as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...(text !== undefined && { body: text }),
  };
}

export function cancelEvent(orderId: string, body?: unknown, opts: ChangeEventOptions = {}): APIGatewayProxyEventV2 {
  return changeEvent(CANCEL_ORDER, 'cancel', orderId, body, opts);
}

export function statusEvent(orderId: string, body: unknown, opts: ChangeEventOptions = {}): APIGatewayProxyEventV2 {
  return changeEvent(CHANGE_STATUS, 'status', orderId, body, opts);
}
