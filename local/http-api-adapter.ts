/**
 * Pure mapping between a local HTTP request and what API Gateway HTTP API (payload format 2.0, Lambda proxy
 * integration) hands to and takes from the order handler. No sockets, no clock, no randomness of its own: the
 * server passes them in, so every rule here is unit-tested (test/local/http-api-adapter.test.ts).
 *
 * Behaviour follows the HTTP API documentation
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html):
 * - header names lower-cased, repeated headers comma-joined; the Cookie header moves to `cookies` (one entry per
 *   cookie) and is not repeated in `headers`;
 * - repeated query parameters comma-joined in `queryStringParameters`; the field is absent without a query string;
 * - `body` absent when the request has none; otherwise text when it is valid UTF-8 with a textual (or no) content
 *   type, else base64 with `isBase64Encoded: true` (HTTP APIs have no binary media type setting; the handler must
 *   accept both, as it would behind the real API);
 * - response: a result without `statusCode` is treated as a 200 JSON body (the 2.0 format's inferred response);
 *   `cookies` become `set-cookie` headers; a base64 body is decoded.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { formatRequestTime, httpApiEvent, lambdaContext, PLACEHOLDER_ACCOUNT_ID, PLACEHOLDER_API_ID } from '../src/functions/runtime/lambda-events';

// The event and context shapes are the runtime kit's (one builder for every caller); re-exported for the server.
export { formatRequestTime, lambdaContext };
export type { LambdaContextOptions } from '../src/functions/runtime/lambda-events';

/** The HTTP API's own payload limit: 10 MB. Larger requests never reach the integration. */
export const HTTP_API_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** The HTTP API's maximum integration timeout (30 s); the construct's function timeout is also 30 s. */
export const HTTP_API_INTEGRATION_TIMEOUT_MS = 30_000;

/** The one route the construct deploys. */
export const ORDERS_ROUTE = { method: 'POST', path: '/orders', routeKey: 'POST /orders' } as const;

/** A request as read off the socket: the server fills this in. */
export interface LocalHttpRequest {
  readonly method: string;
  /** Path and query as sent, e.g. `/orders?x=1`. */
  readonly url: string;
  /** Node's `req.rawHeaders`: name, value, name, value, ... (keeps repeats and original case). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** e.g. `HTTP/1.1` */
  readonly protocol: string;
}

/** What the server chose for this request: ids and time are injected so the mapping stays pure. */
export interface EventContext {
  readonly requestId: string;
  readonly timeEpoch: number;
  /** `Host` header fallback, e.g. `127.0.0.1:3000`. */
  readonly domainName: string;
  readonly accountId?: string;
  readonly apiId?: string;
}

/** The HTTP response to write. */
export interface LocalHttpResponse {
  readonly statusCode: number;
  /** Header values; `set-cookie` may carry several. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** Placeholder ids: clearly not real AWS ones. */
export const LOCAL_ACCOUNT_ID = PLACEHOLDER_ACCOUNT_ID;
export const LOCAL_API_ID = PLACEHOLDER_API_ID;

const TEXT_CONTENT_TYPE = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|x-ndjson)\b|application\/[^;]*\+(json|xml)\b)/i;

/** Lower-cased headers with repeats comma-joined, as HTTP API payload 2.0 does. */
export function joinHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const value = rawHeaders[i + 1];
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return headers;
}

/** Every cookie of every Cookie header, in order (`a=1; b=2` -> `['a=1', 'b=2']`). */
export function splitCookies(rawHeaders: readonly string[]): string[] {
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== 'cookie') continue;
    for (const c of rawHeaders[i + 1].split(';')) if (c.trim() !== '') cookies.push(c.trim());
  }
  return cookies;
}

/** Splits `rawQueryString` into decoded parameters, repeats comma-joined; undefined when there are none. */
export function parseQueryString(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

/** True when `bytes` is well-formed UTF-8. */
export function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Text when valid UTF-8 with a textual or missing content type; base64 otherwise (see the module comment). */
export function encodeBody(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const textual = contentType === undefined || contentType.trim() === '' || TEXT_CONTENT_TYPE.test(contentType.trim());
  if (textual && isValidUtf8(body)) return { body: body.toString('utf8'), isBase64Encoded: false };
  return { body: body.toString('base64'), isBase64Encoded: true };
}

/** Splits `/orders?a=1` into `/orders` and `a=1`. */
export function splitUrl(url: string): { rawPath: string; rawQueryString: string } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, rawQueryString: '' } : { rawPath: url.slice(0, q), rawQueryString: url.slice(q + 1) };
}

/** The payload 2.0 event API Gateway would send for `request` on route `routeKey`. */
export function toHttpApiEvent(request: LocalHttpRequest, ctx: EventContext, routeKey: string = ORDERS_ROUTE.routeKey): APIGatewayProxyEventV2 {
  const { rawPath, rawQueryString } = splitUrl(request.url);
  const headers = joinHeaders(request.rawHeaders);
  delete headers.cookie;
  const cookies = splitCookies(request.rawHeaders);
  const domainName = headers.host ?? ctx.domainName;
  const { body, isBase64Encoded } = encodeBody(request.body, headers['content-type']);
  const queryStringParameters = parseQueryString(rawQueryString);

  return httpApiEvent({
    routeKey,
    rawPath,
    rawQueryString,
    method: request.method,
    cookies,
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestId: ctx.requestId,
    timeEpoch: ctx.timeEpoch,
    domainName,
    accountId: ctx.accountId ?? LOCAL_ACCOUNT_ID,
    apiId: ctx.apiId ?? LOCAL_API_ID,
    sourceIp: request.sourceIp,
    protocol: request.protocol,
    userAgent: headers['user-agent'] ?? '',
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  });
}

/** A JSON answer the HTTP API itself gives (not the handler): `{"message": ...}`. */
export function gatewayResponse(statusCode: number, message: string, extraHeaders: Record<string, string> = {}): LocalHttpResponse {
  const body = Buffer.from(JSON.stringify({ message }));
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...extraHeaders },
    body,
  };
}

/** Routing as the deployed API: only `POST /orders` reaches the handler; anything else is the API's 404. */
export function matchesOrdersRoute(method: string, rawPath: string): boolean {
  return method.toUpperCase() === ORDERS_ROUTE.method && rawPath === ORDERS_ROUTE.path;
}

/**
 * Maps the handler's result to the HTTP response API Gateway would send. A malformed result (a status that is not an
 * integer 100-599, a non-string body) is what API Gateway answers with 500 Internal Server Error.
 */
export function fromHandlerResult(result: unknown): LocalHttpResponse {
  // Payload 2.0 inference: anything that is not an object with statusCode is a 200 JSON body.
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    const body = Buffer.from(typeof result === 'string' ? result : JSON.stringify(result) ?? '');
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body };
  }
  const r = result as { statusCode: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown; cookies?: unknown };
  const statusCode = r.statusCode;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return gatewayResponse(500, 'Internal Server Error');
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return gatewayResponse(500, 'Internal Server Error');
  const rawBody = typeof r.body === 'string' ? r.body : '';
  const body = r.isBase64Encoded === true ? Buffer.from(rawBody, 'base64') : Buffer.from(rawBody, 'utf8');

  const headers: Record<string, string | string[]> = {};
  if (r.headers && typeof r.headers === 'object') {
    for (const [name, value] of Object.entries(r.headers as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      headers[name.toLowerCase()] = String(value);
    }
  }
  if (Array.isArray(r.cookies) && r.cookies.length > 0) {
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [...(existing === undefined ? [] : [existing].flat()), ...r.cookies.map(String)];
  }
  // API Gateway sets the length of what it actually sends; a handler-provided value could be wrong.
  headers['content-length'] = String(body.length);
  if (headers['content-type'] === undefined && body.length > 0) headers['content-type'] = 'application/json';
  return { statusCode, headers, body };
}
