/** The consumer with a fake publisher: which records come back as batch item failures, and what is counted. */
import { insertRecord, storedOrder, TARGET } from './support';
import { EventEntry, PutEventsOutcome } from '../../../src/functions/order-events/core/event-entry';
import { PublishError } from '../../../src/functions/order-events/ports';
import { createOrderEventsHandler } from '../../../src/functions/order-events/publish-order-events';
import { lambdaContext } from '../../../src/functions/runtime/lambda-events';
import { createLogger } from '../../../src/functions/runtime/logger';
import { MetricDatum } from '../../../src/functions/runtime/ports';
import { lineSink } from '../create-order/support';

/** A stream invocation's context with `remainingMs` left throughout. */
const context = (remainingMs = 60_000) => lambdaContext({
  awsRequestId: 'batch-1', functionName: 'order-events', memoryLimitInMB: 256, timeoutMs: remainingMs, startedAt: 0, now: () => 0,
});

function setup(answer: (entries: readonly EventEntry[], call: number) => PutEventsOutcome | Error) {
  const calls: EventEntry[][] = [];
  const metrics: MetricDatum[][] = [];
  const logs = lineSink();
  const handler = createOrderEventsHandler({
    target: TARGET,
    publisher: {
      putEvents: async (entries) => {
        calls.push([...entries]);
        const a = answer(entries, calls.length - 1);
        if (a instanceof Error) throw a;
        return a;
      },
    },
    metrics: { publish: async (data) => { metrics.push([...data]); } },
    logger: createLogger('INFO', logs.write),
  });
  return { handler, calls, metrics, logs };
}

const accept = (entries: readonly EventEntry[]) => ({ entries: entries.map((_, i) => ({ eventId: `id-${i}` })) });
const orderIdOf = (e: EventEntry) => JSON.parse(e.Detail).orderId as string;
const records = (n: number, from = 1) => Array.from({ length: n }, (_, i) => insertRecord(from + i));

test('all accepted: no failures, 100 records in 10 requests of 10, one published count', async () => {
  const { handler, calls, metrics } = setup(accept);
  await expect(handler({ Records: records(100) }, context())).resolves.toEqual({ batchItemFailures: [] });
  expect(calls.map((c) => c.length)).toEqual(Array(10).fill(10));
  expect(new Set(calls.flat().map(orderIdOf)).size).toBe(100);
  expect(metrics).toEqual([[{ name: 'OrderEventsPublished', value: 100, unit: 'Count' }]]);
});

test('entries EventBridge rejects make exactly their records batch item failures', async () => {
  const { handler, metrics, logs } = setup((entries) => ({
    entries: entries.map((e) => (/0{9}(3|7|12)$/.test(orderIdOf(e)) ? { errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' } : { eventId: 'ok' })),
  }));
  const res = await handler({ Records: records(15) }, context());
  expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['seq-000003', 'seq-000007', 'seq-000012']);
  expect(metrics[0]).toEqual([{ name: 'OrderEventsPublished', value: 12, unit: 'Count' }]);
  expect(logs.lines.filter((l) => String(l.message).includes('not accepted'))).toHaveLength(3);
});

test('a PutEvents call that fails makes only the records of that request failures', async () => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
  const { handler, calls } = setup((entries, call) => (call === 1 ? new PublishError(throttled, true) : accept(entries)));
  const res = await handler({ Records: records(25) }, context());
  const failedOrders = calls[1].map((e) => orderIdOf(e).slice(-2));
  expect(res.batchItemFailures.map((f) => f.itemIdentifier.slice(-2))).toEqual(failedOrders);
  expect(res.batchItemFailures).toHaveLength(10);
});

test('an unpublishable record is reported (for the on-failure queue), counted and logged; the others are published', async () => {
  const { handler, calls, metrics, logs } = setup(accept);
  const broken = storedOrder(2, { items: { L: [] } });
  const res = await handler({ Records: [insertRecord(1), insertRecord(2, broken), insertRecord(3)] }, context());
  expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'seq-000002' }]);
  expect(calls.flat()).toHaveLength(2);
  expect(metrics[0]).toEqual([
    { name: 'OrderEventsPublished', value: 2, unit: 'Count' },
    { name: 'OrderEventsUnpublishable', value: 1, unit: 'Count' },
  ]);
  const line = logs.lines.find((l) => String(l.message).includes('never be published'));
  expect(line).toMatchObject({ level: 'ERROR', orderId: '00000000-0000-4000-8000-000000000002', sequenceNumber: 'seq-000002', reason: expect.stringMatching(/"items"/) });
});

test('a bug is rethrown, so Lambda retries and bisects the batch and Errors counts it', async () => {
  const { handler } = setup(() => new TypeError('boom'));
  await expect(handler({ Records: records(1) }, context())).rejects.toThrow('boom');
});

test('records that are not INSERTs are neither published nor failed; an empty batch calls nothing', async () => {
  const { handler, calls, metrics } = setup(accept);
  await expect(handler({ Records: [insertRecord(1, storedOrder(1), 'MODIFY')] }, context())).resolves.toEqual({ batchItemFailures: [] });
  await expect(handler({ Records: [] }, context())).resolves.toEqual({ batchItemFailures: [] });
  expect(calls).toEqual([]);
  expect(metrics).toEqual([]);
});

test('a failing metrics publisher never fails the batch', async () => {
  const { handler } = setup(accept);
  const failing = createOrderEventsHandler({
    target: TARGET,
    publisher: { putEvents: async (e) => accept(e) },
    metrics: { publish: async () => { throw new Error('metrics down'); } },
    logger: createLogger('ERROR', () => undefined),
  });
  await expect(failing({ Records: records(2) }, context())).resolves.toEqual({ batchItemFailures: [] });
  await expect(handler({ Records: records(2) }, context())).resolves.toEqual({ batchItemFailures: [] });
});

test('each PutEvents call gets the invocation\'s deadline: its signal fires a second before Lambda would end it', async () => {
  const signals: AbortSignal[] = [];
  const handler = createOrderEventsHandler({
    target: TARGET,
    // A call that never answers by itself: only the deadline ends it.
    publisher: {
      putEvents: (_entries, signal) => new Promise((_resolve, reject) => {
        signals.push(signal!);
        signal!.addEventListener('abort', () => reject(new PublishError(new Error('aborted'), true)));
      }),
    },
    metrics: { publish: async () => undefined },
    logger: createLogger('ERROR', () => undefined),
  });
  const started = Date.now();
  // 1,250 ms left: the deadline is 250 ms (the remaining time less a second).
  const res = await handler({ Records: records(12) }, context(1_250));
  const elapsed = Date.now() - started;
  expect(signals).toHaveLength(2);
  expect(signals.every((s) => s.aborted)).toBe(true);
  expect(elapsed).toBeGreaterThanOrEqual(240);
  expect(elapsed).toBeLessThan(2_000);
  expect(res.batchItemFailures).toHaveLength(12);
});
