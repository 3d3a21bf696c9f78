/** The stored shape of an order, built from a validated request. Pure (time and id are inputs). */
import { Address, ValidOrder } from './order';
import { CURRENCY } from '../../model/limits';
import { formatMinorUnits } from '../../model/money';
import { INITIAL_STATUS } from '../../model/order-status';
import { CREATED_BY, FIRST_VERSION, HistoryEntry } from '../../model/order-view';

export interface StoredLine {
  readonly productId: string;
  readonly quantity: number;
  /** Exact decimal text in major units, stored as a DynamoDB number: "29.99". */
  readonly price: string;
}

export interface OrderRecord {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly StoredLine[];
  /** Exact decimal text in major units, stored as a DynamoDB number. */
  readonly totalAmount: string;
  readonly totalAmountCents: number;
  readonly currency: string;
  readonly status: 'pending';
  /** Epoch milliseconds (the CustomerOrderIndex sort key). */
  readonly orderTimestamp: number;
  /** ISO-8601 UTC, same instant as orderTimestamp. */
  readonly createdAt: string;
  /** Every order starts at the first version, with its creation as the first history entry. */
  readonly version: number;
  readonly statusHistory: readonly HistoryEntry[];
  readonly shippingAddress?: Address;
  readonly billingAddress?: Address;
  readonly paymentMethod?: string;
  readonly notes?: string;
  readonly idempotencyKey?: string;
  readonly requestHash: string;
  /** Epoch seconds after which DynamoDB TTL may delete the order; only with a retention configured. */
  readonly ttl?: number;
}

export interface RecordContext {
  readonly orderId: string;
  readonly nowMs: number;
  readonly retentionSeconds?: number;
  /** SHA-256 of the canonical request (core/idempotency.ts); stored with every order. */
  readonly requestHash: string;
  readonly idempotencyKey?: string;
}

export function buildOrderRecord(order: ValidOrder, ctx: RecordContext): OrderRecord {
  return {
    orderId: ctx.orderId,
    customerId: order.customerId,
    items: order.items.map((l) => ({ productId: l.productId, quantity: l.quantity, price: formatMinorUnits(l.priceCents) })),
    totalAmount: formatMinorUnits(order.totalCents),
    totalAmountCents: order.totalCents,
    currency: CURRENCY,
    status: 'pending',
    orderTimestamp: ctx.nowMs,
    createdAt: new Date(ctx.nowMs).toISOString(),
    version: FIRST_VERSION,
    statusHistory: [{ status: INITIAL_STATUS, at: new Date(ctx.nowMs).toISOString(), by: CREATED_BY }],
    ...(order.shippingAddress && { shippingAddress: order.shippingAddress }),
    ...(order.billingAddress && { billingAddress: order.billingAddress }),
    ...(order.paymentMethod !== undefined && { paymentMethod: order.paymentMethod }),
    ...(order.notes !== undefined && { notes: order.notes }),
    ...(ctx.idempotencyKey !== undefined && { idempotencyKey: ctx.idempotencyKey }),
    requestHash: ctx.requestHash,
    ...(ctx.retentionSeconds !== undefined && { ttl: Math.floor(ctx.nowMs / 1000) + ctx.retentionSeconds }),
  };
}
