/** Order events on the synthesized template: the mapping, the bus and archive, the role's exact permissions, the variants. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { Duration, App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  ORDER_EVENT_SCHEMA_FILE, orderEventDetailSchema, orderEventSchemaText,
  STATUS_CHANGED_SCHEMA_FILE, statusChangedDetailSchema, statusChangedSchemaText,
} from '../../generators/order-event-schema';
import { METRICS_NAMESPACE } from '../../src/contract/platform';
import { stringifyJson } from '../../src/functions/model/json';
import { StoredItem } from '../../src/functions/model/order-view';
import { orderEventDetail, statusChangedDetail } from '../../src/functions/order-events/core/order-event';
import { OrderEvents } from '../../src/internal/order-events';
import { resolveProps } from '../../src/internal/resolve-props';
import { storedOrder } from '../functions/order-events/support';
import { synthPlatform } from '../support/synth';
import { buildVariant, platformOf, templateOf } from '../support/template-cache';

const { template, platform, stack } = platformOf('alert-email');
const ofType = (type: string, t = template) => Object.entries(t.findResources(type)) as [string, any][];
const eventsOnly = (type: string, t = template) => ofType(type, t).filter(([id]) => id.startsWith('OrdersOrderEvents')).map(([, r]) => r);
const one = (type: string, t = template) => {
  const found = eventsOnly(type, t);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('event source mapping', () => {
  test('on the table stream, INSERTs and MODIFYs only, batch failures reported, bisect, bounded retries and age, on-failure queue', () => {
    const m = one('AWS::Lambda::EventSourceMapping').Properties;
    expect(m).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'StreamArn'] },
      FunctionName: { Ref: expect.stringMatching(/^OrdersOrderEventsConsumer/) },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 21600,
      BatchSize: 100,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrderEventsFailureQueue/), 'Arn'] } } },
    });
  });

  test('the on-failure queue is its own, KMS-encrypted with the platform key, TLS only, 14 days', () => {
    const q = one('AWS::SQS::Queue').Properties;
    expect(q).toMatchObject({ KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] }, MessageRetentionPeriod: 1209600 });
    expect(JSON.stringify(one('AWS::SQS::QueuePolicy').Properties)).toContain('aws:SecureTransport');
  });

  test('the consumer: its own bundle, Node.js 24 on ARM64, its role and KMS log group, bus and source in its environment', () => {
    const fn = one('AWS::Lambda::Function').Properties;
    expect(fn).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 60,
      TracingConfig: { Mode: 'Active' },
      Role: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrderEventsRole/), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/^OrdersOrderEventsLogGroup/) } },
      Environment: {
        Variables: {
          ORDER_EVENTS_BUS: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrderEventsBus/), 'Arn'] },
          ORDER_EVENTS_SOURCE: 'ecommerce-orders.orders',
          ENVIRONMENT: 'dev',
          LOG_LEVEL: 'INFO',
        },
      },
    });
    expect(fn.DeadLetterConfig).toBeUndefined();
    expect(one('AWS::Logs::LogGroup').Properties).toMatchObject({
      LogGroupName: '/ecommerce-orders-dev/lambda/order-events', RetentionInDays: 30, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] },
    });
  });
});

describe('bus and archive', () => {
  test('a bus named <projectName>-<suffix>-orders, encrypted with the platform key, exposed as eventBus', () => {
    expect(one('AWS::Events::EventBus').Properties).toMatchObject({
      Name: 'ecommerce-orders-dev-orders', KmsKeyIdentifier: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] },
    });
    expect(stack.resolve(platform.eventBus!.eventBusName)).toEqual({ Ref: expect.stringMatching(/^OrdersOrderEventsBus/) });
  });

  test('an archive of the order events, 30 days by default, on the platform key; retention is a prop', () => {
    expect(one('AWS::Events::Archive').Properties).toMatchObject({
      SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrderEventsBus/), 'Arn'] },
      EventPattern: { source: ['ecommerce-orders.orders'] },
      RetentionDays: 30,
      KmsKeyIdentifier: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] },
    });
    const custom = templateOf('archive-retention'); // orderEventsArchiveRetention: 90 days
    expect(one('AWS::Events::Archive', custom).Properties.RetentionDays).toBe(90);
  });

  test('the key lets EventBridge use it only for this bus (encryption context / source ARN), plus DescribeKey', () => {
    const statements = ofType('AWS::KMS::Key')[0][1].Properties.KeyPolicy.Statement as any[];
    const events = statements.filter((s) => s.Principal?.Service === 'events.amazonaws.com');
    expect(events.map((s) => s.Action).flat().sort()).toEqual(
      ['kms:Decrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:GenerateDataKey', 'kms:ReEncrypt*'].sort());
    for (const s of events.filter((x) => x.Action !== 'kms:DescribeKey')) {
      expect(JSON.stringify(s.Condition.StringEquals['kms:EncryptionContext:aws:events:event-bus:arn'])).toContain(':event-bus/ecommerce-orders-dev-orders');
    }
  });
});

describe('the consumer role: exactly what it does', () => {
  test('PutEvents and DescribeEventBus (priming) on this bus only, stream read, the failure queue, the key, its log group, X-Ray; nothing else', () => {
    const statements = one('AWS::IAM::Policy').Properties.PolicyDocument.Statement as any[];
    const summary = statements.map((s) => [[s.Action].flat().sort().join(','), JSON.stringify(s.Resource)]);
    expect(summary).toEqual(expect.arrayContaining([
      ['events:PutEvents', expect.stringMatching(/OrdersOrderEventsBus.*Arn/)],
      ['events:DescribeEventBus', expect.stringMatching(/OrdersOrderEventsBus.*Arn/)],
      ['dynamodb:DescribeStream,dynamodb:GetRecords,dynamodb:GetShardIterator', expect.stringMatching(/OrdersOrdersTable.*StreamArn/)],
      // TableV2 grants ListStreams on the stream ARN (Table granted it on "*").
      ['dynamodb:ListStreams', expect.stringMatching(/OrdersOrdersTable.*StreamArn/)],
      ['sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage', expect.stringMatching(/OrdersOrderEventsFailureQueue.*Arn/)],
      ['logs:CreateLogStream,logs:PutLogEvents', expect.stringMatching(/OrdersOrderEventsLogGroup/)],
      ['xray:PutTelemetryRecords,xray:PutTraceSegments', '"*"'],
    ]));
    const kms = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
    for (const s of kms) expect(JSON.stringify(s.Resource)).toMatch(/OrdersKey.*Arn/);
    expect(statements).toHaveLength(9);
    const actions = statements.flatMap((s) => [s.Action].flat());
    for (const forbidden of ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'events:*', 'sqs:*', 'cloudwatch:PutMetricData']) {
      expect(actions).not.toContain(forbidden);
    }
    expect(one('AWS::IAM::Role').Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('variants', () => {
  test('orderEventsEnabled: false: no bus, consumer, mapping, queue or alarms; eventBus undefined', () => {
    const off = platformOf('order-events-off');
    for (const type of ['AWS::Events::EventBus', 'AWS::Events::Archive', 'AWS::Lambda::EventSourceMapping']) off.template.resourceCountIs(type, 0);
    off.template.resourceCountIs('AWS::Lambda::Function', 3); // the order handler, the read function, the status-change function
    expect(off.platform.eventBus).toBeUndefined();
    expect(off.platform.alarms.orderEventsIteratorAge).toBeUndefined();
    expect(Object.keys(off.platform.alarms)).toHaveLength(18); // 12 + the read function's 3 + the lifecycle's 3
  });

  test('metricsPublisher PUT_METRIC_DATA: the consumer may call PutMetricData in the platform\'s namespace only', () => {
    const pmd = templateOf('put-metric-data');
    const statements = one('AWS::IAM::Policy', pmd).Properties.PolicyDocument.Statement as any[];
    expect(statements).toHaveLength(10);
    expect(statements.filter((s) => [s.Action].flat().includes('cloudwatch:PutMetricData'))).toEqual([{
      Sid: 'PublishOrderEventsMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': METRICS_NAMESPACE } },
    }]);
  });

  test('a bus passed in: used as given, PutEvents on its ARN, no bus or archive created', () => {
    const byo = platformOf('shared-bus');
    byo.template.resourceCountIs('AWS::Events::EventBus', 0);
    byo.template.resourceCountIs('AWS::Events::Archive', 0);
    const policy = one('AWS::IAM::Policy', byo.template).Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'PublishOrderEvents');
    expect(policy.Resource).toBe('arn:aws:events:us-east-1:222222222222:event-bus/shared');
    expect(one('AWS::Lambda::Function', byo.template).Properties.Environment.Variables.ORDER_EVENTS_BUS).toBe('arn:aws:events:us-east-1:222222222222:event-bus/shared');
    expect(byo.stack.resolve(byo.platform.eventBus!.eventBusArn)).toBe('arn:aws:events:us-east-1:222222222222:event-bus/shared');
  });

  test('an imported key: a synth warning names the EventBridge statements its owner must add', () => {
    const imported = buildVariant('imported-key');
    const warnings = Annotations.fromStack(imported.stack).findWarning('*', Match.stringLikeRegexp('so CDK cannot let EventBridge use it'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].entry.data)).toMatch(/events\.amazonaws\.com.*kms:EncryptionContext:aws:events:event-bus:arn.*ecommerce-orders-dev-orders/);
  });

  test('the IteratorAge threshold is a prop', () => {
    const t = templateOf('iterator-age-threshold'); // orderEventsIteratorAge: 30 s
    const alarm = ofType('AWS::CloudWatch::Alarm', t).map(([, a]) => a.Properties).find((a) => a.AlarmName === 'ecommerce-orders-dev-order-events-iterator-age');
    expect(alarm).toMatchObject({ MetricName: 'IteratorAge', Threshold: 30000, Statistic: 'Maximum' });
  });

  test('works on a TableV2 stream as well (the module needs only ITable and its stream ARN)', () => {
    const app = new App({ analyticsReporting: false });
    const s = new Stack(app, 'V2');
    const key = new Key(s, 'K');
    const table = new TableV2(s, 'T', { partitionKey: { name: 'orderId', type: AttributeType.STRING }, dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES });
    new OrderEvents(s, 'Events', { config: resolveProps({}), table, encryptionKey: key, logGroup: new LogGroup(s, 'L') });
    const [mapping] = Object.values(Template.fromStack(s).findResources('AWS::Lambda::EventSourceMapping')) as any[];
    expect(mapping.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^T[0-9A-F]{8}$/), 'StreamArn'] });
  });
});

describe('impossible props fail at synth, naming them', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['stream off, events on by default', { tableStreamEnabled: false }, /orderEventsEnabled \(default true\) needs the table stream, but tableStreamEnabled is false/],
    ['stream off, events on', { tableStreamEnabled: false, orderEventsEnabled: true }, /orderEventsEnabled needs the table stream/],
    ['archive retention with a bus passed in', { eventBus: 'BUS', orderEventsArchiveRetention: Duration.days(7) }, /orderEventsArchiveRetention applies only to a created bus/],
    ['a bus with events off', { eventBus: 'BUS', orderEventsEnabled: false }, /eventBus is set but orderEventsEnabled is false/],
    ['a fractional retention', { orderEventsArchiveRetention: Duration.hours(36) }, /orderEventsArchiveRetention 1 day 12 hours must be a whole number of days/],
    ['a zero IteratorAge threshold', { alarmThresholds: { orderEventsIteratorAge: Duration.seconds(0) } }, /alarmThresholds.orderEventsIteratorAge must be longer than zero/],
  ])('%s', (_name, props, message) => {
    expect(() => synthPlatform({}, (s) => {
      const resolved: Record<string, unknown> = { ...props };
      if (resolved.eventBus === 'BUS') resolved.eventBus = new EventBus(s, 'Bus');
      return resolved;
    })).toThrow(message);
  });
});

describe('the published event schema', () => {
  test('the committed file is exactly what the generator writes (npx projen schema:events)', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', ORDER_EVENT_SCHEMA_FILE), 'utf8')).toBe(orderEventSchemaText());
  });

  test('an event detail validates against it; one without totalAmountCents or with an extra field does not', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': true } }).compile(orderEventDetailSchema());
    const detail = JSON.parse(stringifyJson(orderEventDetail(storedOrder(1))));
    expect(validate(detail)).toBe(true);
    const { totalAmountCents, ...without } = detail;
    expect(totalAmountCents).toBe(10997);
    expect(validate(without)).toBe(false);
    expect(validate({ ...detail, idempotencyKey: 'k' })).toBe(false);
  });

  test('an order created with the lifecycle\'s attributes still gives exactly the OrderCreated detail the schema allows', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': true } }).compile(orderEventDetailSchema());
    const item = {
      ...storedOrder(1),
      version: { N: '1' },
      statusHistory: { L: [{ M: { status: { S: 'pending' }, at: { S: '2026-01-15T12:00:00.000Z' }, by: { S: 'customer' } } }] },
    };
    const detail = JSON.parse(stringifyJson(orderEventDetail(item)));
    expect(validate(detail)).toBe(true);
    for (const field of ['version', 'statusHistory', 'updatedAt', 'shipment']) expect(detail).not.toHaveProperty(field);
  });

  test('OrderStatusChanged: the committed file is what the generator writes, and a change\'s detail validates against it', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', STATUS_CHANGED_SCHEMA_FILE), 'utf8')).toBe(statusChangedSchemaText());
    const validate = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': true } }).compile(statusChangedDetailSchema());
    const item: StoredItem = {
      ...storedOrder(1),
      status: { S: 'shipped' },
      version: { N: '3' },
      updatedAt: { S: '2026-01-16T09:00:00.000Z' },
      shipment: { M: { carrier: { S: 'UPS' }, trackingNumber: { S: '1Z999' } } },
      statusChangeAudit: { L: [{ M: { status: { S: 'shipped' }, at: { S: '2026-01-16T09:00:00.000Z' }, principal: { S: 'arn:aws:iam::1:role/fulfilment' } } }] },
      statusHistory: {
        L: [
          { M: { status: { S: 'pending' }, at: { S: '2026-01-15T12:00:00.000Z' }, by: { S: 'customer' } } },
          { M: { status: { S: 'confirmed' }, at: { S: '2026-01-15T13:00:00.000Z' }, by: { S: 'service' } } },
          { M: { status: { S: 'shipped' }, at: { S: '2026-01-16T09:00:00.000Z' }, by: { S: 'service' }, reason: { S: 'Left the warehouse' } } },
        ],
      },
    };
    const detail = JSON.parse(stringifyJson(statusChangedDetail('confirmed', item)));
    expect(detail).toEqual({
      schemaVersion: 1,
      orderId: item.orderId.S,
      customerId: item.customerId!.S,
      from: 'confirmed',
      to: 'shipped',
      version: 3,
      reason: 'Left the warehouse',
      shipment: { carrier: 'UPS', trackingNumber: '1Z999' },
      changedAt: '2026-01-16T09:00:00.000Z',
    });
    expect(validate(detail)).toBe(true);
    expect(JSON.stringify(detail)).not.toContain('arn:aws:iam');
    expect(validate({ ...detail, principal: 'x' })).toBe(false);
    expect(validate({ ...detail, to: 'lost' })).toBe(false);
  });

  test('the npm package ships it (schema/ is not npm-ignored)', () => {
    const ignore = fs.readFileSync(path.join(__dirname, '..', '..', '.npmignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignore.filter((l) => /^\/?schema\/?/.test(l))).toEqual([]);
  });
});
