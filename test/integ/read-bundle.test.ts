/**
 * The bundled read function (assets/functions/read-orders/entry/index.mjs, exactly what Lambda loads) against DynamoDB Local,
 * reading orders written by the bundled order handler. If the engine cannot start, beforeAll throws and every test
 * fails: never skipped. Every response is checked against openapi.json by the runner.
 */
import { BundleRunner, bundleEnv, EMF_BUNDLE, READ_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { READ_API_ENV } from '../../src/contract/platform';
import { orderEvent, SEED_BODY } from '../functions/create-order/support';
import { getOrderEvent, listOrdersEvent } from '../functions/read-orders/support';

const TABLE = 'orders-read-integ';
let engine: DynamoDbLocal;
let writer: BundleRunner;
let reader: BundleRunner;
const runners: BundleRunner[] = [];

function env(extra: Record<string, string> = {}): Record<string, string> {
  return bundleEnv(TABLE, { [READ_API_ENV.access]: 'IAM', AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint, ...extra });
}

async function start(bundle: string, extra: Record<string, string> = {}): Promise<BundleRunner> {
  const r = await BundleRunner.start(bundle, env(extra));
  runners.push(r);
  return r;
}

const bodyOf = (r: { result?: { body: string } }) => JSON.parse(r.result!.body);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function placeOrders(customerId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await writer.invoke(orderEvent({ customerId, items: [{ productId: `p-${i}`, quantity: 1, price: 1.1 }], totalAmount: 1.1 }));
    expect(res.result!.statusCode).toBe(200);
    ids.push(bodyOf(res).orderId);
    await sleep(3); // distinct orderTimestamp milliseconds, so "newest first" is one exact order
  }
  return ids;
}

async function listAll(customerId: string, limit: number) {
  const pages: { orderId: string; customerId: string; orderTimestamp: number }[][] = [];
  let cursor: string | null = null;
  do {
    const res = await reader.invoke(listOrdersEvent(customerId, { query: { limit: String(limit), ...(cursor ? { cursor } : {}) } }));
    expect(res.result!.statusCode).toBe(200);
    const body = bodyOf(res);
    pages.push(body.orders);
    cursor = body.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

let mine: string[];
let theirs: string[];

beforeAll(async () => {
  engine = await startDynamoDbLocal();
  const client = engine.client();
  await createOrdersTable(client, TABLE);
  client.destroy();
  [writer, reader] = await Promise.all([start(EMF_BUNDLE), start(READ_BUNDLE)]);
  mine = await placeOrders('cust-paging', 25);
  theirs = await placeOrders('cust-other', 5);
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
  await engine?.stop();
});

test('25 orders paged 10 at a time: newest first, none missing, none twice, null cursor at the end', async () => {
  const pages = await listAll('cust-paging', 10);
  expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
  const listed = pages.flat();
  expect(listed.map((o) => o.orderId)).toEqual([...mine].reverse());
  expect(new Set(listed.map((o) => o.orderId)).size).toBe(25);
  const times = listed.map((o) => o.orderTimestamp);
  expect(times).toEqual([...times].sort((a, b) => b - a));
});

test('another customer\'s orders never appear', async () => {
  const listed = (await listAll('cust-paging', 7)).flat();
  expect(listed.every((o) => o.customerId === 'cust-paging')).toBe(true);
  for (const id of theirs) expect(listed.map((o) => o.orderId)).not.toContain(id);
  expect((await listAll('cust-other', 100)).flat().map((o) => o.orderId)).toEqual([...theirs].reverse());
});

test('404 for an unknown id', async () => {
  const res = await reader.invoke(getOrderEvent('00000000-0000-4000-8000-000000000000'));
  expect(res.result!.statusCode).toBe(404);
  expect(bodyOf(res)).toMatchObject({ success: false, error: 'NotFound', field: 'orderId', rule: 'notFound' });
});

test('a cursor edited by one byte is 400 naming cursor; another customer\'s cursor too', async () => {
  const first = bodyOf(await reader.invoke(listOrdersEvent('cust-paging', { query: { limit: '10' } })));
  const cursor: string = first.nextCursor;
  const bytes = Buffer.from(cursor, 'base64url');
  bytes[5] ^= 0x01; // eslint-disable-line no-bitwise
  const edited = await reader.invoke(listOrdersEvent('cust-paging', { query: { cursor: bytes.toString('base64url') } }));
  expect(edited.result!.statusCode).toBe(400);
  expect(bodyOf(edited)).toMatchObject({ field: 'cursor', rule: 'integrity' });
  const foreign = await reader.invoke(listOrdersEvent('cust-other', { query: { cursor } }));
  expect(foreign.result!.statusCode).toBe(400);
  expect(bodyOf(foreign)).toMatchObject({ field: 'cursor', rule: 'query' });
  const badLimit = await reader.invoke(listOrdersEvent('cust-paging', { query: { limit: '0' } }));
  expect(bodyOf(badLimit)).toMatchObject({ field: 'limit', rule: 'min' });
});

test('exact money round trip: written by the order handler, read by the read function, 29.99 stays 29.99', async () => {
  const created = await writer.invoke(orderEvent({ customerId: 'cust-money', items: [{ productId: 'p', quantity: 3, price: 29.99 }], totalAmount: 89.97 }));
  const { orderId } = bodyOf(created);
  const res = await reader.invoke(getOrderEvent(orderId));
  expect(res.result!.statusCode).toBe(200);
  expect(res.result!.body).toContain('"price":29.99}');
  expect(res.result!.body).toContain('"totalAmount":89.97,');
  const listed = await reader.invoke(listOrdersEvent('cust-money'));
  expect(listed.result!.body).toContain('"price":29.99}');
  expect(listed.result!.body).toContain('"totalAmount":89.97,');
});

test('the seed example reads back as stored, without internals', async () => {
  const created = await writer.invoke(orderEvent(SEED_BODY, { headers: { 'content-type': 'application/json', 'idempotency-key': 'seed-read-1' } }));
  const { orderId, timestamp } = bodyOf(created);
  const { order } = bodyOf(await reader.invoke(getOrderEvent(orderId)));
  expect(order).toEqual({
    orderId,
    customerId: 'cust-12345',
    items: SEED_BODY.items,
    totalAmount: 109.97,
    currency: 'USD',
    status: 'pending',
    orderTimestamp: Date.parse(timestamp),
    createdAt: timestamp,
    shippingAddress: SEED_BODY.shippingAddress,
    version: 1,
    statusHistory: [{ status: 'pending', at: timestamp, by: 'customer' }],
    updatedAt: timestamp,
  });
});

test('TOKEN_OWNER access: own orders only; another customer\'s order is 404 and their list 403', async () => {
  const owner = await start(READ_BUNDLE, { READ_ACCESS: 'TOKEN_OWNER' });
  expect((await owner.invoke(getOrderEvent(mine[0], { sub: 'cust-paging' }))).result!.statusCode).toBe(200);
  expect((await owner.invoke(getOrderEvent(mine[0], { sub: 'cust-other' }))).result!.statusCode).toBe(404);
  expect((await owner.invoke(listOrdersEvent('cust-paging', { sub: 'cust-other' }))).result!.statusCode).toBe(403);
  expect((await owner.invoke(listOrdersEvent('cust-paging'))).result!.statusCode).toBe(403);
  const own = bodyOf(await owner.invoke(listOrdersEvent('cust-paging', { sub: 'cust-paging', query: { limit: '100' } })));
  expect(own.orders).toHaveLength(25);
});

test('a read function without its access mode fails its cold start', async () => {
  const { READ_ACCESS: _, ...noAccess } = env();
  await expect(BundleRunner.start(READ_BUNDLE, noAccess)).rejects.toThrow(/READ_ACCESS must be one of/);
});
