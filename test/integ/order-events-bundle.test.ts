/**
 * The default order-events consumer bundle (assets/functions/order-events/entry-emf/index.mjs, exactly what Lambda loads) end to end on
 * real parts: orders written by the order handler bundle into DynamoDB Local -> the table's stream (read through
 * the Streams API, INSERTs only, as the mapping's filter) -> the consumer bundle -> a local PutEvents endpoint that
 * records every entry. If the engine cannot start, beforeAll throws and every test fails: never skipped.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { BundleRunner, bundleEnv, EMF_BUNDLE, EVENTS_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { EventBridgeStub, startEventBridgeStub } from '../../local/eventbridge-stub';
import { ensureTableStream, isInsert, LambdaStreamRecord, readStreamRecords, streamsClient } from '../../local/order-events';
import { BUNDLE_BUDGET_BYTES } from '../../src/contract/platform';
import { stringifyJson } from '../../src/functions/model/json';
import { orderView, StoredItem } from '../../src/functions/model/order-view';
import { orderEvent, SEED_BODY } from '../functions/create-order/support';

const TABLE = 'orders-events-integ';
const CONSUMER_BUNDLE = EVENTS_BUNDLE;
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-integ-orders';

let engine: DynamoDbLocal;
let client: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let stub: EventBridgeStub;
let orders: BundleRunner;
let consumer: BundleRunner;
let streamArn: string;

function baseEnv(): Record<string, string> {
  return bundleEnv(TABLE);
}

type BatchResponse = { batchItemFailures: { itemIdentifier: string }[] };
async function consume(records: LambdaStreamRecord[]): Promise<BatchResponse> {
  const res = await consumer.invokeWith({ Records: records });
  if (res.error) throw new Error(`consumer failed: ${res.error.name}: ${res.error.message}\n${consumer.stderr}`);
  return res.result as unknown as BatchResponse;
}

async function post(body: unknown, key?: string): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) };
  const res = await orders.invoke(orderEvent(body, { headers }));
  expect(res.result?.statusCode).toBe(200);
  return JSON.parse(res.result!.body).orderId;
}

/** INSERT records of the stream not yet consumed by earlier tests. */
let seen = 0;
async function newInserts(): Promise<LambdaStreamRecord[]> {
  const all = (await readStreamRecords(streams, streamArn)).filter(isInsert);
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}

const detailOf = (orderId: string) => stub.events.filter((e) => JSON.parse(e.detail).orderId === orderId);

beforeAll(async () => {
  engine = await startDynamoDbLocal();
  client = engine.client();
  await createOrdersTable(client, TABLE, { stream: true });
  streamArn = await ensureTableStream(client, TABLE);
  streams = streamsClient(engine.endpoint);
  stub = await startEventBridgeStub();
  orders = await BundleRunner.start(EMF_BUNDLE, { ...baseEnv(), AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint });
  consumer = await BundleRunner.start(CONSUMER_BUNDLE, {
    ...baseEnv(),
    ORDER_EVENTS_BUS: BUS,
    ORDER_EVENTS_SOURCE: 'shop.orders',
    // The SDK's own service-specific endpoint variable: the consumer has no local code path.
    AWS_ENDPOINT_URL_EVENTBRIDGE: stub.url,
  });
});

afterAll(async () => {
  await Promise.all([orders?.close(), consumer?.close()]);
  await stub?.stop();
  streams?.destroy();
  client?.destroy();
  await engine?.stop();
});

test('the consumer primes its EventBridge client during init: one DescribeEventBus of its bus, publishing nothing, no warning', () => {
  expect(stub.describeRequests).toBe(1);
  expect(stub.requests).toBe(0);
  expect(consumer.stdout.filter((l) => /priming/.test(String(l.message)))).toEqual([]);
});

test('one OrderCreated event per stored order, its detail the read view of the stored item, money exact', async () => {
  const ids = [await post(SEED_BODY)];
  for (let i = 0; i < 11; i++) ids.push(await post({ ...SEED_BODY, customerId: `cust-${i}` }));
  const records = await newInserts();
  expect(records).toHaveLength(12);
  await expect(consume(records)).resolves.toEqual({ batchItemFailures: [] });
  expect(stub.events).toHaveLength(12);
  // 12 entries need two PutEvents requests of at most 10.
  expect(stub.requests).toBe(2);
  for (const id of ids) {
    const [event] = detailOf(id);
    expect(event).toMatchObject({ source: 'shop.orders', detailType: 'OrderCreated', eventBusName: BUS });
    const item = (await client.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: id } }, ConsistentRead: true }))).Item as StoredItem;
    const { schemaVersion, totalAmountCents, ...view } = JSON.parse(event.detail);
    expect(view).toEqual(JSON.parse(stringifyJson(orderView(item))));
    expect({ schemaVersion, totalAmountCents }).toEqual({ schemaVersion: 1, totalAmountCents: 10997 });
    // The exact text, as stored: never a re-rendered double.
    expect(event.detail).toContain('"totalAmount":109.97,');
    expect(event.time).toBe(Number(item.orderTimestamp.N) / 1000);
  }
});

test('a keyed replay stores nothing, so it publishes nothing', async () => {
  const first = await post(SEED_BODY, 'replay-key-1');
  const again = await post(SEED_BODY, 'replay-key-1');
  expect(again).toBe(first);
  const records = await newInserts();
  expect(records).toHaveLength(1);
  await consume(records);
  expect(detailOf(first)).toHaveLength(1);
  expect(JSON.parse(detailOf(first)[0].detail)).not.toHaveProperty('idempotencyKey');
});

test('entries the endpoint fails come back as exactly their records\' batch item failures; a retry of them publishes them', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push(await post({ ...SEED_BODY, customerId: `retry-${i}` }));
  const records = await newInserts();
  const failing = new Set([ids[1], ids[4]]);
  stub.failEntries((entry) => (failing.has(JSON.parse(entry.Detail ?? '{}').orderId) ? 'ThrottlingException' : undefined));
  const before = stub.events.length;
  const res = await consume(records);
  const seqOf = (id: string) => records.find((r) => (r.dynamodb.NewImage as StoredItem).orderId.S === id)!.dynamodb.SequenceNumber;
  expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([seqOf(ids[1]), seqOf(ids[4])].sort());
  expect(stub.events.length - before).toBe(4);
  expect(stub.failedEntries).toBe(2);
  // Lambda retries from the first failed record; once the endpoint recovers, those orders get their events.
  stub.failEntries(undefined);
  const retried = records.filter((r) => BigInt(r.dynamodb.SequenceNumber!) >= BigInt(seqOf(ids[1])!));
  await expect(consume(retried)).resolves.toEqual({ batchItemFailures: [] });
  for (const id of ids) expect(detailOf(id).length).toBeGreaterThanOrEqual(1);
});

test('an unreachable endpoint fails the whole batch back, never drops it', async () => {
  const id = await post({ ...SEED_BODY, customerId: 'unreachable' });
  const records = await newInserts();
  const offline = await BundleRunner.start(CONSUMER_BUNDLE, {
    ...baseEnv(), ORDER_EVENTS_BUS: BUS, ORDER_EVENTS_SOURCE: 'shop.orders', AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://127.0.0.1:9',
  });
  try {
    // Its init still completed, with priming's one warning.
    expect(offline.stdout.filter((l) => /priming/.test(String(l.message)))).toEqual([
      expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/^EventBridge client priming (failed|timed out)$/) }),
    ]);
    const res = await offline.invokeWith({ Records: records });
    expect((res.result as unknown as BatchResponse).batchItemFailures).toEqual(records.map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })));
    expect(detailOf(id)).toHaveLength(0);
  } finally {
    await offline.close();
  }
});

describe('the consumer bundle', () => {
  const code = () => fs.readFileSync(CONSUMER_BUNDLE, 'utf8');

  test('is within the bundle budget, exports handler from an ES module, and carries no DynamoDB or CloudWatch client', () => {
    expect(Buffer.byteLength(code())).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    expect(code()).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
    expect(code()).toContain('PutEvents');
    expect(code()).not.toContain('PutMetricData');
    expect(code()).not.toContain('PutItemCommand');
  });

  test('imports dynamically only Node built-ins and the handler bundles\' externals (no lazy module wrappers)', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const dynamic = [...code().matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(dynamic.filter((spec) => !builtins.has(spec) && !spec.startsWith('@aws-sdk/') && !spec.startsWith('@smithy/'))).toEqual([]);
    expect(code().split('Promise.resolve().then(()=>(').length - 1).toBe(0);
  });
});
