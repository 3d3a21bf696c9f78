/**
 * The order logic end to end with in-memory fakes (no SDK, no mocks): every client error names its field and rule
 * and writes nothing; successes, replays and conflicts; server faults; what is logged and measured.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaContext, lineSink, MemoryStore, orderEvent, parseBody, SEED_BODY } from './support';
import { OrderRecord } from '../../../src/functions/create-order/core/order-record';
import { createOrderHandler, CreateOrderDeps } from '../../../src/functions/create-order/create-order';
import { HandlerConfig, OrderStore } from '../../../src/functions/create-order/ports';
import { StoreFaultError, StoreUnavailableError } from '../../../src/functions/model/errors';
import { deadline } from '../../../src/functions/runtime/deadline';
import { createEmfPublisher } from '../../../src/functions/runtime/emf-publisher';
import { createLogger } from '../../../src/functions/runtime/logger';
import { MetricsSink } from '../../../src/functions/runtime/ports';
import { conforming } from '../../support/openapi-conformance';

const CONFIG: HandlerConfig = { tableName: 'orders', metricsDimensionValue: 'test', logLevel: 'DEBUG' };
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function setup(overrides: Partial<CreateOrderDeps> = {}) {
  const store = new MemoryStore();
  const logs = lineSink();
  const emf = lineSink();
  let n = 0;
  const deps: CreateOrderDeps = {
    config: CONFIG,
    store,
    metrics: createEmfPublisher({ namespace: 'ECommerce/OrderProcessing', dimensionName: 'Environment', dimensionValue: 'test', write: emf.write, now: () => NOW }),
    logger: createLogger('DEBUG', logs.write),
    clock: () => NOW,
    newOrderId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    ...overrides,
  };
  // Every response these tests produce is checked against openapi.json.
  return { handler: conforming(createOrderHandler(deps)), store, logs: logs.lines, emf: emf.lines };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  orderEvent(body, { headers: { 'content-type': 'application/json', ...headers } });
const withBody = (patch: Record<string, unknown>) => json({ ...SEED_BODY, ...patch });
const withItem = (patch: Record<string, unknown>, total: unknown = SEED_BODY.totalAmount) =>
  json({ ...SEED_BODY, items: [{ ...SEED_BODY.items[0], ...patch }, SEED_BODY.items[1]], totalAmount: total });
const raw = (text: string) => orderEvent(text);
const seedText = JSON.stringify(SEED_BODY);
const replaceInSeed = (from: string, to: string) => raw(seedText.replace(from, to));
const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

// [description, event, status, field, rule]
const BAD_REQUESTS: Array<[string, APIGatewayProxyEventV2, number, string | null, string]> = [
  ['no Content-Type', orderEvent(SEED_BODY, { headers: {} }), 415, 'Content-Type', 'mediaType'],
  ['text/plain', orderEvent(SEED_BODY, { headers: { 'content-type': 'text/plain' } }), 415, 'Content-Type', 'mediaType'],
  ['form-urlencoded', orderEvent(SEED_BODY, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'Content-Type', 'mediaType'],
  ['JSON in Latin-1', orderEvent(SEED_BODY, { headers: { 'content-type': 'application/json; charset=iso-8859-1' } }), 415, 'Content-Type', 'mediaType'],
  ['application/jsonx', orderEvent(SEED_BODY, { headers: { 'content-type': 'application/jsonx' } }), 415, 'Content-Type', 'mediaType'],
  ['no body', orderEvent(undefined), 400, 'body', 'required'],
  ['empty body', raw(''), 400, 'body', 'required'],
  ['truncated JSON', raw('{"customerId":'), 400, 'body', 'json'],
  ['trailing comma', raw('{"customerId":"c",}'), 400, 'body', 'json'],
  ['NaN literal', replaceInSeed('109.97', 'NaN'), 400, 'body', 'json'],
  ['Infinity literal', replaceInSeed('109.97', 'Infinity'), 400, 'body', 'json'],
  ['leading plus', replaceInSeed('109.97', '+109.97'), 400, 'body', 'json'],
  ['hex number', replaceInSeed('"quantity":1', '"quantity":0x1'), 400, 'body', 'json'],
  ['duplicate key', raw(seedText.replace('{', '{"totalAmount":1,')), 400, 'body', 'json'],
  ['single quotes', raw("{'customerId':'c'}"), 400, 'body', 'json'],
  ['data after the value', raw(seedText + ' {}'), 400, 'body', 'json'],
  ['nesting too deep', raw(nest(50)), 400, 'body', 'json'],
  ['body is an array', json([SEED_BODY]), 400, 'body', 'type'],
  ['body is a string', raw('"order"'), 400, 'body', 'type'],
  ['body is null', raw('null'), 400, 'body', 'type'],
  ['body over 32 KiB', withBody({ notes: 'x'.repeat(33 * 1024) }), 413, 'body', 'maxBytes'],
  ['base64 body over 32 KiB', orderEvent({ ...SEED_BODY, notes: 'x'.repeat(33 * 1024) }, { base64: true }), 413, 'body', 'maxBytes'],
  ['base64 body not UTF-8', { ...orderEvent(SEED_BODY), isBase64Encoded: true, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64') }, 400, 'body', 'encoding'],
  ['unknown top-level field', withBody({ coupon: 'FREE' }), 400, 'coupon', 'unknownField'],
  ['prototype key', raw(seedText.replace('{', '{"__proto__":{},')), 400, '__proto__', 'unknownField'],
  ['customerId missing', withBody({ customerId: undefined }), 400, 'customerId', 'required'],
  ['customerId a number', withBody({ customerId: 12345 }), 400, 'customerId', 'type'],
  ['customerId empty', withBody({ customerId: '' }), 400, 'customerId', 'notEmpty'],
  ['customerId blank', withBody({ customerId: '   ' }), 400, 'customerId', 'notEmpty'],
  ['customerId too long', withBody({ customerId: 'c'.repeat(129) }), 400, 'customerId', 'maxLength'],
  ['customerId with a control character', withBody({ customerId: 'cust\u0000' }), 400, 'customerId', 'characters'],
  ['customerId with a lone surrogate', replaceInSeed('cust-12345', 'cust\\ud800'), 400, 'customerId', 'characters'],
  ['customerId null', withBody({ customerId: null }), 400, 'customerId', 'type'],
  ['items missing', withBody({ items: undefined }), 400, 'items', 'required'],
  ['items an object', withBody({ items: { productId: 'p' } }), 400, 'items', 'type'],
  ['items empty', withBody({ items: [] }), 400, 'items', 'minItems'],
  ['101 items', withBody({ items: Array.from({ length: 101 }, () => ({ productId: 'p', quantity: 1, price: 1 })), totalAmount: 101 }), 400, 'items', 'maxItems'],
  ['item not an object', withBody({ items: ['prod-1'] }), 400, 'items[0]', 'type'],
  ['item with an unknown field', withItem({ name: 'Widget' }), 400, 'items[0].name', 'unknownField'],
  ['item without productId', withItem({ productId: undefined }), 400, 'items[0].productId', 'required'],
  ['item without price', withItem({ price: undefined }), 400, 'items[0].price', 'required'],
  ['productId empty', withItem({ productId: '' }), 400, 'items[0].productId', 'notEmpty'],
  ['quantity zero', withItem({ quantity: 0 }), 400, 'items[0].quantity', 'min'],
  ['quantity negative', withItem({ quantity: -2 }), 400, 'items[0].quantity', 'min'],
  ['quantity fractional', withItem({ quantity: 1.5 }), 400, 'items[0].quantity', 'integer'],
  ['quantity as a string', withItem({ quantity: '2' }), 400, 'items[0].quantity', 'type'],
  ['quantity boolean', withItem({ quantity: true }), 400, 'items[0].quantity', 'type'],
  ['quantity too large', withItem({ quantity: 10_001 }), 400, 'items[0].quantity', 'max'],
  ['quantity 1e400', replaceInSeed('"quantity":1', '"quantity":1e400'), 400, 'items[1].quantity', 'max'],
  ['price negative', withItem({ price: -29.99 }), 400, 'items[0].price', 'nonNegative'],
  ['price with 3 decimals', withItem({ price: 29.999 }), 400, 'items[0].price', 'decimals'],
  ['price hiding a 3rd decimal beyond float precision', replaceInSeed('29.99', '29.990000000000000001'), 400, 'items[0].price', 'decimals'],
  ['price as a string', withItem({ price: '29.99' }), 400, 'items[0].price', 'type'],
  ['price null', withItem({ price: null }), 400, 'items[0].price', 'type'],
  ['price over the limit', withItem({ price: 1_000_000.01 }), 400, 'items[0].price', 'max'],
  ['totalAmount missing', withBody({ totalAmount: undefined }), 400, 'totalAmount', 'required'],
  ['totalAmount not the sum', withBody({ totalAmount: 109.98 }), 400, 'totalAmount', 'sum'],
  ['totalAmount negative', withBody({ totalAmount: -0.01 }), 400, 'totalAmount', 'nonNegative'],
  ['totalAmount with 3 decimals', replaceInSeed('109.97', '109.971'), 400, 'totalAmount', 'decimals'],
  ['totalAmount as a string', withBody({ totalAmount: '109.97' }), 400, 'totalAmount', 'type'],
  ['totalAmount 1e400', replaceInSeed('109.97', '1e400'), 400, 'totalAmount', 'max'],
  ['shippingAddress a string', withBody({ shippingAddress: '123 Main St' }), 400, 'shippingAddress', 'type'],
  ['shippingAddress without city', withBody({ shippingAddress: { street: '1 Main St' } }), 400, 'shippingAddress.city', 'required'],
  ['billingAddress with an unknown field', withBody({ billingAddress: { street: 's', city: 'c', planet: 'Mars' } }), 400, 'billingAddress.planet', 'unknownField'],
  ['address field too long', withBody({ shippingAddress: { street: 's'.repeat(201), city: 'c' } }), 400, 'shippingAddress.street', 'maxLength'],
  ['address field a number', withBody({ shippingAddress: { street: 's', city: 'c', zipCode: 12345 } }), 400, 'shippingAddress.zipCode', 'type'],
  ['paymentMethod a card number', withBody({ paymentMethod: '4111 1111 1111 1111' }), 400, 'paymentMethod', 'noCardData'],
  ['paymentMethod an object', withBody({ paymentMethod: { type: 'card' } }), 400, 'paymentMethod', 'type'],
  ['paymentMethod too long', withBody({ paymentMethod: 'p'.repeat(129) }), 400, 'paymentMethod', 'maxLength'],
  ['notes too long', withBody({ notes: 'n'.repeat(1001) }), 400, 'notes', 'maxLength'],
  ['notes null', withBody({ notes: null }), 400, 'notes', 'type'],
  ['notes with a NUL', withBody({ notes: 'a\u0000b' }), 400, 'notes', 'characters'],
  ['Idempotency-Key with a space', json(SEED_BODY, { 'idempotency-key': 'a b' }), 400, 'Idempotency-Key', 'pattern'],
  ['Idempotency-Key too long', json(SEED_BODY, { 'idempotency-key': 'k'.repeat(129) }), 400, 'Idempotency-Key', 'pattern'],
  ['Idempotency-Key empty', json(SEED_BODY, { 'idempotency-key': '' }), 400, 'Idempotency-Key', 'pattern'],
  ['customerId differs from the token', orderEvent(SEED_BODY, { sub: 'someone-else' }), 403, 'customerId', 'matchesToken'],
  ['token subject unusable', orderEvent(SEED_BODY, { sub: 'x'.repeat(200) }), 403, 'customerId', 'tokenSubject'],
];

describe('client errors', () => {
  test('the table holds at least 40 bad requests', () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(40);
  });

  const cases = BAD_REQUESTS.map(([name, event, status, field, rule]) => [name, status, field, rule, event] as const);
  test.each(cases)('%s -> %i %s/%s, nothing stored', async (_name, status, field, rule, event) => {
    const { handler, store, emf } = setup();
    const res = await handler(event, lambdaContext());
    expect(res.statusCode).toBe(status);
    expect(res.headers).toEqual({ 'content-type': 'application/json' });
    const body = parseBody(res as { body: string });
    expect(body).toEqual({ success: false, error: expect.any(String), message: expect.any(String), field, rule });
    expect(store.puts).toBe(0);
    expect(emf).toEqual([]); // OrderErrors counts server faults only
  });
});

describe('created orders', () => {
  test("the seed's curl example is stored and answered exactly", async () => {
    const { handler, store, logs, emf } = setup();
    const res = await handler(json(SEED_BODY), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({ 'content-type': 'application/json', 'etag': '"1"' });
    expect(res.body).toContain('"totalAmount":109.97}');
    const body = parseBody(res as { body: string });
    expect(body).toEqual({
      success: true,
      orderId: '00000000-0000-4000-8000-000000000001',
      message: 'Order created successfully',
      timestamp: '2026-01-15T12:00:00.000Z',
      version: 1,
      totalAmount: 109.97,
    });
    expect([...store.rows.values()]).toEqual([{
      orderId: '00000000-0000-4000-8000-000000000001',
      customerId: 'cust-12345',
      items: [{ productId: 'prod-1', quantity: 2, price: '29.99' }, { productId: 'prod-2', quantity: 1, price: '49.99' }],
      totalAmount: '109.97',
      totalAmountCents: 10997,
      currency: 'USD',
      status: 'pending',
      orderTimestamp: NOW,
      createdAt: '2026-01-15T12:00:00.000Z',
      version: 1,
      statusHistory: [{ status: 'pending', at: '2026-01-15T12:00:00.000Z', by: 'customer' }],
      shippingAddress: SEED_BODY.shippingAddress,
      requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    }]);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ OrdersProcessed: 1, OrderValue: 109.97, Environment: 'test', orderId: body.orderId, requestId: 'req-1' });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'Order created', requestId: 'req-1', orderId: body.orderId }));
  });

  test.each([
    ['application/json; charset=utf-8'],
    ['Application/JSON; charset="UTF-8"'],
    ['application/json;charset=utf-8'],
  ])('Content-Type %s is accepted', async (contentType) => {
    const { handler } = setup();
    const res = await handler(orderEvent(SEED_BODY, { headers: { 'Content-Type': contentType } }), lambdaContext());
    expect(res.statusCode).toBe(200);
  });

  test('a base64-encoded body is decoded', async () => {
    const { handler, store } = setup();
    const res = await handler(orderEvent(SEED_BODY, { base64: true }), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(store.rows.size).toBe(1);
  });

  test('exponent notation and trailing zeros are exact decimals', async () => {
    const { handler, store } = setup();
    const text = '{"customerId":"c","items":[{"productId":"p","quantity":2e0,"price":0.5e2},{"productId":"q","quantity":1,"price":0.10}],"totalAmount":100.100}';
    const res = await handler(raw(text), lambdaContext());
    expect(res.statusCode).toBe(200);
    const [row] = store.rows.values();
    expect(row.items.map((i) => i.price)).toEqual(['50', '0.1']);
    expect(row.totalAmount).toBe('100.1');
    expect(parseBody(res as { body: string }).totalAmount).toBe(100.1);
  });

  test('0.1 + 0.2 equals 0.3 in cents', async () => {
    const { handler } = setup();
    const res = await handler(json({ customerId: 'c', items: [{ productId: 'a', quantity: 1, price: 0.1 }, { productId: 'b', quantity: 1, price: 0.2 }], totalAmount: 0.3 }), lambdaContext());
    expect(res.statusCode).toBe(200);
  });

  test('free items and a zero total are orders; -0 is zero', async () => {
    const { handler, store } = setup();
    const res = await handler(raw('{"customerId":"c","items":[{"productId":"gift","quantity":1,"price":-0}],"totalAmount":0.00}'), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect([...store.rows.values()][0]).toMatchObject({ totalAmount: '0', totalAmountCents: 0, items: [{ price: '0' }] });
  });

  test('optional fields are stored as given; notes may be multi-line', async () => {
    const { handler, store } = setup();
    const billing = { name: 'A. Person', street: '1 Bill St', city: 'Paris', country: 'FR' };
    const res = await handler(withBody({ billingAddress: billing, paymentMethod: 'pm_1NxTokenABC', notes: 'Leave at door\nthanks' }), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect([...store.rows.values()][0]).toMatchObject({ billingAddress: billing, paymentMethod: 'pm_1NxTokenABC', notes: 'Leave at door\nthanks' });
  });

  test('ttl is written only when a retention is configured', async () => {
    const kept = setup();
    await kept.handler(json(SEED_BODY), lambdaContext());
    expect([...kept.store.rows.values()][0].ttl).toBeUndefined();
    const expiring = setup({ config: { ...CONFIG, retentionSeconds: 86_400 } });
    await expiring.handler(json(SEED_BODY), lambdaContext());
    expect([...expiring.store.rows.values()][0].ttl).toBe(NOW / 1000 + 86_400);
  });

  test('without a key every request is a new order', async () => {
    const { handler, store } = setup();
    const a = parseBody(await handler(json(SEED_BODY), lambdaContext()) as { body: string });
    const b = parseBody(await handler(json(SEED_BODY), lambdaContext()) as { body: string });
    expect(a.orderId).not.toBe(b.orderId);
    expect(store.rows.size).toBe(2);
  });
});

describe('authorizer', () => {
  test('the customer comes from the token; body customerId may be omitted', async () => {
    const { handler, store } = setup();
    const { customerId: _omit, ...rest } = SEED_BODY;
    const res = await handler(orderEvent(rest, { sub: 'user-sub-1' }), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect([...store.rows.values()][0].customerId).toBe('user-sub-1');
  });

  test('a body customerId equal to the token subject is accepted', async () => {
    const { handler } = setup();
    const res = await handler(orderEvent(SEED_BODY, { sub: 'cust-12345' }), lambdaContext());
    expect(res.statusCode).toBe(200);
  });
});

describe('idempotency', () => {
  const keyed = (body: unknown, key = 'order-abc_123') => json(body, { 'idempotency-key': key });

  test('a retry gets the original answer: same orderId and timestamp, one row', async () => {
    let now = NOW;
    const { handler, store, emf } = setup({ clock: () => now });
    const first = await handler(keyed(SEED_BODY), lambdaContext('r1'));
    now += 5_000;
    const second = await handler(keyed(SEED_BODY), lambdaContext('r2'));
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers).toEqual({ 'content-type': 'application/json', 'etag': '"1"', 'idempotent-replayed': 'true' });
    expect(store.rows.size).toBe(1);
    expect(store.puts).toBe(2);
    expect(emf).toHaveLength(1); // a replay is not a new order
    const [row] = store.rows.values();
    expect(row).toMatchObject({ idempotencyKey: 'order-abc_123', requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('the same order spelled differently is the same request', async () => {
    const { handler } = setup();
    const first = await handler(keyed(SEED_BODY), lambdaContext());
    const respelled = '{ "totalAmount": 1.0997e2, "shippingAddress": {"zipCode":"12345","state":"NY","city":"Anytown","street":"123 Main St"},'
      + '"items":[{"price":29.990,"quantity":2,"productId":"prod-1"},{"productId":"prod-2","quantity":1.0,"price":49.99}], "customerId":"cust-12345" }';
    const second = await handler(orderEvent(respelled, { headers: { 'content-type': 'application/json', 'Idempotency-Key': 'order-abc_123' } }), lambdaContext());
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
  });

  test('the same key with a different body is 409 and changes nothing', async () => {
    const { handler, store } = setup();
    await handler(keyed(SEED_BODY), lambdaContext());
    const before = JSON.stringify([...store.rows.values()]);
    const res = await handler(keyed({ ...SEED_BODY, notes: 'changed' }), lambdaContext());
    expect(res.statusCode).toBe(409);
    expect(parseBody(res as { body: string })).toMatchObject({ success: false, error: 'Conflict', field: 'Idempotency-Key', rule: 'conflict' });
    expect(JSON.stringify([...store.rows.values()])).toBe(before);
  });

  test('keys are scoped per customer', async () => {
    const { handler, store } = setup();
    const a = parseBody(await handler(keyed(SEED_BODY), lambdaContext()) as { body: string });
    const b = parseBody(await handler(keyed({ ...SEED_BODY, customerId: 'cust-999' }), lambdaContext()) as { body: string });
    expect(a.orderId).not.toBe(b.orderId);
    expect(store.rows.size).toBe(2);
  });

  test('a row that vanished between write and read is 503 (retry stores it)', async () => {
    const store: OrderStore = { putIfAbsent: async () => ({ created: false }) };
    const { handler } = setup({ store });
    expect((await handler(keyed(SEED_BODY), lambdaContext())).statusCode).toBe(503);
  });

  test('a random id collision without a key is 500, never a replay', async () => {
    const store: OrderStore = { putIfAbsent: async () => ({ created: false, existing: { orderId: 'x', customerId: 'cust-12345', createdAt: 't', totalAmount: '1', version: 1 } }) };
    const { handler } = setup({ store });
    const res = await handler(json(SEED_BODY), lambdaContext());
    expect(res.statusCode).toBe(500);
    expect(parseBody(res as { body: string }).message).toBe('A server error. The order was not stored; a retry is safe.');
  });

  test.each([['without a key', json(SEED_BODY)]])(
    'a write refused because its own earlier attempt was applied (%s) is the success it was, counted once', async (_name, event) => {
      // What the SDK's retry meets after a first attempt timed out once DynamoDB had applied it: the same record.
      let first: OrderRecord | undefined;
      const store: OrderStore = {
        putIfAbsent: async (record) => {
          first ??= record;
          const { orderId, customerId, createdAt, totalAmount, requestHash } = first;
          return { created: false, existing: { orderId, customerId, createdAt, totalAmount, requestHash, version: 1 } };
        },
      };
      const { handler, emf } = setup({ store });
      const res = await handler(event, lambdaContext());
      expect(res.statusCode).toBe(200);
      expect(res.headers).not.toHaveProperty('idempotent-replayed');
      expect(emf).toEqual([expect.objectContaining({ OrdersProcessed: 1, OrderValue: 109.97 })]);
    });

  test('with a key, a refused write is a replay even at the same instant: concurrent duplicates share the id', async () => {
    const store: OrderStore = {
      putIfAbsent: async ({ orderId, customerId, createdAt, totalAmount, requestHash }) =>
        ({ created: false, existing: { orderId, customerId, createdAt, totalAmount, requestHash, version: 1 } }),
    };
    const { handler, emf } = setup({ store });
    expect((await handler(keyed(SEED_BODY), lambdaContext())).headers).toMatchObject({ 'idempotent-replayed': 'true' });
    expect(emf).toEqual([]);
  });

  test('a stored order with the same body but another creation instant is not taken for this request', async () => {
    const store: OrderStore = {
      putIfAbsent: async (record) => ({ created: false, existing: { orderId: record.orderId, customerId: record.customerId, createdAt: '2020-01-01T00:00:00.000Z', totalAmount: record.totalAmount, requestHash: record.requestHash, version: 1 } }),
    };
    const { handler } = setup({ store });
    expect((await handler(json(SEED_BODY), lambdaContext())).statusCode).toBe(500);
    // With a key it is a client's retry: the original answer, marked as replayed.
    expect((await handler(keyed(SEED_BODY), lambdaContext())).headers).toMatchObject({ 'idempotent-replayed': 'true' });
  });
});

describe('server faults', () => {
  const failing = (error: unknown): OrderStore => ({ putIfAbsent: async () => { throw error; } });

  test('store unavailable -> 503 with Retry-After, OrderErrors and an ERROR log', async () => {
    const { handler, emf, logs } = setup({ store: failing(new StoreUnavailableError(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))) });
    const res = await handler(json(SEED_BODY), lambdaContext());
    expect(res.statusCode).toBe(503);
    expect(res.headers).toMatchObject({ 'retry-after': '1' });
    expect(parseBody(res as { body: string })).toMatchObject({ success: false, error: 'ServiceUnavailable', field: null, rule: null });
    expect(emf).toEqual([expect.objectContaining({ OrderErrors: 1 })]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', errorName: 'ThrottlingException', orderId: expect.any(String) }));
  });

  test('store refused -> 500', async () => {
    const { handler, emf } = setup({ store: failing(new StoreFaultError(Object.assign(new Error('no'), { name: 'AccessDeniedException' }))) });
    const res = await handler(json(SEED_BODY), lambdaContext());
    expect(res.statusCode).toBe(500);
    expect(parseBody(res as { body: string })).toMatchObject({ error: 'InternalError' });
    expect(emf).toEqual([expect.objectContaining({ OrderErrors: 1 })]);
  });

  test('a bug is rethrown (Lambda counts it in Errors) after OrderErrors and an ERROR log', async () => {
    const { handler, emf, logs } = setup({ store: failing(new TypeError('x is not a function')) });
    await expect(handler(json(SEED_BODY), lambdaContext())).rejects.toThrow(TypeError);
    expect(emf).toEqual([expect.objectContaining({ OrderErrors: 1 })]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', errorName: 'TypeError' }));
  });

  test('a metrics failure never turns a stored order into an error', async () => {
    const metrics: MetricsSink = { publish: async () => { throw new Error('metrics down'); } };
    const { handler, store, logs } = setup({ metrics });
    const res = await handler(json(SEED_BODY), lambdaContext());
    expect(res.statusCode).toBe(200);
    expect(store.rows.size).toBe(1);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'Metrics not published' }));
  });

  test('the store deadline stays below the remaining Lambda time', () => {
    expect(deadline(lambdaContext('r', 29_000))).toBe(10_000);
    expect(deadline(lambdaContext('r', 4_000))).toBe(3_000);
    expect(deadline(lambdaContext('r', 500))).toBe(100);
  });
});

describe('logs', () => {
  test('never contain the body, addresses, payment data, notes or headers', async () => {
    const { handler, logs } = setup();
    const secrets = { paymentMethod: 'pm_SECRET_TOKEN', notes: 'SECRET-NOTE', billingAddress: { street: 'SECRET STREET', city: 'SECRET CITY' } };
    await handler(json({ ...SEED_BODY, ...secrets }, { authorization: 'Bearer SECRET-JWT' }), lambdaContext());
    await handler(json({ ...SEED_BODY, ...secrets, totalAmount: 1 }), lambdaContext());
    const text = JSON.stringify(logs);
    for (const s of ['SECRET', '123 Main St', 'Anytown', '192.0.2.1', 'cust-12345']) expect(text).not.toContain(s);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    for (const line of logs) expect(line).toEqual(expect.objectContaining({ level: expect.any(String), message: expect.any(String), requestId: 'req-1', timestamp: expect.any(String) }));
  });
});
