/**
 * The read function over a mocked DynamoDB client (aws-sdk-client-mock): the exact commands sent (consistent GetItem
 * on the table, a descending Query of the index), and how each DynamoDB outcome maps to a status.
 */
import { DynamoDBClient, GetItemCommand, ProvisionedThroughputExceededException, QueryCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { encodeCursor } from '../../../../src/functions/read-orders/core/cursor';
import { DynamoOrderReader, pageKeyFromLastEvaluated } from '../../../../src/functions/read-orders/io/dynamo-reader';
import { createReadHandler } from '../../../../src/functions/read-orders/read-orders';
import { createLogger } from '../../../../src/functions/runtime/logger';
import { conforming } from '../../../support/openapi-conformance';
import { lambdaContext, lineSink, parseBody } from '../../create-order/support';
import { getOrderEvent, listOrdersEvent, storedOrder } from '../support';

const ddb = mockClient(DynamoDBClient);
afterEach(() => ddb.reset());

function setup() {
  const logs = lineSink();
  const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const handler = conforming(createReadHandler({
    config: { tableName: 'orders-table', logLevel: 'INFO', access: 'IAM' },
    reader: new DynamoOrderReader(client, 'orders-table'),
    logger: createLogger('INFO', logs.write),
  }));
  return { handler, logs: logs.lines };
}

const serviceError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });

test('get by id: one consistent GetItem on the table', async () => {
  ddb.on(GetItemCommand).resolves({ Item: storedOrder('o-1', 'cust-1', 1000) as never });
  const { handler } = setup();
  expect((await handler(getOrderEvent('o-1'), lambdaContext())).statusCode).toBe(200);
  expect(ddb.calls()).toHaveLength(1);
  expect(ddb).toHaveReceivedCommandWith(GetItemCommand, { TableName: 'orders-table', Key: { orderId: { S: 'o-1' } }, ConsistentRead: true });
});

test('list: one Query of CustomerOrderIndex, newest first, limit + 1, resuming at the cursor', async () => {
  ddb.on(QueryCommand).resolves({ Items: [] });
  const { handler } = setup();
  const start = { customerId: 'cust-1', orderTimestamp: '1000', orderId: 'o-1' };
  await handler(listOrdersEvent('cust-1', { query: { limit: '5', cursor: encodeCursor(start) } }), lambdaContext());
  expect(ddb.calls()).toHaveLength(1);
  const input = ddb.commandCalls(QueryCommand)[0].args[0].input;
  expect(input).toEqual({
    TableName: 'orders-table',
    IndexName: 'CustomerOrderIndex',
    KeyConditionExpression: '#customer = :customer',
    ExpressionAttributeNames: { '#customer': 'customerId' },
    ExpressionAttributeValues: { ':customer': { S: 'cust-1' } },
    ScanIndexForward: false,
    Limit: 6,
    ExclusiveStartKey: { customerId: { S: 'cust-1' }, orderTimestamp: { N: '1000' }, orderId: { S: 'o-1' } },
  });
  expect(input.ConsistentRead).toBeUndefined(); // a GSI cannot be read consistently
});

test('bad requests send no command at all', async () => {
  const { handler } = setup();
  await handler(listOrdersEvent('cust-1', { query: { limit: '500' } }), lambdaContext());
  await handler(getOrderEvent('x'.repeat(200)), lambdaContext());
  expect(ddb.calls()).toHaveLength(0);
});

test.each<[string, Error, number]>([
  ['throttled', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } }), 503],
  ['a 500 from DynamoDB', serviceError('InternalServerError', 500, 'server'), 503],
  ['a network error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 503],
  ['access denied', serviceError('AccessDeniedException', 400), 500],
  ['missing table', serviceError('ResourceNotFoundException', 400), 500],
])('%s -> %d on both routes', async (_name, error, status) => {
  ddb.on(GetItemCommand).rejects(error);
  ddb.on(QueryCommand).rejects(error);
  const { handler, logs } = setup();
  for (const event of [getOrderEvent('o-1'), listOrdersEvent('cust-1')]) {
    const res = await handler(event, lambdaContext());
    expect(res.statusCode).toBe(status);
    if (status === 503) expect(res.headers).toMatchObject({ 'retry-after': '1' });
    expect(parseBody(res as { body: string }).success).toBe(false);
  }
  expect(logs.filter((l) => l.level === 'ERROR')).toHaveLength(2);
});

test('LastEvaluatedKey becomes the next cursor when DynamoDB stops early', async () => {
  ddb.on(QueryCommand).resolves({
    Items: [storedOrder('o-2', 'cust-1', 2000) as never],
    LastEvaluatedKey: { customerId: { S: 'cust-1' }, orderTimestamp: { N: '2000' }, orderId: { S: 'o-2' } },
  });
  const { handler } = setup();
  const body = parseBody((await handler(listOrdersEvent('cust-1'), lambdaContext())) as { body: string });
  expect(body.nextCursor).toBe(encodeCursor({ customerId: 'cust-1', orderTimestamp: '2000', orderId: 'o-2' }));
});

test('a LastEvaluatedKey without the index key attributes is a bug, not a page', () => {
  expect(() => pageKeyFromLastEvaluated({ orderId: { S: 'o' } })).toThrow(/lacks a key attribute/);
});
