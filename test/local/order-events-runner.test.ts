/**
 * The local stand-in for Lambda's stream event source mapping, on DynamoDB Local's stream with a fake consumer:
 * INSERTs only, Lambda's event shape, a retry from the first reported failure, and a batch set aside once its
 * retries are spent.
 */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { FailedBatch, LambdaStreamRecord, startLocalStreamConsumer } from '../../local/order-events';

let engine: DynamoDbLocal;
let client: DynamoDBClient;
beforeAll(async () => {
  engine = await startDynamoDbLocal();
  client = engine.client();
});
afterAll(async () => {
  client?.destroy();
  await engine?.stop();
});

const waitFor = async (ok: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const put = (table: string, id: string) => client.send(new PutItemCommand({ TableName: table, Item: { orderId: { S: id } } }));

test('INSERTs and MODIFYs only (no REMOVE), in Lambda\'s shape; a reported failure is retried from that record on', async () => {
  await createOrdersTable(client, 'runner-retry', { stream: true });
  const calls: LambdaStreamRecord[][] = [];
  let failOnce = true;
  const consumer = await startLocalStreamConsumer({
    dynamoDbEndpoint: engine.endpoint,
    tableName: 'runner-retry',
    pollIntervalMs: 50,
    retryAttempts: 3,
    handler: async (event) => {
      calls.push(event.Records);
      const b = event.Records.find((r) => (r.dynamodb.Keys as any).orderId.S === 'b');
      if (b && failOnce) { failOnce = false; return { batchItemFailures: [{ itemIdentifier: b.dynamodb.SequenceNumber }] }; }
      return { batchItemFailures: [] };
    },
  });
  try {
    for (const id of ['a', 'b', 'c']) await put('runner-retry', id);
    await client.send(new UpdateItemCommand({ TableName: 'runner-retry', Key: { orderId: { S: 'a' } }, UpdateExpression: 'SET x = :x', ExpressionAttributeValues: { ':x': { N: '1' } } }));
    await client.send(new DeleteItemCommand({ TableName: 'runner-retry', Key: { orderId: { S: 'c' } } }));
    const idsSeen = () => calls.flat().map((r) => (r.dynamodb.Keys as any).orderId.S as string);
    await waitFor(() => idsSeen().includes('c') && idsSeen().filter((x) => x === 'b').length === 2);
    await new Promise((r) => setTimeout(r, 500)); // the MODIFY and REMOVE records have been polled by now
    const all = calls.flat();
    expect(all.every((r) => r.eventSource === 'aws:dynamodb' && r.eventVersion === '1.1')).toBe(true);
    // The mapping's filter: the MODIFY of a comes through (the consumer decides whether it is a status change), the
    // REMOVE of c (a TTL delete on AWS) never does.
    expect(all.map((r) => r.eventName).filter((n) => n !== 'INSERT')).toEqual(['MODIFY']);
    expect(typeof all[0].dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(all[0].dynamodb.NewImage).toEqual({ orderId: { S: 'a' } });
    // b failed once: b (and whatever followed it in its batch) came again, a did not.
    const ids = all.map((r) => (r.dynamodb.Keys as any).orderId.S);
    const inserts = all.filter((r) => r.eventName === 'INSERT').map((r) => (r.dynamodb.Keys as any).orderId.S);
    expect(inserts.filter((x) => x === 'a')).toHaveLength(1);
    expect(ids.filter((x) => x === 'b')).toHaveLength(2);
    expect(consumer.failedBatches).toEqual([]);
  } finally {
    await consumer.stop();
  }
});

test('a batch that keeps failing is set aside after its retries, as the on-failure destination would get it', async () => {
  await createOrdersTable(client, 'runner-dlq', { stream: true });
  const setAside: FailedBatch[] = [];
  let calls = 0;
  const consumer = await startLocalStreamConsumer({
    dynamoDbEndpoint: engine.endpoint,
    tableName: 'runner-dlq',
    pollIntervalMs: 50,
    retryAttempts: 2,
    handler: async () => { calls++; throw new Error('always'); },
    onFailedBatch: (b) => setAside.push(b),
  });
  try {
    await put('runner-dlq', 'z');
    await waitFor(() => setAside.length === 1);
    expect(calls).toBe(3);
    expect(setAside[0]).toMatchObject({ batchSize: 1, reason: 'function error: always' });
    expect(setAside[0].startSequenceNumber).toBe(setAside[0].endSequenceNumber);
  } finally {
    await consumer.stop();
  }
});
