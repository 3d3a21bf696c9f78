/**
 * The bundled status-change function (assets/functions/change-order-status/entry/index.mjs, exactly what Lambda
 * loads) against DynamoDB Local, on orders written by the bundled order handler, in both access modes of the cancel
 * route; the table's stream (MODIFY records, as the mapping's filter admits them) goes through the bundled consumer
 * to a local PutEvents endpoint. Every HTTP response is checked against openapi.json by the runner. If the engine
 * cannot start, beforeAll throws and every test fails: never skipped.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { BundleRunner, bundleEnv, EMF_BUNDLE, EVENTS_BUNDLE, LIFECYCLE_BUNDLE, READ_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { EventBridgeStub, startEventBridgeStub } from '../../local/eventbridge-stub';
import { ensureTableStream, LambdaStreamRecord, readStreamRecords, streamsClient } from '../../local/order-events';
import { ORDER_LIFECYCLE_ENV, READ_API_ENV } from '../../src/contract/platform';
import { ALLOWED_TRANSITIONS, INITIAL_STATUS, ORDER_STATUSES, OrderStatus, TARGET_STATUSES } from '../../src/functions/model/order-status';
import { PRIME_KEY } from '../../src/functions/runtime/prime';
import { cancelEvent, SERVICE_ARN, statusEvent } from '../functions/change-order-status/support';
import { orderEvent, SEED_BODY } from '../functions/create-order/support';
import { getOrderEvent } from '../functions/read-orders/support';

const TABLE = 'orders-lifecycle-integ';
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-integ-orders';

let engine: DynamoDbLocal;
let client: DynamoDBClient;
let streams: DynamoDBStreamsClient;
let streamArn: string;
let stub: EventBridgeStub;
let orders: BundleRunner;
let reader: BundleRunner;
/** Cancel route in IAM mode (no authorizer). */
let services: BundleRunner;
/** Cancel route in TOKEN_OWNER mode (a JWT authorizer). */
let customers: BundleRunner;
let consumer: BundleRunner;
/** Every HTTP response body the tests saw, to check that no caller identity ever leaves. */
const bodies: string[] = [];

const env = (extra: Record<string, string>) => bundleEnv(TABLE, { AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, ...extra });

async function call(runner: BundleRunner, event: Parameters<BundleRunner['invoke']>[0]) {
  const res = await runner.invoke(event);
  if (!res.result) throw new Error(`invocation failed: ${JSON.stringify(res.error)}\n${runner.stderr}`);
  bodies.push(res.result.body);
  return { status: res.result.statusCode, headers: res.result.headers ?? {}, body: JSON.parse(res.result.body) };
}

async function place(customerId: string): Promise<string> {
  const res = await orders.invoke(orderEvent({ ...SEED_BODY, customerId }));
  expect(res.result?.statusCode).toBe(200);
  bodies.push(res.result!.body);
  return JSON.parse(res.result!.body).orderId;
}

const stored = async (orderId: string) =>
  (await client.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: orderId } }, ConsistentRead: true }))).Item;

/** A service change through the status route (IAM). */
const setStatus = (orderId: string, status: string, opts: { ifMatch?: string; extra?: object } = {}) =>
  call(services, statusEvent(orderId, { status, ...opts.extra }, { ifMatch: opts.ifMatch }));

/** The shortest path of allowed changes from the initial status to `target`, from the one transitions table. */
function pathTo(target: OrderStatus): OrderStatus[] {
  const queue: OrderStatus[][] = [[INITIAL_STATUS]];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const last = path[path.length - 1];
    if (last === target) return path.slice(1);
    for (const next of ALLOWED_TRANSITIONS[last]) queue.push([...path, next]);
  }
  throw new Error(`${target} cannot be reached`);
}

/** An order placed by `customerId` and moved to `status` by a service. */
async function orderIn(status: OrderStatus, customerId = 'cust-lifecycle'): Promise<string> {
  const id = await place(customerId);
  for (const step of pathTo(status)) expect((await setStatus(id, step)).status).toBe(200);
  return id;
}

/** MODIFY records of the stream not consumed yet, through the consumer bundle. */
let seen = 0;
async function publishChanges(): Promise<void> {
  const all = (await readStreamRecords(streams, streamArn)).filter((r: LambdaStreamRecord) => r.eventName === 'MODIFY');
  const fresh = all.slice(seen);
  seen = all.length;
  for (let i = 0; i < fresh.length; i += 100) {
    const res = await consumer.invokeWith({ Records: fresh.slice(i, i + 100) });
    expect(res.result).toEqual({ batchItemFailures: [] });
  }
}
const changesOf = (orderId: string) => stub.events
  .filter((e) => e.detailType === 'OrderStatusChanged' && JSON.parse(e.detail).orderId === orderId)
  .map((e) => JSON.parse(e.detail));

beforeAll(async () => {
  engine = await startDynamoDbLocal();
  client = engine.client();
  await createOrdersTable(client, TABLE, { stream: true });
  streamArn = await ensureTableStream(client, TABLE);
  streams = streamsClient(engine.endpoint);
  stub = await startEventBridgeStub();
  [orders, reader, consumer] = await Promise.all([
    BundleRunner.start(EMF_BUNDLE, env({})),
    BundleRunner.start(READ_BUNDLE, env({ [READ_API_ENV.access]: 'IAM' })),
    BundleRunner.start(EVENTS_BUNDLE, bundleEnv(TABLE, { ORDER_EVENTS_BUS: BUS, ORDER_EVENTS_SOURCE: 'shop.orders', AWS_ENDPOINT_URL_EVENTBRIDGE: stub.url })),
  ]);
  // One at a time, on an engine that has answered already: priming has 500 ms, and a cold engine on a busy machine
  // (several bundles starting at once) can take longer than that, which is not what the priming test is about.
  services = await BundleRunner.start(LIFECYCLE_BUNDLE, env({ [ORDER_LIFECYCLE_ENV.cancelAccess]: 'IAM' }));
  customers = await BundleRunner.start(LIFECYCLE_BUNDLE, env({ [ORDER_LIFECYCLE_ENV.cancelAccess]: 'TOKEN_OWNER' }));
});

afterAll(async () => {
  await Promise.all([orders, reader, services, customers, consumer].map((r) => r?.close()));
  await stub?.stop();
  streams?.destroy();
  client?.destroy();
  await engine?.stop();
});

test('priming during init is a refused UpdateItem: no warning, and nothing is written under the priming key', async () => {
  for (const runner of [services, customers]) expect(runner.stdout.filter((l) => /priming/.test(String(l.message)))).toEqual([]);
  expect(await stored(PRIME_KEY)).toBeUndefined();
});

test('a new order starts at version 1 with its creation in the history, and says so with an ETag on POST and GET', async () => {
  const res = await orders.invoke(orderEvent({ ...SEED_BODY, customerId: 'cust-new' }));
  expect(res.result!.headers).toMatchObject({ etag: '"1"' });
  const id = JSON.parse(res.result!.body).orderId;
  expect(JSON.parse(res.result!.body).version).toBe(1);
  const got = await call(reader, getOrderEvent(id));
  expect(got.headers).toMatchObject({ etag: '"1"' });
  expect(got.body.order).toMatchObject({ version: 1, status: 'pending', statusHistory: [{ status: 'pending', by: 'customer', at: got.body.order.createdAt }] });
});

describe('every change in the transitions table, through the status route (IAM)', () => {
  const cases = ORDER_STATUSES.flatMap((from) => TARGET_STATUSES.map((to) => [from, to] as const));
  test.each(cases)('%s -> %s', async (from, to) => {
    const id = await orderIn(from);
    const before = await stored(id);
    const res = await setStatus(id, to);
    const version = pathTo(from).length + 1;
    if (ALLOWED_TRANSITIONS[from].includes(to)) {
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${version + 1}"`);
      expect(res.body.order).toMatchObject({ status: to, version: version + 1 });
      expect(res.body.order.statusHistory.map((e: { status: string }) => e.status)).toEqual([INITIAL_STATUS, ...pathTo(from), to]);
      expect(res.body.order.statusHistory.at(-1)).toMatchObject({ status: to, by: 'service', at: res.body.order.updatedAt });
    } else if (from === to) {
      // Already there: a no-op answered with the order as it is.
      expect(res.status).toBe(200);
      expect(res.body.order).toMatchObject({ status: from, version });
      expect(await stored(id)).toEqual(before);
    } else {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'Conflict', field: 'status', rule: 'transition', currentStatus: from, allowedStatuses: [...ALLOWED_TRANSITIONS[from]] });
      expect(await stored(id)).toEqual(before);
    }
  });
});

describe('the cancel route', () => {
  test.each(ORDER_STATUSES)('IAM mode (by: service), from %s', async (from) => {
    const id = await orderIn(from);
    const res = await call(services, cancelEvent(id, { reason: 'Customer called support' }));
    if (from === 'cancelled') {
      expect(res.status).toBe(200);
    } else if (ALLOWED_TRANSITIONS[from].includes('cancelled')) {
      expect(res.status).toBe(200);
      expect(res.body.order.statusHistory.at(-1)).toMatchObject({ status: 'cancelled', by: 'service', reason: 'Customer called support' });
    } else {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ currentStatus: from, allowedStatuses: [...ALLOWED_TRANSITIONS[from]] });
    }
  });

  test.each(ORDER_STATUSES)('token mode (by: customer, the owner), from %s', async (from) => {
    const id = await orderIn(from, 'cust-owner');
    const res = await call(customers, cancelEvent(id, undefined, { sub: 'cust-owner' }));
    if (from === 'cancelled' || ALLOWED_TRANSITIONS[from].includes('cancelled')) {
      expect(res.status).toBe(200);
      expect(res.body.order.status).toBe('cancelled');
      expect(res.body.order.statusHistory.at(-1)).toMatchObject({ status: 'cancelled', by: from === 'cancelled' ? 'service' : 'customer' });
    } else {
      expect(res.status).toBe(409);
    }
  });

  test('another customer\'s order is 404, exactly as a missing one, and nothing is written', async () => {
    const id = await orderIn('pending', 'cust-victim');
    const before = await stored(id);
    const theirs = await call(customers, cancelEvent(id, { reason: 'x' }, { sub: 'cust-intruder' }));
    const missing = await call(customers, cancelEvent('no-such-order', { reason: 'x' }, { sub: 'cust-intruder' }));
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect(await stored(id)).toEqual(before);
  });

  test('in token mode an IAM caller without a token is 403; the status route ignores tokens and needs the IAM caller', async () => {
    const id = await orderIn('pending');
    expect((await call(customers, cancelEvent(id))).status).toBe(403);
    expect((await call(services, statusEvent(id, { status: 'confirmed' }, { iam: null }))).status).toBe(403);
  });
});

describe('If-Match', () => {
  test('the current version changes; a stale one is 412 with the order as it is and its ETag; nothing is written', async () => {
    const id = await place('cust-etag');
    const first = await setStatus(id, 'confirmed', { ifMatch: '"1"' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const before = await stored(id);
    const stale = await setStatus(id, 'shipped', { ifMatch: '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.etag).toBe('"2"');
    expect(stale.body).toMatchObject({ error: 'PreconditionFailed', field: 'If-Match', rule: 'version', order: { status: 'confirmed', version: 2 } });
    expect(await stored(id)).toEqual(before);
    expect((await setStatus(id, 'shipped', { ifMatch: '"2"' })).status).toBe(200);
  });

  test('* matches any existing version, but not a missing order', async () => {
    const id = await orderIn('confirmed');
    expect((await setStatus(id, 'shipped', { ifMatch: '*' })).body.order.version).toBe(3);
    expect((await setStatus('no-such-order', 'shipped', { ifMatch: '*' })).status).toBe(404);
  });

  test('asking again for the status the order has is a 200 no-op whatever If-Match says', async () => {
    const id = await orderIn('confirmed');
    const res = await setStatus(id, 'confirmed', { ifMatch: '"7"' });
    expect(res.status).toBe(200);
    expect(res.body.order.version).toBe(2);
  });

  test('a malformed If-Match is 400 naming it', async () => {
    const id = await place('cust-etag');
    const res = await setStatus(id, 'confirmed', { ifMatch: 'W/"1"' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'If-Match', rule: 'format' });
  });
});

test('bad bodies are 400 naming the field', async () => {
  const id = await place('cust-bad');
  const cases: [unknown, string, string][] = [
    [{ status: 'pending' }, 'status', 'enum'],
    [{}, 'status', 'required'],
    [{ status: 'confirmed', shipment: { carrier: 'UPS', trackingNumber: '1' } }, 'shipment', 'onlyWhenShipped'],
    [{ status: 'cancelled', reason: 'r'.repeat(501) }, 'reason', 'maxLength'],
    [{ status: 'cancelled', note: 'x' }, 'note', 'unknownField'],
  ];
  for (const [body, field, rule] of cases) {
    const res = await call(services, statusEvent(id, body));
    expect({ body, status: res.status, field: res.body.field, rule: res.body.rule }).toEqual({ body, status: 400, field, rule });
  }
  expect((await stored(id))!.version).toEqual({ N: '1' });
});

test('a shipment is stored, shown and carried by the event; the reason too', async () => {
  const id = await orderIn('confirmed', 'cust-ship');
  const res = await setStatus(id, 'shipped', { extra: { reason: 'Left the warehouse', shipment: { carrier: 'UPS', trackingNumber: '1Z999' } } });
  expect(res.body.order.shipment).toEqual({ carrier: 'UPS', trackingNumber: '1Z999' });
  await publishChanges();
  expect(changesOf(id).at(-1)).toEqual({
    schemaVersion: 1,
    orderId: id,
    customerId: 'cust-ship',
    from: 'confirmed',
    to: 'shipped',
    version: 3,
    reason: 'Left the warehouse',
    shipment: { carrier: 'UPS', trackingNumber: '1Z999' },
    changedAt: res.body.order.updatedAt,
  });
});

test('an order stored before the lifecycle (no version, no history) counts as version 1 and moves correctly', async () => {
  const id = 'legacy-order-1';
  await client.send(new PutItemCommand({
    TableName: TABLE,
    Item: {
      orderId: { S: id },
      customerId: { S: 'cust-legacy' },
      status: { S: 'pending' },
      currency: { S: 'USD' },
      items: { L: [{ M: { productId: { S: 'p' }, quantity: { N: '1' }, price: { N: '5' } } }] },
      totalAmount: { N: '5' },
      totalAmountCents: { N: '500' },
      orderTimestamp: { N: '1760000000000' },
      createdAt: { S: '2025-10-09T08:53:20.000Z' },
    },
  }));
  const before = await call(reader, getOrderEvent(id));
  expect(before.body.order).toMatchObject({ version: 1, updatedAt: '2025-10-09T08:53:20.000Z', statusHistory: [{ status: 'pending', at: '2025-10-09T08:53:20.000Z', by: 'customer' }] });
  const res = await setStatus(id, 'confirmed', { ifMatch: '"1"' });
  expect(res.status).toBe(200);
  expect(res.body.order.version).toBe(2);
  expect(res.body.order.statusHistory.map((e: { status: string }) => e.status)).toEqual(['pending', 'confirmed']);
  // The stored history starts at the first change; the view adds the creation entry.
  expect((await stored(id))!.statusHistory.L).toHaveLength(1);
  expect((await setStatus(id, 'shipped', { ifMatch: '"2"' })).body.order.version).toBe(3);
  await publishChanges();
  expect(changesOf(id).map((d) => [d.from, d.to, d.version])).toEqual([['pending', 'confirmed', 2], ['confirmed', 'shipped', 3]]);
});

test('20 concurrent mixed changes on one order: one winner per version step, a history without duplicates, one event per step', async () => {
  const id = await place('cust-race');
  const asks = ['confirmed', 'cancelled', 'shipped', 'delivered'];
  const logsBefore = services.stdout.filter((l) => l.message === 'Order status changed').length;
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => setStatus(id, asks[i % asks.length])));
  for (const r of results) expect([200, 409]).toContain(r.status);
  const item = await stored(id);
  const version = Number(item!.version.N);
  const winners = services.stdout.filter((l) => l.message === 'Order status changed').length - logsBefore;
  expect(winners).toBe(version - 1);
  expect(winners).toBeGreaterThanOrEqual(1);
  const final = await call(reader, getOrderEvent(id));
  const history = final.body.order.statusHistory.map((e: { status: string }) => e.status);
  expect(history).toHaveLength(version);
  expect(new Set(history).size).toBe(history.length);
  for (let i = 1; i < history.length; i++) expect(ALLOWED_TRANSITIONS[history[i - 1] as OrderStatus]).toContain(history[i]);
  expect(item!.statusChangeAudit.L).toHaveLength(version - 1);
  await publishChanges();
  const events = changesOf(id);
  expect(events.map((d) => d.version)).toEqual(Array.from({ length: version - 1 }, (_, i) => i + 2));
  expect(events.map((d) => d.to)).toEqual(history.slice(1));
});

test('the caller\'s identity is stored for audit, and appears in no response and no event', async () => {
  const id = await orderIn('confirmed', 'cust-audit');
  await call(customers, cancelEvent(id, undefined, { sub: 'cust-audit' }));
  const item = await stored(id);
  expect(item!.statusChangeAudit.L!.map((e) => e.M!.principal.S)).toEqual([SERVICE_ARN, 'cust-audit']);
  await publishChanges();
  for (const text of [...bodies, ...stub.events.map((e) => e.detail)]) {
    expect(text).not.toContain(SERVICE_ARN);
    expect(text).not.toContain('statusChangeAudit');
    expect(text).not.toContain('principal');
  }
});
