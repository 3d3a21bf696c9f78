/**
 * The `cursor` of `GET /customers/{customerId}/orders`: where the previous page stopped, bound to the query it
 * belongs to (this index and this customer), as one opaque base64url string.
 *
 * Layout: base64url(payload JSON || first 16 bytes of SHA-256(context || payload JSON)). The digest makes the
 * cursor tamper-evident: an edited, truncated or corrupted cursor is refused with 400 naming `cursor`. It is not a
 * secret and not a signature: the platform holds no key to sign with, so anyone can decode a cursor and build a
 * valid one. That is acceptable because a cursor only says where to resume: the query's key condition is always the
 * path's customer (a cursor for another customer is refused before the query, and DynamoDB itself would refuse a
 * start key outside the key condition), and with an authorizer the path's customer must be the token's `sub`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { PageKey } from './page';
import { ORDERS_TABLE } from '../../../contract/orders-table';
import { ClientError } from '../../model/errors';
import { MAX_CURSOR_LENGTH, MAX_ID_LENGTH } from '../../model/limits';

const VERSION = 1;
const DIGEST_BYTES = 16;
/** Separates this digest from any other SHA-256 use, and versions the layout. */
const DIGEST_CONTEXT = 'cdk-order-processing-platform:list-customer-orders-cursor:v1\n';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** orderTimestamp is epoch milliseconds: a non-negative integer far below 2^53. */
const TIMESTAMP = /^(?:0|[1-9]\d{0,15})$/;

interface CursorPayload {
  readonly v: number;
  /** The query the cursor belongs to: the index it pages. */
  readonly q: string;
  readonly c: string;
  readonly t: string;
  readonly o: string;
}

function digest(payload: Buffer): Buffer {
  return createHash('sha256').update(DIGEST_CONTEXT, 'utf8').update(payload).digest().subarray(0, DIGEST_BYTES);
}

/** The cursor for a page that ends at `key`. */
export function encodeCursor(key: PageKey): string {
  const payload: CursorPayload = { v: VERSION, q: ORDERS_TABLE.customerIndexName, c: key.customerId, t: key.orderTimestamp, o: key.orderId };
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  return Buffer.concat([bytes, digest(bytes)]).toString('base64url');
}

const badCursor = (rule: string, message: string) => new ClientError(400, 'ValidationError', message, 'cursor', rule);
const malformed = () => badCursor('format', 'cursor is not a cursor this API issued: pass nextCursor from the previous page unchanged');

function isString(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

/**
 * The start key a cursor stands for, checked against the query it is used with. Throws a 400 {@link ClientError}
 * naming `cursor`: rule `format` (not base64url, not canonical, too short or long, not our payload), `integrity`
 * (the digest does not match: edited or corrupted), `query` (issued for another customer or another query).
 */
export function decodeCursor(cursor: string, customerId: string): PageKey {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw malformed();
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder ignores the unused low bits of the last character: without this check, editing those bits would
  // give the same bytes and go unnoticed.
  if (bytes.toString('base64url') !== cursor || bytes.length <= DIGEST_BYTES) throw malformed();
  const payload = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  if (!timingSafeEqual(digest(payload), bytes.subarray(bytes.length - DIGEST_BYTES))) {
    throw badCursor('integrity', 'cursor was modified or corrupted: pass nextCursor from the previous page unchanged');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    throw malformed();
  }
  const p = parsed as Partial<CursorPayload> | null;
  if (typeof p !== 'object' || p === null || p.v !== VERSION || !isString(p.q, 64)
    || !isString(p.c, MAX_ID_LENGTH) || !isString(p.o, MAX_ID_LENGTH) || typeof p.t !== 'string' || !TIMESTAMP.test(p.t)) {
    throw malformed();
  }
  if (p.q !== ORDERS_TABLE.customerIndexName || p.c !== customerId) {
    throw badCursor('query', 'cursor belongs to another query or another customer: start again without a cursor');
  }
  return { customerId: p.c, orderTimestamp: p.t, orderId: p.o };
}
