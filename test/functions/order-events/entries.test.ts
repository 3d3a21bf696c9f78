/**
 * The consumer's two bundle wirings (their entries only add the top-level await of `prime`; test/integ/priming.test.ts
 * runs that on the real bundles): metrics as the construct's metricsPublisher says, priming then the rehearsal of
 * one batch without a line of output or a metric, and a failing rehearsal that logs one warning while the handler
 * still serves. SDK calls are mocked.
 */
import type * as CloudWatch from '@aws-sdk/client-cloudwatch';
import type * as EventBridge from '@aws-sdk/client-eventbridge';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { insertRecord } from './support';
import type { OrderEventsHandler } from '../../../src/functions/order-events/publish-order-events';
import { acceptedEntries } from '../../../src/functions/order-events/rehearsal';
import { lambdaContext } from '../create-order/support';
import { wiringEnvironment } from '../support/wiring-environment';

const EMF = '../../../src/functions/order-events/wiring-emf';
const PMD = '../../../src/functions/order-events/wiring-put-metric-data';

let eb: AwsClientStub<EventBridge.EventBridgeClient>;
let cw: AwsClientStub<CloudWatch.CloudWatchClient>;
let PutEventsCommand: typeof EventBridge.PutEventsCommand;
let DescribeEventBusCommand: typeof EventBridge.DescribeEventBusCommand;
let PutMetricDataCommand: typeof CloudWatch.PutMetricDataCommand;
const out = wiringEnvironment({
  ORDER_EVENTS_BUS: 'arn:aws:events:eu-west-1:111111111111:event-bus/shop-orders',
  ORDER_EVENTS_SOURCE: 'shop.orders',
  ENVIRONMENT: 'staging',
  LOG_LEVEL: 'INFO',
}, () => { eb?.restore(); cw?.restore(); });

/* eslint-disable @typescript-eslint/no-require-imports */
function loadWiring(wiring: string, setupMocks: () => void): { handler: OrderEventsHandler; prime: () => Promise<void> } {
  let mod: { handler: OrderEventsHandler; prime: () => Promise<void> } | undefined;
  jest.isolateModules(() => {
    const eventbridge: typeof EventBridge = require('@aws-sdk/client-eventbridge');
    const cloudwatch: typeof CloudWatch = require('@aws-sdk/client-cloudwatch');
    eb = mockClient(eventbridge.EventBridgeClient);
    cw = mockClient(cloudwatch.CloudWatchClient);
    PutEventsCommand = eventbridge.PutEventsCommand;
    DescribeEventBusCommand = eventbridge.DescribeEventBusCommand;
    PutMetricDataCommand = cloudwatch.PutMetricDataCommand;
    setupMocks();
    mod = require(wiring);
  });
  return mod!;
}
/* eslint-enable @typescript-eslint/no-require-imports */

const acceptAll = () => eb.on(PutEventsCommand).callsFake((input: EventBridge.PutEventsCommandInput) => acceptedEntries(input));
const lines = () => out.map((l) => JSON.parse(l));

test.each([EMF, PMD])('%s: prime describes the bus, then rehearses one batch without a line of output', async (wiring) => {
  const { prime } = loadWiring(wiring, () => { eb.on(DescribeEventBusCommand).resolves({}); acceptAll(); });
  await prime();
  expect(eb).toHaveReceivedCommandTimes(DescribeEventBusCommand, 1);
  // The mock sits above the HTTP handler, which answers the rehearsal's PutEvents inside the process; that nothing
  // reaches a real endpoint is shown on the bundles against the PutEvents stand-in (test/integ/priming.test.ts).
  expect(eb).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  expect(JSON.parse(eb.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0].Detail!)).toMatchObject({ customerId: 'rehearsal' });
  // The PutMetricData bundle's rehearsal publishes through the real client, answered in process like its PutEvents
  // (test/integ/priming.test.ts shows that no metric reaches the CloudWatch stand-in).
  expect(cw.calls().length).toBe(wiring === PMD ? 1 : 0);
  expect(out).toEqual([]);
});

test('EMF wiring: a batch publishes its events and writes one EMF document, no CloudWatch call', async () => {
  const { handler } = loadWiring(EMF, acceptAll);
  await expect(handler({ Records: [insertRecord(1)] }, lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
  expect(cw.calls()).toHaveLength(0);
  expect(lines()).toContainEqual(expect.objectContaining({ OrderEventsPublished: 1, Environment: 'staging' }));
});

test('PutMetricData wiring: the published count goes through CloudWatch, no EMF line; a failure still succeeds the batch', async () => {
  const { handler } = loadWiring(PMD, () => { acceptAll(); cw.on(PutMetricDataCommand).rejectsOnce(new Error('down')).resolves({}); });
  await expect(handler({ Records: [insertRecord(1)] }, lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
  expect(lines()).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'Metrics not published' }));
  await expect(handler({ Records: [insertRecord(2)] }, lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
  expect(cw).toHaveReceivedCommandWith(PutMetricDataCommand, {
    Namespace: 'ECommerce/OrderProcessing',
    MetricData: [expect.objectContaining({ MetricName: 'OrderEventsPublished', Value: 1, Dimensions: [{ Name: 'Environment', Value: 'staging' }] })],
  });
  expect(lines().filter((l) => l._aws)).toEqual([]);
});

test('a rehearsal that fails is logged once as a warning, and the handler still serves', async () => {
  const { prime, handler } = loadWiring(EMF, () => {
    eb.on(DescribeEventBusCommand).resolves({});
    eb.on(PutEventsCommand).rejectsOnce(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }))
      .callsFake((input: EventBridge.PutEventsCommandInput) => acceptedEntries(input));
  });
  await expect(prime()).resolves.toBeUndefined();
  expect(lines()).toEqual([expect.objectContaining({ level: 'WARN', message: 'Order events consumer rehearsal did not succeed', batchItemFailures: 1 })]);
  await expect(handler({ Records: [insertRecord(1)] }, lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
});
