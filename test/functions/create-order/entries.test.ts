/**
 * The two bundles' wiring modules (their entry files only add the top-level await of `prime`, which a CommonJS test
 * cannot load; test/integ/priming.test.ts runs that on the real bundles) wire real modules: configuration from
 * environment variables, DynamoDB client, metrics publisher, stdout logger. Imported fresh with test variables; SDK
 * calls are mocked.
 */
import type * as CloudWatch from '@aws-sdk/client-cloudwatch';
import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { lambdaContext, orderEvent, SEED_BODY } from './support';
import type { OrderHandler } from '../../../src/functions/create-order/create-order';
import { wiringEnvironment } from '../support/wiring-environment';

let ddb: AwsClientStub<DynamoDB.DynamoDBClient>;
let cw: AwsClientStub<CloudWatch.CloudWatchClient>;
let PutItemCommand: typeof DynamoDB.PutItemCommand;
let GetItemCommand: typeof DynamoDB.GetItemCommand;
let PutMetricDataCommand: typeof CloudWatch.PutMetricDataCommand;
const out = wiringEnvironment({
  DYNAMODB_TABLE_NAME: 'orders-t',
  ENVIRONMENT: 'staging',
  LOG_LEVEL: 'INFO',
}, () => { ddb?.restore(); cw?.restore(); });

/**
 * A fresh module registry per test, so the entry reads this test's variables at import. The SDK classes are
 * mocked inside the same registry (a mock of another registry's class would not see the entry's client).
 */
// jest.isolateModules is synchronous: the fresh registry is reachable only through require().
/* eslint-disable @typescript-eslint/no-require-imports */
function load(entry: string, setupMocks: () => void = () => undefined): OrderHandler {
  return loadModule(entry, setupMocks).handler;
}

function loadModule(entry: string, setupMocks: () => void = () => undefined): { handler: OrderHandler; prime: () => Promise<void> } {
  let mod: { handler: OrderHandler; prime: () => Promise<void> } | undefined;
  jest.isolateModules(() => {
    const dynamodb: typeof DynamoDB = require('@aws-sdk/client-dynamodb');
    const cloudwatch: typeof CloudWatch = require('@aws-sdk/client-cloudwatch');
    ddb = mockClient(dynamodb.DynamoDBClient);
    cw = mockClient(cloudwatch.CloudWatchClient);
    PutItemCommand = dynamodb.PutItemCommand;
    GetItemCommand = dynamodb.GetItemCommand;
    PutMetricDataCommand = cloudwatch.PutMetricDataCommand;
    setupMocks();
    mod = require(entry);
  });
  return mod!;
}
/* eslint-enable @typescript-eslint/no-require-imports */

test('EMF entry: stores the order and writes one EMF document and one log line, raw JSON on stdout', async () => {
  const handler = load('../../../src/functions/create-order/wiring-emf', () => ddb.on(PutItemCommand).resolves({}));
  const res = await handler(orderEvent(SEED_BODY), lambdaContext('req-emf'));
  expect(res.statusCode).toBe(200);
  expect(ddb).toHaveReceivedCommandWith(PutItemCommand, { TableName: 'orders-t' });
  expect(cw.calls()).toHaveLength(0);
  const lines = out.map((l) => { expect(l.endsWith('\n')).toBe(true); return JSON.parse(l); });
  const emf = lines.filter((l) => l._aws);
  expect(emf).toEqual([{
    _aws: {
      Timestamp: expect.any(Number),
      CloudWatchMetrics: [{
        Namespace: 'ECommerce/OrderProcessing',
        Dimensions: [['Environment']],
        Metrics: [{ Name: 'OrdersProcessed', Unit: 'Count' }, { Name: 'OrderValue', Unit: 'None' }],
      }],
    },
    Environment: 'staging',
    OrdersProcessed: 1,
    OrderValue: 109.97,
    requestId: 'req-emf',
    orderId: expect.any(String),
  }]);
  expect(lines.filter((l) => !l._aws)).toEqual([expect.objectContaining({ level: 'INFO', message: 'Order created', requestId: 'req-emf' })]);
});

test('EMF entry: the retention setting writes ttl', async () => {
  process.env.ORDER_RETENTION_SECONDS = '2592000';
  const handler = load('../../../src/functions/create-order/wiring-emf', () => ddb.on(PutItemCommand).resolves({}));
  const before = Math.floor(Date.now() / 1000);
  await handler(orderEvent(SEED_BODY), lambdaContext());
  const ttl = Number(ddb.commandCalls(PutItemCommand)[0].args[0].input.Item!.ttl.N);
  expect(ttl).toBeGreaterThanOrEqual(before + 2_592_000);
  expect(ttl).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 2_592_000);
});

test('EMF entry: LOG_LEVEL=WARN silences INFO lines but not metrics', async () => {
  process.env.LOG_LEVEL = 'WARN';
  const handler = load('../../../src/functions/create-order/wiring-emf', () => ddb.on(PutItemCommand).resolves({}));
  await handler(orderEvent(SEED_BODY), lambdaContext());
  const lines = out.map((l) => JSON.parse(l));
  expect(lines).toHaveLength(1);
  expect(lines[0]._aws).toBeDefined();
});

test('a missing table name fails the cold start', () => {
  delete process.env.DYNAMODB_TABLE_NAME;
  expect(() => load('../../../src/functions/create-order/wiring-emf')).toThrow(/DYNAMODB_TABLE_NAME/);
});

test.each(['../../../src/functions/create-order/wiring-emf', '../../../src/functions/create-order/wiring-put-metric-data'])(
  'an unknown LOG_LEVEL fails the cold start of %s', (entry) => {
    process.env.LOG_LEVEL = 'verbose';
    expect(() => load(entry)).toThrow(/LOG_LEVEL "verbose" must be one of DEBUG, INFO, WARN, ERROR/);
  });

test('PutMetricData entry: metrics through CloudWatch, a failure still answers 200', async () => {
  const handler = load('../../../src/functions/create-order/wiring-put-metric-data', () => {
    ddb.on(PutItemCommand).resolves({});
    cw.on(PutMetricDataCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
  });
  const res = await handler(orderEvent(SEED_BODY), lambdaContext());
  expect(res.statusCode).toBe(200);
  expect(cw).toHaveReceivedCommandTimes(PutMetricDataCommand, 1);
  expect(out.some((l) => l.includes('_aws'))).toBe(false);
  expect(out.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'Metrics not published' }));
});

test.each(['../../../src/functions/create-order/wiring-emf', '../../../src/functions/create-order/wiring-put-metric-data'])(
  '%s: prime reads a key no order can have, then rehearses one order without a line of output', async (wiring) => {
    const { prime } = loadModule(wiring, () => ddb.on(GetItemCommand).resolves({}).on(PutItemCommand).resolves({}));
    await prime();
    expect(ddb).toHaveReceivedCommandTimes(GetItemCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(GetItemCommand, { TableName: 'orders-t', Key: { orderId: { S: 'prime#not-an-order' } } });
    // The mock sits above the HTTP handler, which answers the rehearsal's PutItem inside the process; that nothing
    // reaches a real table is shown on the bundles against DynamoDB Local (test/integ/priming.test.ts).
    expect(ddb).toHaveReceivedCommandTimes(PutItemCommand, 1);
    expect(ddb.commandCalls(PutItemCommand)[0].args[0].input.Item!.customerId).toEqual({ S: 'rehearsal' });
    // The rehearsal's metrics go through the real client, answered in process (test/integ/priming.test.ts shows
    // that nothing reaches CloudWatch); the mock sees the call as it sees the rehearsal's PutItem.
    expect(cw.calls().length).toBe(wiring.endsWith('put-metric-data') ? 1 : 0);
    expect(out).toEqual([]);
  });

test('a rehearsal that fails is logged once as a warning, and the handler still serves', async () => {
  const { prime, handler } = loadModule('../../../src/functions/create-order/wiring-emf', () => {
    ddb.on(GetItemCommand).resolves({});
    ddb.on(PutItemCommand).rejectsOnce(Object.assign(new Error('boom'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } })).resolves({});
  });
  await expect(prime()).resolves.toBeUndefined();
  expect(out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'WARN', message: 'Order handler rehearsal did not succeed', statusCode: 500 })]);
  expect((await handler(orderEvent(SEED_BODY), lambdaContext())).statusCode).toBe(200);
});

test('prime swallows a failure and logs it once as a warning', async () => {
  const { prime } = loadModule('../../../src/functions/create-order/wiring-emf', () => {
    ddb.on(GetItemCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
  });
  await expect(prime()).resolves.toBeUndefined();
  expect(out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'WARN', message: 'DynamoDB client priming failed', errorName: 'AccessDeniedException' })]);
});
