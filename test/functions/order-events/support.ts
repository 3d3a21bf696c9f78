/** Stream records shaped as Lambda delivers them, built from the stored example order of the original specification. */
import { StoredItem } from '../../../src/functions/model/order-view';
import { StreamRecord } from '../../../src/functions/order-events/core/order-event';
import { SEED_STORED_ATTRIBUTES } from '../create-order/support';

export const TARGET = { busName: 'arn:aws:events:us-east-1:111111111111:event-bus/shop-dev-orders', source: 'shop.orders' };

export function storedOrder(n: number, extra: Record<string, unknown> = {}): StoredItem {
  return {
    orderId: { S: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
    ...SEED_STORED_ATTRIBUTES,
    orderTimestamp: { N: String(1764583200000 + n) },
    createdAt: { S: new Date(1764583200000 + n).toISOString() },
    idempotencyKey: { S: `key-${n}` },
    requestHash: { S: 'hash' },
    ttl: { N: '1767175200' },
    ...extra,
  } as StoredItem;
}

export function insertRecord(n: number, image: StoredItem | null = storedOrder(n), eventName = 'INSERT'): StreamRecord {
  return {
    eventName,
    dynamodb: {
      SequenceNumber: `seq-${String(n).padStart(6, '0')}`,
      Keys: { orderId: { S: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` } },
      ...(image && { NewImage: image }),
    },
  };
}
