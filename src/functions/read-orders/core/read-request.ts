/**
 * The HTTP layer of the two read routes (payload format 2.0): path parameters, query parameters and who is asking.
 * Pure: an event in, a checked request out, or a {@link ClientError} naming the field and rule.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decodeCursor } from './cursor';
import { PageKey } from './page';
import { ReadAccessMode } from '../../../contract/platform';
import { ClientError, invalid } from '../../model/errors';
import { DEFAULT_PAGE_LIMIT, MAX_ID_LENGTH, MAX_PAGE_LIMIT } from '../../model/limits';
import { checkString } from '../../model/strings';
import { tokenSubject } from '../../model/token-subject';

export type ReadEvent = Pick<APIGatewayProxyEventV2, 'pathParameters' | 'queryStringParameters' | 'requestContext'>;

export interface GetOrderRequest {
  readonly orderId: string;
  /** With TOKEN_OWNER access: the only customer whose order may be returned. */
  readonly owner?: string;
}

export interface ListOrdersRequest {
  readonly customerId: string;
  readonly limit: number;
  readonly startKey?: PageKey;
}

/** Query parameters each route accepts; any other is 400 `unknownParameter`, as unknown body fields are. */
export const GET_ORDER_PARAMETERS: readonly string[] = [];
export const LIST_ORDERS_PARAMETERS: readonly string[] = ['limit', 'cursor'];

/** An id from the path: the same rules as an id in an order body (1-128 characters, not blank, no control characters). */
function pathId(event: ReadEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (value === undefined) throw invalid(name, 'required', `${name} is required in the path`);
  return checkString(value, name, { max: MAX_ID_LENGTH });
}

function checkParameters(event: ReadEvent, allowed: readonly string[]): Readonly<Record<string, string | undefined>> {
  const params = event.queryStringParameters ?? {};
  const unknown = Object.keys(params).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    const names = unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 64))).join(', ');
    throw invalid(unknown[0].slice(0, 64), 'unknownParameter',
      `Unknown query parameter(s) ${names}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`);
  }
  return params;
}

/** `limit`: a whole number from 1 to MAX_PAGE_LIMIT; absent means DEFAULT_PAGE_LIMIT. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE_LIMIT;
  const range = `from 1 to ${MAX_PAGE_LIMIT}`;
  if (!/^\d+$/.test(value)) throw invalid('limit', 'integer', `limit must be a whole number ${range}`);
  const n = Number(value);
  if (n < 1) throw invalid('limit', 'min', `limit must be at least 1 (${range})`);
  if (n > MAX_PAGE_LIMIT) throw invalid('limit', 'max', `limit must be at most ${MAX_PAGE_LIMIT}`);
  return n;
}

/**
 * The authenticated customer under TOKEN_OWNER access. No usable `sub` is 403: the route sits behind an authorizer,
 * so a request without a subject must not fall back to reading anything.
 */
function owner(event: ReadEvent, access: ReadAccessMode): string | undefined {
  if (access === 'IAM') return undefined;
  const sub = tokenSubject(event);
  if (sub === undefined) {
    throw new ClientError(403, 'Forbidden', 'The token carries no sub claim to identify the customer', 'Authorization', 'tokenSubject');
  }
  return sub;
}

export function readGetOrderRequest(event: ReadEvent, access: ReadAccessMode): GetOrderRequest {
  const who = owner(event, access);
  const orderId = pathId(event, 'orderId');
  checkParameters(event, GET_ORDER_PARAMETERS);
  return { orderId, ...(who !== undefined && { owner: who }) };
}

/** Order of checks: who asks, the path, unknown parameters, the customer match, limit, cursor. */
export function readListOrdersRequest(event: ReadEvent, access: ReadAccessMode): ListOrdersRequest {
  const who = owner(event, access);
  const customerId = pathId(event, 'customerId');
  const params = checkParameters(event, LIST_ORDERS_PARAMETERS);
  if (who !== undefined && who !== customerId) {
    throw new ClientError(403, 'Forbidden', 'customerId does not match the authenticated customer', 'customerId', 'matchesToken');
  }
  const limit = parseLimit(params.limit);
  const cursor = params.cursor;
  return { customerId, limit, ...(cursor !== undefined && { startKey: decodeCursor(cursor, customerId) }) };
}
