/**
 * Writes DynamoDB applied but whose answers were lost, with the bundled handler, a real engine (DynamoDB Local) and a
 * TCP proxy between them that drops answers (test/support/stalling-proxy.ts). What the client is told must be true:
 * the SDK's own retry of an applied write is the success it was, and a 503 after a write that may have landed says
 * so. Metrics: OrdersProcessed/OrderValue count the orders the function saw stored; an order stored by a request
 * answered 503 is counted in OrderErrors only, and a keyed retry's replay counts nothing (docs/operations.md).
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BundleRunner, bundleEnv, EMF_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { orderEvent, SEED_BODY } from '../functions/create-order/support';
import { startStallingProxy, StallingProxy } from '../support/stalling-proxy';

const TABLE = 'orders-lost-answers';
let engine: DynamoDbLocal;
let client: DynamoDBClient;
let proxy: StallingProxy;
let runner: BundleRunner;

beforeAll(async () => {
  engine = await startDynamoDbLocal();
  client = engine.client();
  await createOrdersTable(client, TABLE);
  proxy = await startStallingProxy({ host: '127.0.0.1', port: engine.port });
  runner = await BundleRunner.start(EMF_BUNDLE, bundleEnv(TABLE, { AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint }));
});

afterAll(async () => {
  await runner?.close();
  await proxy?.close();
  client?.destroy();
  await engine?.stop();
});

async function ordersOf(customerId: string): Promise<number> {
  const out = await client.send(new ScanCommand({
    TableName: TABLE, ConsistentRead: true, FilterExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: customerId } },
  }));
  return out.Items?.length ?? 0;
}

const bodyOf = (r: { result?: { body: string } }) => JSON.parse(r.result!.body);
const keyed = (body: unknown, key: string) => orderEvent(body, { headers: { 'content-type': 'application/json', 'idempotency-key': key } });
const linesFor = (orderId: string) => runner.stdout.filter((l) => l.orderId === orderId);

test('the SDK retries a write whose answer was lost, meets its own order, and answers 200 once, counted once', async () => {
  const customerId = 'cust-lost-answer';
  const putsBefore = proxy.forwarded.PutItem ?? 0;
  proxy.loseAnswersTo('PutItem', 1);
  const res = await runner.invoke(orderEvent({ ...SEED_BODY, customerId }));
  expect(res.error).toBeUndefined();
  expect(res.result!.statusCode).toBe(200);
  expect(res.result!.headers).not.toHaveProperty('idempotent-replayed');
  // Two PutItem calls reached the engine (the first applied, the retry refused by its condition) and one order exists.
  expect((proxy.forwarded.PutItem ?? 0) - putsBefore).toBe(2);
  expect(await ordersOf(customerId)).toBe(1);
  const { orderId } = bodyOf(res);
  expect(linesFor(orderId)).toContainEqual(expect.objectContaining({ message: 'Order write retried after its first attempt was applied' }));
  expect(linesFor(orderId).filter((l) => l.OrdersProcessed === 1)).toHaveLength(1);
  expect(linesFor(orderId).some((l) => 'OrderErrors' in l)).toBe(false);
});

test('a stalled store without a key: 503 says the order may be stored and that a retry can duplicate it; it was stored', async () => {
  const customerId = 'cust-stalled-unkeyed';
  proxy.stall();
  let res;
  try {
    // 5 s left -> the handler gives DynamoDB 4 s: the first attempt times out at 3 s, the retry is cut by the deadline.
    res = await runner.invoke(orderEvent({ ...SEED_BODY, customerId }), { remainingMs: 5_000 });
  } finally {
    proxy.release();
  }
  expect(res.result!.statusCode).toBe(503);
  expect(bodyOf(res).message).toBe('The order may or may not have been stored. This request had no Idempotency-Key, so a retry ' +
    'can create a second order; send one to make retries safe.');
  expect(await ordersOf(customerId)).toBe(1);
  const errorLine = runner.stdout.find((l) => l.message === 'Order may or may not be stored' && l.outcome === 'unknown');
  expect(errorLine).toBeDefined();
  const orderId = errorLine!.orderId as string;
  expect(linesFor(orderId).filter((l) => l.OrderErrors === 1)).toHaveLength(1);
  expect(linesFor(orderId).some((l) => 'OrdersProcessed' in l)).toBe(false);
});

test('a stalled store with a key: 503 says retry with the key; the retry replays the stored order, never a second one', async () => {
  const customerId = 'cust-stalled-keyed';
  const body = { ...SEED_BODY, customerId };
  proxy.stall();
  let res;
  try {
    res = await runner.invoke(keyed(body, 'stalled-key-1'), { remainingMs: 5_000 });
  } finally {
    proxy.release();
  }
  expect(res.result!.statusCode).toBe(503);
  expect(bodyOf(res).message).toMatch(/^The order may or may not have been stored\. Retry with the same Idempotency-Key/);
  const retry = await runner.invoke(keyed(body, 'stalled-key-1'));
  expect(retry.result!.statusCode).toBe(200);
  expect(retry.result!.headers).toMatchObject({ 'idempotent-replayed': 'true' });
  expect(await ordersOf(customerId)).toBe(1);
  // Neither the 503 nor the replay counts the order: the function never saw its write succeed.
  expect(linesFor(bodyOf(retry).orderId).some((l) => 'OrdersProcessed' in l)).toBe(false);
});
