/**
 * The consumer's rehearsal during init (src/functions/order-events/rehearsal.ts): its made-up batch is one the real
 * handler publishes (one OrderCreated entry, no failure, one published count), the in-process PutEvents answer is the
 * one EventBridge gives when it accepts every entry, and a rehearsal that goes wrong logs one warning.
 */
import { TARGET } from './support';
import { EventEntry } from '../../../src/functions/order-events/core/event-entry';
import { failedEntries } from '../../../src/functions/order-events/core/failures';
import { createOrderEventsHandler } from '../../../src/functions/order-events/publish-order-events';
import { acceptedEntries, REHEARSAL_ORDER_ID, rehearsalBatch, rehearseOrderEvents } from '../../../src/functions/order-events/rehearsal';
import { createLogger } from '../../../src/functions/runtime/logger';
import { MetricDatum } from '../../../src/functions/runtime/ports';
import { rehearsalContext } from '../../../src/functions/runtime/rehearsal';
import { lineSink } from '../create-order/support';

test('the rehearsed batch is published by the real handler: one entry, no failure, one published count', async () => {
  const calls: EventEntry[][] = [];
  const metrics: MetricDatum[][] = [];
  const logs = lineSink();
  const handler = createOrderEventsHandler({
    target: TARGET,
    publisher: { putEvents: async (entries) => { calls.push([...entries]); return { entries: entries.map((_, i) => ({ eventId: `e${i}` })) }; } },
    metrics: { publish: async (data) => { metrics.push([...data]); } },
    logger: createLogger('INFO', logs.write),
  });
  await expect(handler(rehearsalBatch(), rehearsalContext())).resolves.toEqual({ batchItemFailures: [] });
  expect(calls).toHaveLength(1);
  expect(calls[0]).toHaveLength(1);
  expect(JSON.parse(calls[0][0].Detail)).toMatchObject({ orderId: REHEARSAL_ORDER_ID, customerId: 'rehearsal', totalAmount: 59.98, totalAmountCents: 5998 });
  expect(metrics).toEqual([[{ name: 'OrderEventsPublished', value: 1, unit: 'Count' }]]);
  expect(logs.lines).toEqual([expect.objectContaining({ message: 'Order events batch', published: 1, failed: 0, unpublishable: 0 })]);
});

test('the in-process answer accepts every entry of the request; an empty answer would fail them all', () => {
  const answer = acceptedEntries({ Entries: [{}, {}, {}] }) as { FailedEntryCount: number; Entries: { EventId: string }[] };
  expect(answer.FailedEntryCount).toBe(0);
  expect(answer.Entries.map((e) => e.EventId)).toEqual(['rehearsal-0', 'rehearsal-1', 'rehearsal-2']);
  const items = ['a', 'b', 'c'];
  expect(failedEntries(items, { entries: answer.Entries.map((e) => ({ eventId: e.EventId })) })).toEqual([]);
  // PutEvents answered `{}` parses to no results, which the consumer reads as nothing accepted.
  expect(failedEntries(items, { entries: [] })).toHaveLength(3);
});

test('rehearseOrderEvents is quiet on a clean batch, and warns once when records come back as failures', async () => {
  const quiet = lineSink();
  await rehearseOrderEvents(async () => ({ batchItemFailures: [] }), createLogger('INFO', quiet.write));
  expect(quiet.lines).toEqual([]);

  const warned = lineSink();
  await rehearseOrderEvents(async () => ({ batchItemFailures: [{ itemIdentifier: 'rehearsal' }] }), createLogger('INFO', warned.write));
  expect(warned.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Order events consumer rehearsal did not succeed', batchItemFailures: 1 })]);
});
