/** The PutMetricData publisher: what it sends, that it rejects on failure, and that its failure never fails an order. */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createOrderHandler } from '../../../src/functions/create-order/create-order';
import { DynamoOrderStore } from '../../../src/functions/create-order/io/dynamo-store';
import { createLogger } from '../../../src/functions/runtime/logger';
import { createPutMetricDataPublisher } from '../../../src/functions/runtime/put-metric-data-publisher';
import { conforming } from '../../support/openapi-conformance';
import { lambdaContext, lineSink, orderEvent, SEED_BODY } from '../create-order/support';

const ddb = mockClient(DynamoDBClient);
const cw = mockClient(CloudWatchClient);
afterEach(() => { ddb.reset(); cw.reset(); });

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const publisher = () => createPutMetricDataPublisher({
  client: new CloudWatchClient({ region: 'us-east-1', credentials }),
  namespace: 'ECommerce/OrderProcessing',
  dimensionName: 'Environment',
  dimensionValue: 'prod',
});

function setup() {
  const logs = lineSink();
  const handler = conforming(createOrderHandler({
    config: { tableName: 't', metricsDimensionValue: 'prod', logLevel: 'INFO' },
    store: new DynamoOrderStore(new DynamoDBClient({ region: 'us-east-1', credentials }), 't'),
    metrics: publisher(),
    logger: createLogger('INFO', logs.write),
  }));
  return { handler, logs: logs.lines };
}

test('the publisher rejects with the SDK error and writes nothing itself', async () => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
  cw.on(PutMetricDataCommand).rejects(throttled);
  const write = jest.spyOn(process.stdout, 'write');
  try {
    await expect(publisher().publish([{ name: 'OrdersProcessed', value: 1, unit: 'Count' }], { requestId: 'r' }))
      .rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
    expect(write).not.toHaveBeenCalled();
  } finally {
    write.mockRestore();
  }
});

test('the publisher makes no call when there is nothing to publish', async () => {
  await publisher().publish([], { requestId: 'r' });
  expect(cw).toHaveReceivedCommandTimes(PutMetricDataCommand, 0);
});

test('publishes OrdersProcessed and OrderValue in major units with the Environment dimension', async () => {
  ddb.on(PutItemCommand).resolves({});
  cw.on(PutMetricDataCommand).resolves({});
  const { handler } = setup();
  expect((await handler(orderEvent(SEED_BODY), lambdaContext())).statusCode).toBe(200);
  expect(cw).toHaveReceivedCommandTimes(PutMetricDataCommand, 1);
  const dims = [{ Name: 'Environment', Value: 'prod' }];
  expect(cw).toHaveReceivedCommandWith(PutMetricDataCommand, {
    Namespace: 'ECommerce/OrderProcessing',
    MetricData: [
      expect.objectContaining({ MetricName: 'OrdersProcessed', Value: 1, Unit: 'Count', Dimensions: dims }),
      expect.objectContaining({ MetricName: 'OrderValue', Value: 109.97, Unit: 'None', Dimensions: dims }),
    ],
  });
});

test('a PutMetricData failure is logged and the stored order is still 200', async () => {
  ddb.on(PutItemCommand).resolves({});
  cw.on(PutMetricDataCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }));
  const { handler, logs } = setup();
  const res = await handler(orderEvent(SEED_BODY), lambdaContext());
  expect(res.statusCode).toBe(200);
  expect(ddb).toHaveReceivedCommandTimes(PutItemCommand, 1);
  expect(logs).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'Metrics not published', errorName: 'Throttling' }));
  // Logged once, by the order logic, with the request's context.
  expect(logs.filter((l) => l.message === 'Metrics not published')).toEqual([
    expect.objectContaining({ requestId: 'req-1', orderId: expect.any(String) }),
  ]);
});

test('a server fault publishes OrderErrors', async () => {
  ddb.on(PutItemCommand).rejects(Object.assign(new Error('x'), { name: 'ProvisionedThroughputExceededException', $metadata: {} }));
  cw.on(PutMetricDataCommand).resolves({});
  const { handler } = setup();
  expect((await handler(orderEvent(SEED_BODY), lambdaContext())).statusCode).toBe(503);
  expect(cw).toHaveReceivedCommandWith(PutMetricDataCommand, {
    MetricData: [expect.objectContaining({ MetricName: 'OrderErrors', Value: 1, Unit: 'Count' })],
  });
});
