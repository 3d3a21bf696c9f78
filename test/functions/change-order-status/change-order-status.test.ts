/**
 * The status-change orchestration with a fake store: what each store outcome answers, the business metrics it
 * publishes (EMF lines, as the bundle writes them), and logs that carry neither the reason nor the caller.
 */
import { cancelEvent, SERVICE_ARN, statusEvent } from './support';
import { createStatusChangeHandler } from '../../../src/functions/change-order-status/change-order-status';
import { StatusChange } from '../../../src/functions/change-order-status/core/transition';
import { ChangeResult, OrderStatusStore } from '../../../src/functions/change-order-status/ports';
import { StoreFaultError, StoreUnavailableError } from '../../../src/functions/model/errors';
import { StoredItem } from '../../../src/functions/model/order-view';
import { createEmfPublisher } from '../../../src/functions/runtime/emf-publisher';
import { createLogger } from '../../../src/functions/runtime/logger';
import { conforming } from '../../support/openapi-conformance';
import { lambdaContext, lineSink, parseBody, SEED_STORED_ATTRIBUTES } from '../create-order/support';

const order = (status: string, version: number): StoredItem => ({
  orderId: { S: 'o-1' },
  ...SEED_STORED_ATTRIBUTES,
  customerId: { S: 'cust-1' },
  orderTimestamp: { N: '1768478400000' },
  createdAt: { S: '2026-01-15T12:00:00.000Z' },
  status: { S: status },
  version: { N: String(version) },
} as StoredItem);

function setup(answer: (change: StatusChange) => Promise<ChangeResult>) {
  const logs = lineSink();
  const emf = lineSink();
  const changes: StatusChange[] = [];
  const store: OrderStatusStore = { changeStatus: (c) => { changes.push(c); return answer(c); } };
  const handler = conforming(createStatusChangeHandler({
    config: { tableName: 'orders', logLevel: 'DEBUG', cancelAccess: 'IAM', metricsDimensionValue: 'test' },
    store,
    metrics: createEmfPublisher({ namespace: 'ECommerce/OrderProcessing', dimensionName: 'Environment', dimensionValue: 'test', write: emf.write }),
    logger: createLogger('DEBUG', logs.write),
    clock: () => Date.UTC(2026, 0, 16, 9, 0, 0),
  }));
  return { handler, logs: logs.lines, emf: emf.lines, changes };
}

test('a written cancel: 200 with the order and its ETag, one OrderStatusChanges and one OrdersCancelled', async () => {
  const { handler, emf, logs } = setup(async () => ({ changed: true, item: order('cancelled', 2) }));
  const res = await handler(cancelEvent('o-1', { reason: 'secret reason' }), lambdaContext());
  expect(res.statusCode).toBe(200);
  expect(res.headers).toMatchObject({ 'etag': '"2"', 'cache-control': 'no-store' });
  expect(emf).toHaveLength(1);
  expect(emf[0]).toMatchObject({ OrderStatusChanges: 1, OrdersCancelled: 1, Environment: 'test' });
  expect(JSON.stringify(logs)).not.toContain('secret reason');
  expect(JSON.stringify(logs)).not.toContain(SERVICE_ARN);
});

test('a written confirmation counts no cancellation; a refused change publishes no metric', async () => {
  const confirmed = setup(async () => ({ changed: true, item: order('confirmed', 2) }));
  await confirmed.handler(statusEvent('o-1', { status: 'confirmed' }), lambdaContext());
  expect(confirmed.emf[0]).toMatchObject({ OrderStatusChanges: 1 });
  expect(confirmed.emf[0]).not.toHaveProperty('OrdersCancelled');
  const refused = setup(async () => ({ changed: false, old: order('delivered', 4) }));
  const res = await refused.handler(statusEvent('o-1', { status: 'cancelled' }), lambdaContext());
  expect(res.statusCode).toBe(409);
  expect(parseBody(res)).toMatchObject({ currentStatus: 'delivered', allowedStatuses: [] });
  expect(refused.emf).toEqual([]);
});

test.each<[string, unknown, number]>([
  ['throttled or unreachable', new StoreUnavailableError(new Error('x')), 503],
  ['refused', new StoreFaultError(new Error('x')), 500],
])('DynamoDB %s -> %d', async (_, error, status) => {
  const { handler } = setup(async () => { throw error; });
  const res = await handler(statusEvent('o-1', { status: 'confirmed' }), lambdaContext());
  expect(res.statusCode).toBe(status);
});

test('a stored item that is not an order is 500, logged with the attribute', async () => {
  const { handler, logs } = setup(async () => ({ changed: false, old: { orderId: { S: 'o-1' }, status: { S: 'lost' } } }));
  const res = await handler(statusEvent('o-1', { status: 'confirmed' }), lambdaContext());
  expect(res.statusCode).toBe(500);
  expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', attribute: 'status' }));
});

test('a request refused before the store never reaches it', async () => {
  const { handler, changes } = setup(async () => { throw new Error('unreachable'); });
  expect((await handler(statusEvent('o-1', { status: 'pending' }), lambdaContext())).statusCode).toBe(400);
  expect(changes).toEqual([]);
});

test('another route is a bug: rethrown after an ERROR log', async () => {
  const { handler, logs } = setup(async () => ({ changed: false }));
  const event = { ...statusEvent('o-1', { status: 'confirmed' }), routeKey: 'GET /orders/{orderId}' };
  // Not through `conforming`: a rethrown bug has no response to check.
  await expect(createStatusChangeHandler({
    config: { tableName: 'orders', logLevel: 'DEBUG', cancelAccess: 'IAM', metricsDimensionValue: 'test' },
    store: { changeStatus: async () => ({ changed: false }) },
    metrics: { publish: async () => undefined },
    logger: createLogger('DEBUG', (line) => logs.push(JSON.parse(line))),
  })(event, lambdaContext())).rejects.toThrow(/does not serve route/);
  expect(handler).toBeDefined();
  expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'Status change failed' }));
});
