/**
 * The bundled handler (assets/functions/create-order/entry-emf/index.mjs, exactly what Lambda loads) against a real DynamoDB
 * engine (DynamoDB Local). If the engine cannot start, beforeAll throws and every test fails: never skipped.
 */
import { DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BundleRunner, bundleEnv, EMF_BUNDLE, PMD_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { HANDLER_ENV, METRICS_DIMENSION } from '../../src/contract/platform';
import { orderEvent, SEED_BODY, SEED_STORED_ATTRIBUTES } from '../functions/create-order/support';

const TABLE = 'orders-integ';
let engine: DynamoDbLocal;
let client: DynamoDBClient;
let runner: BundleRunner;
const runners: BundleRunner[] = [];

function envFor(extra: Record<string, string> = {}): Record<string, string> {
  return bundleEnv(TABLE, { AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, ...extra });
}

async function startRunner(extra: Record<string, string> = {}, bundle = EMF_BUNDLE): Promise<BundleRunner> {
  const r = await BundleRunner.start(bundle, envFor(extra));
  runners.push(r);
  return r;
}

async function count(): Promise<number> {
  const out = await client.send(new ScanCommand({ TableName: TABLE, Select: 'COUNT', ConsistentRead: true }));
  return out.Count ?? 0;
}

async function rawItem(orderId: string) {
  const out = await client.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: orderId } }, ConsistentRead: true }));
  return out.Item;
}

const keyed = (body: unknown, key: string) => orderEvent(body, { headers: { 'content-type': 'application/json', 'idempotency-key': key } });
const bodyOf = (r: { result?: { body: string } }) => JSON.parse(r.result!.body);

beforeAll(async () => {
  engine = await startDynamoDbLocal();
  client = engine.client();
  await createOrdersTable(client, TABLE);
  runner = await startRunner();
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
  client?.destroy();
  await engine?.stop();
});

test("the seed's curl example is stored with exact numbers and answered exactly", async () => {
  const res = await runner.invoke(orderEvent(SEED_BODY));
  expect(res.error).toBeUndefined();
  expect(res.result!.statusCode).toBe(200);
  expect(res.result!.body).toMatch(/"totalAmount":109\.97\}$/);
  const { orderId, timestamp } = bodyOf(res);
  const item = await rawItem(orderId);
  expect(item).toEqual({
    orderId: { S: orderId },
    ...SEED_STORED_ATTRIBUTES,
    orderTimestamp: { N: String(Date.parse(timestamp)) },
    createdAt: { S: timestamp },
    requestHash: { S: expect.stringMatching(/^[0-9a-f]{64}$/) },
    // The lifecycle's start: version 1 and the creation as the first history entry.
    version: { N: '1' },
    statusHistory: { L: [{ M: { status: { S: 'pending' }, at: { S: timestamp }, by: { S: 'customer' } } }] },
  });
  // The metric and the log line for this order, from the bundle's stdout.
  expect(runner.stdout).toContainEqual(expect.objectContaining({ _aws: expect.anything(), OrdersProcessed: 1, OrderValue: 109.97, [METRICS_DIMENSION]: 'integ', orderId }));
  expect(runner.stdout).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'Order created', orderId }));
});

test('bad requests store nothing', async () => {
  const before = await count();
  const bad = [
    orderEvent('{"customerId":'),
    orderEvent({ ...SEED_BODY, totalAmount: 109.98 }),
    orderEvent({ ...SEED_BODY, items: [] }),
    orderEvent({ ...SEED_BODY, extra: true }),
    orderEvent(SEED_BODY, { headers: { 'content-type': 'text/plain' } }),
    orderEvent({ ...SEED_BODY, notes: 'x'.repeat(40_000) }),
    keyed(SEED_BODY, 'not valid!'),
  ];
  const statuses = [];
  for (const e of bad) statuses.push((await runner.invoke(e)).result!.statusCode);
  expect(statuses).toEqual([400, 400, 400, 400, 415, 413, 400]);
  expect(await count()).toBe(before);
});

test('sequential retries with one key: one row, same orderId and timestamp', async () => {
  const body = { ...SEED_BODY, customerId: 'cust-seq' };
  const first = await runner.invoke(keyed(body, 'seq-key-1'));
  expect(first.result!.statusCode).toBe(200);
  const before = await count();
  for (let i = 0; i < 3; i++) {
    const again = await runner.invoke(keyed(body, 'seq-key-1'));
    expect(again.result!.statusCode).toBe(200);
    expect(again.result!.body).toBe(first.result!.body);
    expect(again.result!.headers).toMatchObject({ 'idempotent-replayed': 'true' });
  }
  expect(await count()).toBe(before);
  const item = await rawItem(bodyOf(first).orderId);
  expect(item?.idempotencyKey).toEqual({ S: 'seq-key-1' });
  expect(item?.requestHash?.S).toMatch(/^[0-9a-f]{64}$/);
});

test('50 concurrent duplicates from two processes: one row, one orderId, every answer identical', async () => {
  const second = await startRunner();
  const body = { ...SEED_BODY, customerId: 'cust-race' };
  const before = await count();
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? runner : second).invoke(keyed(body, 'race-key'))));
  expect(results.map((r) => r.error)).toEqual(Array(50).fill(undefined));
  expect(new Set(results.map((r) => r.result!.statusCode))).toEqual(new Set([200]));
  expect(new Set(results.map((r) => r.result!.body)).size).toBe(1);
  expect(results.filter((r) => !r.result!.headers?.['idempotent-replayed'])).toHaveLength(1);
  expect(await count()).toBe(before + 1);
});

test('the same key with a different body is 409 and leaves the stored order unchanged', async () => {
  const body = { ...SEED_BODY, customerId: 'cust-conflict' };
  const first = await runner.invoke(keyed(body, 'conflict-key'));
  const stored = await rawItem(bodyOf(first).orderId);
  const res = await runner.invoke(keyed({ ...body, notes: 'changed my mind' }, 'conflict-key'));
  expect(res.result!.statusCode).toBe(409);
  expect(bodyOf(res)).toMatchObject({ success: false, field: 'Idempotency-Key', rule: 'conflict' });
  expect(await rawItem(bodyOf(first).orderId)).toEqual(stored);
});

test('the CustomerOrderIndex lists a customer’s orders in time order', async () => {
  const ids: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const res = await runner.invoke(orderEvent({ customerId: 'cust-gsi', items: [{ productId: `p${i}`, quantity: i, price: 1.25 }], totalAmount: i * 1.25 }));
    expect(res.result!.statusCode).toBe(200);
    ids.push(bodyOf(res).orderId);
    await new Promise((r) => setTimeout(r, 5)); // distinct milliseconds
  }
  const out = await client.send(new QueryCommand({
    TableName: TABLE,
    IndexName: 'CustomerOrderIndex',
    KeyConditionExpression: 'customerId = :c',
    ExpressionAttributeValues: { ':c': { S: 'cust-gsi' } },
  }));
  expect(out.Items!.map((i) => i.orderId.S)).toEqual(ids);
  expect(out.Items!.map((i) => i.totalAmount.N)).toEqual(['1.25', '2.5', '3.75', '5']);
});

// The title is a plain string so docs/decisions.md can cite it; the test itself reads the name from the contract.
test('ttl is written only when ORDER_RETENTION_SECONDS is set', async () => {
  expect(HANDLER_ENV.orderRetentionSeconds).toBe('ORDER_RETENTION_SECONDS'); // the name in the title
  const expiring = await startRunner({ [HANDLER_ENV.orderRetentionSeconds]: '3600' });
  const t0 = Math.floor(Date.now() / 1000);
  const withTtl = bodyOf(await expiring.invoke(orderEvent(SEED_BODY))).orderId;
  const ttl = Number((await rawItem(withTtl))?.ttl?.N);
  expect(ttl).toBeGreaterThanOrEqual(t0 + 3600);
  expect(ttl).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);
  const kept = bodyOf(await runner.invoke(orderEvent(SEED_BODY))).orderId;
  expect((await rawItem(kept))?.ttl).toBeUndefined();
});

test('logs carry no addresses, payment data or notes', async () => {
  await runner.invoke(orderEvent({ ...SEED_BODY, paymentMethod: 'pm_SECRET', notes: 'SECRET NOTE', billingAddress: { street: 'SECRET ST', city: 'SECRET CITY' } }));
  const text = JSON.stringify(runner.stdout);
  for (const s of ['SECRET', '123 Main St', 'Anytown', 'cust-12345']) expect(text).not.toContain(s);
});

test('PutMetricData bundle: CloudWatch unreachable, the order is still stored and answered 200', async () => {
  // Port 9 (discard) on localhost: connection refused, quickly and without network access.
  const pmd = await startRunner({ AWS_ENDPOINT_URL_CLOUDWATCH: 'http://127.0.0.1:9' }, PMD_BUNDLE);
  const before = await count();
  const res = await pmd.invoke(orderEvent({ ...SEED_BODY, customerId: 'cust-pmd' }));
  expect(res.result!.statusCode).toBe(200);
  expect(await count()).toBe(before + 1);
  expect(pmd.stdout).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'Metrics not published', orderId: bodyOf(res).orderId }));
  expect(pmd.stdout.some((l) => '_aws' in l)).toBe(false);
});

describe('engine faults', () => {
  test('a frozen engine is 503 within the deadline, and a keyed retry afterwards stores the order once', async () => {
    const body = { ...SEED_BODY, customerId: 'cust-frozen' };
    const before = await count();
    engine.pause();
    let res;
    const started = Date.now();
    try {
      // 2.5 s left in the invocation -> the handler gives DynamoDB 1.5 s.
      res = await runner.invoke(keyed(body, 'frozen-key'), { remainingMs: 2_500 });
    } finally {
      engine.resume();
    }
    expect(res.result!.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(res.result!.headers).toMatchObject({ 'retry-after': '1' });
    expect(runner.stdout).toContainEqual(expect.objectContaining({ OrderErrors: 1 }));
    const retry = await runner.invoke(keyed(body, 'frozen-key'));
    expect(retry.result!.statusCode).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  test('a stopped engine (connection refused) is 503', async () => {
    await engine.stop();
    const res = await runner.invoke(orderEvent(SEED_BODY), { remainingMs: 5_000 });
    expect(res.error).toBeUndefined();
    expect(res.result!.statusCode).toBe(503);
  });
});
