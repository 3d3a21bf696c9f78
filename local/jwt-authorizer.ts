/**
 * LOCAL ONLY: what the HTTP API's authorizers put into a request before the function runs, so that owner checks can
 * be tried locally (`local:api --authorizer jwt`).
 *
 * - `jwt` mode: the HTTP API's JWT authorizer verifies the token's signature, issuer, audience and expiry, then
 *   passes its claims in `requestContext.authorizer.jwt`. Locally nothing is verified: an unsigned token
 *   (`<header>.<payload>.`, base64url JSON) is read and its claims passed as they are. A missing or unreadable token
 *   is 401 `{"message":"Unauthorized"}`, as API Gateway answers it.
 * - IAM routes (the read routes and the cancel route without an authorizer, the status route always): API Gateway checks a SigV4 signature and passes the
 *   caller in `requestContext.authorizer.iam`; locally every request is that one fixed principal.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './http-api-adapter';

/** The local API's authorizer modes: `none` is the construct without an `authorizer` (IAM on the read routes). */
export const LOCAL_AUTHORIZERS = ['none', 'jwt'] as const;
export type LocalAuthorizer = typeof LOCAL_AUTHORIZERS[number];

/** How a route is authorized: by the API's authorizer (JWT), by IAM, or not at all (POST /orders without one). */
export type RouteAuthorization = 'jwt' | 'iam' | 'none';

/** The principal every IAM-authorized local request is, as the HTTP API would describe a signed caller. */
export const LOCAL_IAM_PRINCIPAL = {
  accessKey: 'ASIALOCALLOCALLOCAL0',
  accountId: LOCAL_ACCOUNT_ID,
  callerId: 'AROALOCALLOCALLOCAL0:local',
  principalOrgId: null,
  userArn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/local-api/local`,
  userId: 'AROALOCALLOCALLOCAL0:local',
  cognitoIdentity: null,
} as const;

export type JwtClaims = Record<string, string | number | boolean | string[]>;

/** The claims of `Authorization: Bearer <header>.<payload>.<signature?>`, or undefined when there is no readable token. */
export function readBearerClaims(authorization: string | undefined): JwtClaims | undefined {
  const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/i.exec(authorization?.trim() ?? '');
  if (!m) return undefined;
  try {
    const header = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
    // API Gateway passes claims as strings (numbers and booleans too) and arrays of strings; other values as JSON text.
    return Object.fromEntries(Object.entries(payload as Record<string, unknown>).map(([k, v]) =>
      [k, typeof v === 'string' ? v : Array.isArray(v) ? v.map(String) : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
  } catch {
    return undefined;
  }
}

/** An unsigned token with these claims, for tests and docs (`alg: none`; no signature). */
export function unsignedToken(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/**
 * Adds to `event` what the route's authorizer would, or returns false when API Gateway would refuse the request
 * with 401 before any function runs.
 */
export function authorize(event: APIGatewayProxyEventV2, route: RouteAuthorization): boolean {
  const context = event.requestContext as unknown as { authorizer?: unknown };
  if (route === 'iam') {
    context.authorizer = { iam: { ...LOCAL_IAM_PRINCIPAL } };
    return true;
  }
  if (route === 'jwt') {
    const claims = readBearerClaims(event.headers?.authorization);
    if (claims === undefined) return false;
    context.authorizer = { jwt: { claims, scopes: null } };
  }
  return true;
}

/** The routes as the construct authorizes them: intake, the reads, the customers' cancel and the services' status change. */
export type RouteKind = 'createOrder' | 'read' | 'cancel' | 'status';

/** How the construct authorizes each route for a local authorizer mode. */
export function routeAuthorization(mode: LocalAuthorizer, kind: RouteKind): RouteAuthorization {
  // The status route is for services and operators: IAM whatever the API's authorizer is.
  if (kind === 'status') return 'iam';
  if (mode === 'jwt') return 'jwt';
  return kind === 'createOrder' ? 'none' : 'iam';
}

/** Which lifecycle route a route key names. */
export function lifecycleRouteKind(routeKey: string): 'cancel' | 'status' {
  return routeKey.endsWith('/cancel') ? 'cancel' : 'status';
}
