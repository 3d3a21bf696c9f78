/**
 * The handler over a mocked DynamoDB client (aws-sdk-client-mock): the exact commands sent, and how each DynamoDB
 * outcome maps to a status.
 */
import {
  ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, ProvisionedThroughputExceededException, PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createOrderHandler } from '../../../../src/functions/create-order/create-order';
import { DynamoOrderStore } from '../../../../src/functions/create-order/io/dynamo-store';
import { createEmfPublisher } from '../../../../src/functions/runtime/emf-publisher';
import { createLogger } from '../../../../src/functions/runtime/logger';
import { conforming } from '../../../support/openapi-conformance';
import { lambdaContext, lineSink, orderEvent, parseBody, SEED_BODY, SEED_STORED_ATTRIBUTES } from '../support';

const ddb = mockClient(DynamoDBClient);
afterEach(() => ddb.reset());

function setup() {
  const emf = lineSink();
  const logs = lineSink();
  const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const handler = conforming(createOrderHandler({
    config: { tableName: 'orders-table', metricsDimensionValue: 'test', logLevel: 'INFO' },
    store: new DynamoOrderStore(client, 'orders-table'),
    metrics: createEmfPublisher({ namespace: 'ECommerce/OrderProcessing', dimensionName: 'Environment', dimensionValue: 'test', write: emf.write }),
    logger: createLogger('INFO', logs.write),
  }));
  return { handler, emf: emf.lines, logs: logs.lines };
}

const keyed = (body: unknown) => orderEvent(body, { headers: { 'content-type': 'application/json', 'idempotency-key': 'retry-1' } });
const serviceError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });

test('one conditional PutItem with exact numbers', async () => {
  ddb.on(PutItemCommand).resolves({});
  const { handler } = setup();
  const res = await handler(orderEvent(SEED_BODY), lambdaContext());
  expect(res.statusCode).toBe(200);
  expect(ddb).toHaveReceivedCommandTimes(PutItemCommand, 1);
  expect(ddb.calls()).toHaveLength(1);
  expect(ddb).toHaveReceivedCommandWith(PutItemCommand, {
    TableName: 'orders-table',
    ConditionExpression: 'attribute_not_exists(orderId)',
    Item: expect.objectContaining({
      orderId: { S: parseBody(res as { body: string }).orderId as string },
      ...SEED_STORED_ATTRIBUTES,
      orderTimestamp: { N: expect.stringMatching(/^\d{13}$/) },
      createdAt: { S: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
    }),
  });
  const item = ddb.commandCalls(PutItemCommand)[0].args[0].input.Item!;
  expect(item.ttl).toBeUndefined();
  expect(item.requestHash).toBeUndefined();
});

test('client errors send no command at all', async () => {
  const { handler } = setup();
  for (const body of [{}, { ...SEED_BODY, totalAmount: 1 }, 'not json']) {
    const res = await handler(orderEvent(body), lambdaContext());
    expect(res.statusCode).toBe(400);
  }
  expect(ddb.calls()).toHaveLength(0);
});

test.each([
  ['ProvisionedThroughputExceededException', () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } }), 503],
  ['ThrottlingException', () => serviceError('ThrottlingException', 400), 503],
  ['RequestLimitExceeded', () => serviceError('RequestLimitExceeded', 400), 503],
  ['InternalServerError', () => serviceError('InternalServerError', 500, 'server'), 503],
  ['an unmodeled 503', () => serviceError('Unknown', 503, 'server'), 503],
  ['socket timeout', () => Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' }), 503],
  ['deadline abort', () => Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 503],
  ['connection reset', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 503],
  ['DNS failure', () => Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), 503],
  ['AccessDeniedException', () => serviceError('AccessDeniedException', 400), 500],
  ['ResourceNotFoundException', () => serviceError('ResourceNotFoundException', 400), 500],
  ['ValidationException', () => serviceError('ValidationException', 400), 500],
  ['missing credentials', () => Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }), 500],
])('PutItem fails with %s -> %i, OrderErrors counted, nothing else sent', async (_name, error, status) => {
  ddb.on(PutItemCommand).rejects(error());
  const { handler, emf, logs } = setup();
  const res = await handler(keyed(SEED_BODY), lambdaContext());
  expect(res.statusCode).toBe(status);
  expect(parseBody(res as { body: string })).toMatchObject({ success: false, field: null, rule: null });
  expect(ddb.calls()).toHaveLength(1);
  expect(emf).toEqual([expect.objectContaining({ OrderErrors: 1, Environment: 'test' })]);
  expect(emf[0]).not.toHaveProperty('OrdersProcessed');
  expect(logs).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'Order not stored' }));
});

describe('conditional check failed', () => {
  async function firstWrite() {
    ddb.on(PutItemCommand).resolvesOnce({});
    const { handler } = setup();
    const first = await handler(keyed(SEED_BODY), lambdaContext());
    const stored = ddb.commandCalls(PutItemCommand)[0].args[0].input.Item!;
    ddb.reset();
    return { first, stored };
  }

  test('same request hash -> the original 200, read with a consistent GetItem', async () => {
    const { first, stored } = await firstWrite();
    ddb.on(PutItemCommand).rejects(conditionFailed());
    ddb.on(GetItemCommand).resolves({ Item: stored });
    const { handler, emf } = setup();
    const res = await handler(keyed(SEED_BODY), lambdaContext('retry'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(first.body);
    expect(ddb).toHaveReceivedCommandTimes(PutItemCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(GetItemCommand, {
      TableName: 'orders-table', Key: { orderId: stored.orderId }, ConsistentRead: true,
    });
    expect(emf).toEqual([]);
  });

  test('different request hash -> 409', async () => {
    const { stored } = await firstWrite();
    ddb.on(PutItemCommand).rejects(conditionFailed());
    ddb.on(GetItemCommand).resolves({ Item: stored });
    const { handler } = setup();
    const res = await handler(keyed({ ...SEED_BODY, notes: 'different' }), lambdaContext());
    expect(res.statusCode).toBe(409);
    expect(ddb).toHaveReceivedCommandTimes(PutItemCommand, 1);
  });

  test('GetItem throttled -> 503', async () => {
    ddb.on(PutItemCommand).rejects(conditionFailed());
    ddb.on(GetItemCommand).rejects(new ProvisionedThroughputExceededException({ message: 'x', $metadata: {} }));
    const { handler } = setup();
    expect((await handler(keyed(SEED_BODY), lambdaContext())).statusCode).toBe(503);
  });
});
