/**
 * Our own marshalling of the order record to DynamoDB attribute values. The record is small and fixed, so a few
 * lines replace @aws-sdk/util-dynamodb and keep numbers exact: amounts are written from their decimal text
 * ("29.99"), never from a JavaScript double.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { FIRST_VERSION } from '../../model/order-view';
import { OrderRecord } from '../core/order-record';
import { StoredOrderSummary } from '../ports';

type Item = Record<string, AttributeValue>;

function stringMap(obj: Readonly<Record<string, string | undefined>>): AttributeValue {
  const m: Item = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) m[k] = { S: v };
  return { M: m };
}

export function marshalOrder(r: OrderRecord): Item {
  const item: Item = {
    orderId: { S: r.orderId },
    customerId: { S: r.customerId },
    items: {
      L: r.items.map((l) => ({
        M: { productId: { S: l.productId }, quantity: { N: String(l.quantity) }, price: { N: l.price } },
      })),
    },
    totalAmount: { N: r.totalAmount },
    totalAmountCents: { N: String(r.totalAmountCents) },
    currency: { S: r.currency },
    status: { S: r.status },
    orderTimestamp: { N: String(r.orderTimestamp) },
    createdAt: { S: r.createdAt },
    version: { N: String(r.version) },
    statusHistory: { L: r.statusHistory.map((e) => ({ M: { status: { S: e.status }, at: { S: e.at }, by: { S: e.by } } })) },
  };
  if (r.shippingAddress) item.shippingAddress = stringMap(r.shippingAddress);
  if (r.billingAddress) item.billingAddress = stringMap(r.billingAddress);
  if (r.paymentMethod !== undefined) item.paymentMethod = { S: r.paymentMethod };
  // DynamoDB accepts empty strings for non-key attributes, so an empty note is stored as given.
  if (r.notes !== undefined) item.notes = { S: r.notes };
  if (r.idempotencyKey !== undefined) item.idempotencyKey = { S: r.idempotencyKey };
  if (r.requestHash !== undefined) item.requestHash = { S: r.requestHash };
  if (r.ttl !== undefined) item.ttl = { N: String(r.ttl) };
  return item;
}

/** The attributes a replay needs; undefined when the item lacks one (not an order written by this handler). */
export function unmarshalSummary(item: Item | undefined): StoredOrderSummary | undefined {
  if (!item) return undefined;
  const orderId = item.orderId?.S;
  const customerId = item.customerId?.S;
  const createdAt = item.createdAt?.S;
  const totalAmount = item.totalAmount?.N;
  if (orderId === undefined || customerId === undefined || createdAt === undefined || totalAmount === undefined) return undefined;
  const requestHash = item.requestHash?.S;
  // The order's current version (it may have changed since it was created); none stored means the first.
  const version = /^[1-9]\d{0,14}$/.test(item.version?.N ?? '') ? Number(item.version!.N) : FIRST_VERSION;
  return { orderId, customerId, createdAt, totalAmount, version, ...(requestHash !== undefined && { requestHash }) };
}

/** The attributes {@link unmarshalSummary} reads: nothing personal is fetched for a replay. */
export const SUMMARY_PROJECTION = 'orderId, customerId, createdAt, totalAmount, requestHash, version';
