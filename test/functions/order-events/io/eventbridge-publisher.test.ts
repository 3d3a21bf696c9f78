/** The EventBridge adapter against a mocked SDK client: what it sends, and how failures come back. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readOrderEventsConfig } from '../../../../src/functions/order-events/io/config';
import { EventBridgePublisher } from '../../../../src/functions/order-events/io/eventbridge-publisher';
import { PublishError } from '../../../../src/functions/order-events/ports';
import { createEventBridgeClient } from '../../../../src/functions/runtime/eventbridge-client';

const eb = mockClient(EventBridgeClient);
afterEach(() => eb.reset());

const publisher = () => new EventBridgePublisher(new EventBridgeClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const entry = { EventBusName: 'bus', Source: 'shop.orders', DetailType: 'OrderCreated', Detail: '{"totalAmount":109.97}', Time: new Date(0) };

test('sends the entries as given, with the detail text untouched, and maps the per-entry answer', async () => {
  eb.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
  const out = await publisher().putEvents([entry, { ...entry, Detail: '{}' }]);
  expect(out).toEqual({ entries: [{ eventId: 'e1' }, { errorCode: 'InternalFailure', errorMessage: 'try again' }] });
  expect(eb).toHaveReceivedCommandWith(PutEventsCommand, { Entries: [entry, { ...entry, Detail: '{}' }] });
});

test.each([
  ['throttled', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } }), true],
  ['a 5xx', Object.assign(new Error('oops'), { name: 'InternalException', $fault: 'server', $metadata: { httpStatusCode: 500 } }), true],
  ['a timeout', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), true],
  ['the network', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true],
  ['access denied', Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }), false],
  ['a missing bus', Object.assign(new Error('bus does not exist'), { name: 'ResourceNotFoundException', $fault: 'client', $metadata: { httpStatusCode: 400 } }), false],
])('a call failing with %s rejects with PublishError (transient: %s)', async (_what, error, transient) => {
  eb.on(PutEventsCommand).rejects(error);
  const rejection = await publisher().putEvents([entry]).catch((e) => e);
  expect(rejection).toBeInstanceOf(PublishError);
  expect(rejection.transient).toBe(transient);
  expect(rejection.cause).toBe(error);
});

test('the client has the order handler\'s attempts and time limits', async () => {
  const client = createEventBridgeClient();
  expect(await client.config.maxAttempts()).toBe(3);
  const handler = client.config.requestHandler as unknown as { configProvider: Promise<{ connectionTimeout: number; requestTimeout: number }> };
  expect(await handler.configProvider).toMatchObject({ connectionTimeout: 1000, requestTimeout: 3000 });
});

describe('configuration', () => {
  const required = { ORDER_EVENTS_BUS: 'b', ORDER_EVENTS_SOURCE: 's' };

  test('the bus is required', () => {
    expect(() => readOrderEventsConfig({ ORDER_EVENTS_SOURCE: 's' })).toThrow(/ORDER_EVENTS_BUS must be set/);
  });

  test('the source is required', () => {
    expect(() => readOrderEventsConfig({ ORDER_EVENTS_BUS: 'b' })).toThrow(/ORDER_EVENTS_SOURCE must be set/);
  });

  test('unset level and environment: INFO and the "unknown" dimension value', () => {
    expect(readOrderEventsConfig(required)).toEqual({ busName: 'b', source: 's', metricsDimensionValue: 'unknown', logLevel: 'INFO' });
  });

  test('level and environment as set; the level in any case', () => {
    expect(readOrderEventsConfig({ ...required, LOG_LEVEL: 'debug', ENVIRONMENT: 'prod' }))
      .toEqual({ busName: 'b', source: 's', metricsDimensionValue: 'prod', logLevel: 'DEBUG' });
  });

  test('an unknown LOG_LEVEL fails the cold start, naming the variable and the levels', () => {
    expect(() => readOrderEventsConfig({ ...required, LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL "loud" must be one of DEBUG, INFO, WARN, ERROR');
  });
});
