/**
 * The read logic end to end with an in-memory reader (no SDK, no mocks): both routes, both access modes, paging,
 * the view (exact money, no internals), and what is logged. Every response is checked against openapi.json.
 */
import { getOrderEvent, listOrdersEvent, MemoryReader, storedOrder } from './support';
import { ReadAccessMode } from '../../../src/contract/platform';
import { StoreFaultError, StoreUnavailableError } from '../../../src/functions/model/errors';
import { OrderReader } from '../../../src/functions/read-orders/ports';
import { createReadHandler } from '../../../src/functions/read-orders/read-orders';
import { createLogger } from '../../../src/functions/runtime/logger';
import { conforming } from '../../support/openapi-conformance';
import { lambdaContext, lineSink, parseBody } from '../create-order/support';

function setup(access: ReadAccessMode = 'IAM', reader: OrderReader = new MemoryReader()) {
  const logs = lineSink();
  const handler = conforming(createReadHandler({
    config: { tableName: 'orders', logLevel: 'DEBUG', access },
    reader,
    logger: createLogger('DEBUG', logs.write),
  }));
  return { handler, reader, logs: logs.lines };
}

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('GET /orders/{orderId}', () => {
  test('200 with the order view: exact stored money, no requestHash, idempotency key or ttl', async () => {
    const reader = new MemoryReader();
    reader.put(storedOrder('o-1', 'cust-12345', T0));
    const { handler } = setup('IAM', reader);
    const res = await handler(getOrderEvent('o-1'), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-store' });
    expect(res.body).toContain('"price":29.99}');
    expect(res.body).toContain('"totalAmount":109.97,');
    for (const internal of ['requestHash', 'idempotencyKey', 'ttl', 'totalAmountCents']) expect(res.body).not.toContain(internal);
    expect(parseBody(res as { body: string })).toEqual({
      success: true,
      order: {
        orderId: 'o-1',
        customerId: 'cust-12345',
        items: [{ productId: 'prod-1', quantity: 2, price: 29.99 }, { productId: 'prod-2', quantity: 1, price: 49.99 }],
        totalAmount: 109.97,
        currency: 'USD',
        status: 'pending',
        orderTimestamp: T0,
        createdAt: new Date(T0).toISOString(),
        shippingAddress: { street: '123 Main St', city: 'Anytown', state: 'NY', zipCode: '12345' },
        // Stored without the lifecycle's attributes: version 1, and the creation entry from createdAt.
        version: 1,
        statusHistory: [{ status: 'pending', at: new Date(T0).toISOString(), by: 'customer' }],
        updatedAt: new Date(T0).toISOString(),
      },
    });
    expect(res.headers).toMatchObject({ etag: '"1"' });
  });

  test('404 naming orderId for an unknown id', async () => {
    const { handler } = setup();
    const res = await handler(getOrderEvent('missing'), lambdaContext());
    expect(res.statusCode).toBe(404);
    expect(parseBody(res as { body: string })).toEqual({ success: false, error: 'NotFound', message: expect.any(String), field: 'orderId', rule: 'notFound' });
  });

  test('token access: the owner reads it; another customer gets the very same 404 as for a missing id', async () => {
    const reader = new MemoryReader();
    reader.put(storedOrder('o-1', 'cust-1', T0));
    const { handler } = setup('TOKEN_OWNER', reader);
    expect((await handler(getOrderEvent('o-1', { sub: 'cust-1' }), lambdaContext())).statusCode).toBe(200);
    const theirs = await handler(getOrderEvent('o-1', { sub: 'cust-2' }), lambdaContext());
    const missing = await handler(getOrderEvent('nope', { sub: 'cust-2' }), lambdaContext());
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
    expect((await handler(getOrderEvent('o-1'), lambdaContext())).statusCode).toBe(403);
  });

  test('a stored item that is not an order is 500, logged with the attribute', async () => {
    const reader = new MemoryReader();
    const { totalAmount, ...broken } = storedOrder('o-1', 'cust-1', T0);
    reader.put(broken);
    const { handler, logs } = setup('IAM', reader);
    const res = await handler(getOrderEvent('o-1'), lambdaContext());
    expect(res.statusCode).toBe(500);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', attribute: 'totalAmount' }));
  });
});

describe('GET /customers/{customerId}/orders', () => {
  function manyOrders(reader: MemoryReader, customerId: string, n: number): string[] {
    const ids = Array.from({ length: n }, (_, i) => `${customerId}-o-${String(i).padStart(3, '0')}`);
    ids.forEach((id, i) => reader.put(storedOrder(id, customerId, T0 + i * 1000)));
    return ids.reverse(); // newest first
  }

  test('pages of `limit`, newest first, none missing or repeated, null cursor on the last page', async () => {
    const reader = new MemoryReader();
    const expected = manyOrders(reader, 'cust-1', 25);
    manyOrders(reader, 'cust-2', 5);
    const { handler } = setup('IAM', reader);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null | undefined;
    do {
      const res = await handler(listOrdersEvent('cust-1', { query: { limit: '10', ...(cursor ? { cursor } : {}) } }), lambdaContext());
      expect(res.statusCode).toBe(200);
      const body = parseBody(res as { body: string }) as { orders: { orderId: string; customerId: string }[]; nextCursor: string | null };
      sizes.push(body.orders.length);
      seen.push(...body.orders.map((o) => o.orderId));
      expect(new Set(body.orders.map((o) => o.customerId))).toEqual(new Set(['cust-1']));
      cursor = body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(expected);
    expect(reader.queries.map((q) => q.limit)).toEqual([11, 11, 11]);
  });

  test('default limit 20; an empty list is 200 with no cursor', async () => {
    const reader = new MemoryReader();
    manyOrders(reader, 'cust-1', 21);
    const { handler } = setup('IAM', reader);
    const page = parseBody((await handler(listOrdersEvent('cust-1'), lambdaContext())) as { body: string });
    expect((page.orders as unknown[]).length).toBe(20);
    expect(page.nextCursor).toEqual(expect.any(String));
    const none = await handler(listOrdersEvent('cust-nobody'), lambdaContext());
    expect(parseBody(none as { body: string })).toEqual({ success: true, orders: [], nextCursor: null });
  });

  test('DynamoDB stopping early (1 MB) still pages through everything', async () => {
    const reader = new MemoryReader();
    const expected = manyOrders(reader, 'cust-1', 12);
    reader.maxItemsPerQuery = 4;
    const { handler } = setup('IAM', reader);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await handler(listOrdersEvent('cust-1', { query: { limit: '10', ...(cursor ? { cursor } : {}) } }), lambdaContext());
      const body = parseBody(res as { body: string }) as { orders: { orderId: string }[]; nextCursor: string | null };
      seen.push(...body.orders.map((o) => o.orderId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  test('a cursor of another customer or a tampered one is 400 naming cursor, and nothing is queried', async () => {
    const reader = new MemoryReader();
    manyOrders(reader, 'cust-1', 3);
    manyOrders(reader, 'cust-2', 3);
    const { handler } = setup('IAM', reader);
    const first = parseBody((await handler(listOrdersEvent('cust-2', { query: { limit: '1' } }), lambdaContext())) as { body: string });
    const queries = reader.queries.length;
    const foreign = await handler(listOrdersEvent('cust-1', { query: { cursor: first.nextCursor as string } }), lambdaContext());
    expect(parseBody(foreign as { body: string })).toMatchObject({ success: false, field: 'cursor', rule: 'query' });
    const c = first.nextCursor as string;
    const tampered = `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}`;
    const bad = await handler(listOrdersEvent('cust-2', { query: { cursor: tampered } }), lambdaContext());
    expect(bad.statusCode).toBe(400);
    expect(parseBody(bad as { body: string }).field).toBe('cursor');
    expect(reader.queries.length).toBe(queries);
  });

  test('token access: 403 for another customer\'s list, 200 for one\'s own', async () => {
    const { handler } = setup('TOKEN_OWNER');
    expect((await handler(listOrdersEvent('cust-1', { sub: 'cust-1' }), lambdaContext())).statusCode).toBe(200);
    const res = await handler(listOrdersEvent('cust-2', { sub: 'cust-1' }), lambdaContext());
    expect(res.statusCode).toBe(403);
    expect(parseBody(res as { body: string })).toMatchObject({ field: 'customerId', rule: 'matchesToken' });
  });

  test('logs say how many orders, never the customer or the cursor', async () => {
    const reader = new MemoryReader();
    manyOrders(reader, 'cust-secret', 3);
    const { handler, logs } = setup('IAM', reader);
    await handler(listOrdersEvent('cust-secret', { query: { limit: '2' } }), lambdaContext('req-9'));
    expect(logs).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'Orders listed', count: 2, more: true, requestId: 'req-9' }));
    expect(JSON.stringify(logs)).not.toContain('cust-secret');
    expect(JSON.stringify(logs)).not.toContain('Anytown');
  });
});

describe('the store fails', () => {
  const failing = (e: Error): OrderReader => ({
    getOrder: async () => { throw e; },
    queryCustomerOrders: async () => { throw e; },
  });
  test.each<[string, Error, number]>([
    ['unavailable', new StoreUnavailableError(new Error('throttled')), 503],
    ['refused', new StoreFaultError(new Error('AccessDenied')), 500],
  ])('%s: %d on both routes, logged at ERROR', async (_name, error, status) => {
    const { handler, logs } = setup('IAM', failing(error));
    for (const event of [getOrderEvent('o-1'), listOrdersEvent('cust-1')]) {
      const res = await handler(event, lambdaContext());
      expect(res.statusCode).toBe(status);
      expect(parseBody(res as { body: string })).toMatchObject({ success: false, field: null, rule: null });
    }
    expect(logs.filter((l) => l.level === 'ERROR')).toHaveLength(2);
  });

  test('a bug is rethrown after an ERROR log', async () => {
    const { handler, logs } = setup('IAM', failing(new TypeError('boom')));
    await expect(handler(getOrderEvent('o-1'), lambdaContext())).rejects.toThrow('boom');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'Read failed', errorName: 'TypeError' }));
  });

  test('a route it does not serve is a bug, not a 404', async () => {
    const { handler } = setup();
    await expect(handler({ ...getOrderEvent('o-1'), routeKey: 'DELETE /orders/{orderId}' }, lambdaContext())).rejects.toThrow(/does not serve route/);
  });
});
