/**
 * Idempotency without a second table: the order id itself is derived from (customerId, Idempotency-Key), so a
 * retry targets the same row and a conditional put decides who was first. A hash of the canonical request tells
 * a retry (same hash: replay the original answer) from a different order reusing the key (409).
 */
import { createHash } from 'node:crypto';
import { ValidOrder } from './order';
import { CURRENCY } from '../../model/limits';

/**
 * Namespace of our name-based order ids (a random UUID fixed for this product). Changing it would give retries of
 * in-flight requests new ids, so it never changes.
 */
export const ORDER_ID_NAMESPACE = '6c1d8a4e-3f0b-4d5a-9b7e-2f8c41a0d913';

/** RFC 9562 (RFC 4122) version-5 UUID: SHA-1 of namespace bytes + name, with version and variant bits set. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error('namespace must be a UUID');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  // Setting the version and variant bits is bit manipulation by definition.
  // eslint-disable-next-line no-bitwise
  hash[6] = (hash[6] & 0x0f) | 0x50;
  // eslint-disable-next-line no-bitwise
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The order id for a keyed request. The key's alphabet has no ':', so "key:customerId" is unambiguous: two
 * different pairs can never produce the same name. Keys are scoped per customer, as clients generate them.
 */
export function idempotentOrderId(customerId: string, idempotencyKey: string): string {
  return uuidV5(ORDER_ID_NAMESPACE, `${idempotencyKey}:${customerId}`);
}

/** JSON with sorted object keys and no whitespace; arrays keep their order (item order is part of an order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (hex) of the validated, normalized order: key order, whitespace and number spelling (109.970, 1.0997e2)
 * do not matter; every value that is stored does. Versioned, so the canonical form can evolve explicitly.
 */
export function requestHash(order: ValidOrder): string {
  return createHash('sha256').update(canonicalJson({ v: 1, currency: CURRENCY, ...order })).digest('hex');
}
