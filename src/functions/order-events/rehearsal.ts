/**
 * The consumer's rehearsal during init (runtime/rehearsal.ts): one made-up stream batch of one new order through the
 * real handler, on an EventBridge client answered in the process: the record's mapping, the event detail, batching,
 * the SDK's PutEvents serializer and parser, the failure check, the metrics and the log line.
 *
 * PutEvents answered `{}` would parse, but it is no answer to a request with entries: no result per entry, which the
 * consumer rightly reads as "nothing accepted" (core/failures.ts) and which would rehearse the retry path instead.
 * So the rehearsal's PutEvents gets what EventBridge answers when it accepts every entry: one event id per entry.
 */
import { OrderEventsHandler, StreamBatch } from './publish-order-events';
import { Logger } from '../runtime/ports';
import { rehearsalContext, rehearse } from '../runtime/rehearsal';

/** An order id no real order has (ids are random UUIDs), in the shape the platform gives. */
export const REHEARSAL_ORDER_ID = '00000000-0000-4000-8000-000000000000';

/** One INSERT record of a stored order, as the table's stream delivers it to the consumer. */
export function rehearsalBatch(): StreamBatch {
  const now = Date.now();
  const image = {
    orderId: { S: REHEARSAL_ORDER_ID },
    customerId: { S: 'rehearsal' },
    items: { L: [{ M: { productId: { S: 'rehearsal-1' }, quantity: { N: '2' }, price: { N: '29.99' } } }] },
    totalAmount: { N: '59.98' },
    totalAmountCents: { N: '5998' },
    currency: { S: 'USD' },
    status: { S: 'pending' },
    shippingAddress: { M: { street: { S: '1 Rehearsal Way' }, city: { S: 'Init' }, state: { S: 'NA' }, zipCode: { S: '00000' } } },
    orderTimestamp: { N: String(now) },
    createdAt: { S: new Date(now).toISOString() },
  };
  return {
    Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: 'rehearsal', Keys: { orderId: { S: REHEARSAL_ORDER_ID } }, NewImage: image } }],
  };
}

/** What EventBridge answers a PutEvents whose every entry it accepted. */
export function acceptedEntries(input: object): object {
  const entries = (input as { Entries?: readonly unknown[] }).Entries ?? [];
  return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `rehearsal-${i}` })) };
}

/** Runs `rehearsal` (a handler instance without effects) on the made-up batch; resolves whatever happens. */
export function rehearseOrderEvents(rehearsal: OrderEventsHandler, logger: Pick<Logger, 'warn'>): Promise<void> {
  return rehearse({
    what: 'Order events consumer',
    run: () => rehearsal(rehearsalBatch(), rehearsalContext()),
    check: (res) => res.batchItemFailures.length === 0 ? undefined : { batchItemFailures: res.batchItemFailures.length },
    logger,
  });
}
