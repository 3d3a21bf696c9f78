/**
 * The init's rehearsal of one order (src/functions/create-order/rehearsal.ts): its made-up request is one the real handler accepts
 * on the path every order takes (validation, idempotency key, one put, metrics, a 200), and a rehearsal that goes
 * wrong only ever logs one warning.
 */
import { lineSink, MemoryStore, parseBody } from './support';
import { createOrderHandler, OrderHandler } from '../../../src/functions/create-order/create-order';
import { rehearsalContext, rehearsalEvent, rehearseOrder } from '../../../src/functions/create-order/rehearsal';
import { createLogger } from '../../../src/functions/runtime/logger';
import { MetricsSink } from '../../../src/functions/runtime/ports';

function handlerWith(store: MemoryStore, metrics: MetricsSink, logLines: ReturnType<typeof lineSink>): OrderHandler {
  return createOrderHandler({
    config: { tableName: 't', metricsDimensionValue: 'test', logLevel: 'INFO' },
    store,
    metrics,
    logger: createLogger('INFO', logLines.write),
  });
}

test('the rehearsed order is accepted by the real handler, with its idempotency key, one put and its metrics', async () => {
  const store = new MemoryStore();
  const published: string[] = [];
  const logs = lineSink();
  const metrics: MetricsSink = { publish: async (data) => { published.push(...data.map((d) => d.name)); } };
  const res = await handlerWith(store, metrics, logs)(rehearsalEvent(), rehearsalContext());
  expect(res.statusCode).toBe(200);
  expect(parseBody(res)).toMatchObject({ success: true, totalAmount: 109.97 });
  expect([...store.rows.values()][0].customerId).toBe('rehearsal');
  expect(store.puts).toBe(1);
  expect([...store.rows.values()][0].idempotencyKey).toBe('rehearsal-during-init');
  expect(published).toEqual(['OrdersProcessed', 'OrderValue']);
  expect(logs.lines).toEqual([expect.objectContaining({ message: 'Order created', idempotent: true })]);
});

test('a rehearsal that answers anything but 200 logs one warning with the status', async () => {
  const warnings = lineSink();
  const logger = createLogger('INFO', warnings.write);
  await rehearseOrder(async () => ({ statusCode: 503 }), logger);
  expect(warnings.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Order handler rehearsal did not succeed', statusCode: 503 })]);
});

test('a rehearsal that throws resolves all the same, with one warning naming the error', async () => {
  const warnings = lineSink();
  await expect(rehearseOrder(async () => { throw new TypeError('bug'); }, createLogger('INFO', warnings.write))).resolves.toBeUndefined();
  expect(warnings.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Order handler rehearsal failed', errorName: 'TypeError' })]);
});

test('the rehearsal context refuses the callback-style API: the handler is async and never calls it', () => {
  expect(() => rehearsalContext().succeed('x')).toThrow(/rehearsal/);
  expect(rehearsalContext().getRemainingTimeInMillis()).toBeGreaterThan(10_000);
});
