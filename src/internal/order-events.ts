import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { InterfaceVpcEndpointAwsService } from 'aws-cdk-lib/aws-ec2';
import { Archive, CfnArchive, EventBus, IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, Function as LambdaFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createAlarm, GT, GTE } from './alarms';
import { OrderEventsMetrics } from './metrics';
import { PlatformNetworking } from './networking';
import { createPlatformFunction } from './platform-function';
import { ResolvedProps } from './resolve-props';
import {
  FUNCTION_DEFAULTS, HANDLER_ENV, METRICS_NAMESPACE, ORDER_EVENTS_DEFAULTS, ORDER_EVENTS_ENV, ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES,
  ORDER_EVENTS_STREAM_EVENT_NAMES,
  orderEventSource,
} from '../contract/platform';
import { PlatformAlarms } from '../platform-alarms';
import { MetricsPublisher } from '../props';

/** The order-events alarms, as they join {@link PlatformAlarms}. */
export type OrderEventsAlarms = Required<Pick<PlatformAlarms, 'orderEventsErrors' | 'orderEventsIteratorAge' | 'orderEventsFailureQueueDepth'>>;

export interface OrderEventsProps {
  readonly config: ResolvedProps;
  /** The orders table; only its stream is used, so a `Table` and a `TableV2` both work. */
  readonly table: ITable;
  readonly encryptionKey: IKey;
  /** The consumer's log group, created by the platform like every other (KMS, 30 days). */
  readonly logGroup: ILogGroup;
  /**
   * The platform's place in the VPC, when it has one: the consumer then runs in the same subnets with a security group
   * of its own. Its code calls EventBridge PutEvents, so it needs the `events` interface endpoint (and, with the
   * PutMetricData publisher, CloudWatch's `monitoring` endpoint, which the platform adds for that publisher). It
   * needs none for DynamoDB Streams: the event source mapping is Lambda's own poller, which reads the stream and
   * invokes the function with the records (and sends spent batches to the failure queue), outside the VPC.
   */
  readonly networking?: PlatformNetworking;
}

/**
 * `OrderCreated` events: the bus (created, or the one passed in) with an archive, and the stream consumer that
 * publishes one event per new order, with its own role, failure queue and metrics.
 */
export class OrderEvents extends Construct {
  public readonly bus: IEventBus;
  /** The archive of a created bus; undefined when the bus was passed in. */
  public readonly archive?: Archive;
  /** On-failure destination of the event source mapping: stream batches whose retries were spent. */
  public readonly failureQueue: Queue;
  public readonly role: Role;
  public readonly consumer: LambdaFunction;
  public readonly metrics: OrderEventsMetrics;

  constructor(scope: Construct, id: string, props: OrderEventsProps) {
    super(scope, id);
    const { config, encryptionKey } = props;
    const source = orderEventSource(config.projectName);

    if (config.eventBus) {
      this.bus = config.eventBus;
    } else {
      // EventBus encrypts with a customer managed key (kmsKey, aws-cdk-lib >= 2.161) and adds the key policy
      // statement EventBridge needs (events.amazonaws.com: Decrypt, GenerateDataKey, DescribeKey, scoped to this bus
      // by aws:SourceArn and the encryption context); the archive adds its own. Callers of PutEvents need no KMS
      // permission: EventBridge uses the key as itself.
      const bus = new EventBus(this, 'Bus', {
        eventBusName: `${config.namePrefix}-orders`,
        description: `OrderCreated events of ${config.namePrefix}`,
        kmsKey: encryptionKey,
      });
      bus.applyRemovalPolicy(config.removalPolicy);
      this.archive = new Archive(this, 'Archive', {
        sourceEventBus: bus,
        description: `Replayable OrderCreated events of ${config.namePrefix}`,
        eventPattern: { source: [source] },
        retention: config.orderEventsArchiveRetention,
      });
      // The archive is encrypted with the platform key too. Archive's own kmsKey prop would add a key statement on
      // the bus's GetAtt ARN (key -> bus -> key, a cycle), so the key is set on the L1 and the statement below names
      // the bus by its known ARN instead.
      (this.archive.node.defaultChild as CfnArchive).kmsKeyIdentifier = encryptionKey.keyArn;
      const busArn = Stack.of(this).formatArn({ service: 'events', resource: 'event-bus', resourceName: `${config.namePrefix}-orders` });
      for (const statement of archiveKeyStatements(busArn)) encryptionKey.addToResourcePolicy(statement);
      this.archive.applyRemovalPolicy(config.removalPolicy);
      this.bus = bus;
      if (config.encryptionKey) {
        Annotations.of(this).addWarningV2('cdk-order-processing-platform:importedKeyEventBus',
          'encryptionKey is imported, so CDK cannot let EventBridge use it. Its owner must allow principal ' +
          'events.amazonaws.com kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey (and kms:ReEncrypt* for the archive) ' +
          `with aws:SourceArn / kms:EncryptionContext:aws:events:event-bus:arn = the ARN of event bus ${config.namePrefix}-orders, ` +
          'or the bus and its archive cannot encrypt events.');
      }
    }

    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: encryptionKey,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      removalPolicy: config.removalPolicy,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${config.namePrefix} order-events consumer`,
    });
    props.logGroup.grantWrite(this.role);
    this.role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'PublishOrderEvents',
      actions: ['events:PutEvents'],
      resources: [this.bus.eventBusArn],
    }));
    // The consumer primes its EventBridge client during init with DescribeEventBus on this bus: a read that publishes
    // nothing (src/functions/runtime/prime.ts).
    this.role.addToPrincipalPolicy(new PolicyStatement({
      sid: 'PrimeEventBridgeClient',
      actions: ['events:DescribeEventBus'],
      resources: [this.bus.eventBusArn],
    }));

    // The consumer's business metrics follow metricsPublisher, as the order handler's do.
    if (config.metricsPublisher === MetricsPublisher.PUT_METRIC_DATA) {
      this.role.addToPrincipalPolicy(new PolicyStatement({
        sid: 'PublishOrderEventsMetrics',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'], // PutMetricData has no resource-level permissions; the namespace condition scopes it.
        conditions: { StringEquals: { 'cloudwatch:namespace': METRICS_NAMESPACE } },
      }));
    }

    props.networking?.addInterfaceEndpoint(InterfaceVpcEndpointAwsService.EVENTBRIDGE);
    this.consumer = createPlatformFunction(this, 'Consumer', {
      description: `Publishes an OrderCreated event per new order and an OrderStatusChanged per status change of ${config.namePrefix}`,
      bundle: ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES[config.metricsPublisher],
      bundleLabel: 'order-events',
      networkingName: 'OrderEvents',
      networking: props.networking,
      memorySize: FUNCTION_DEFAULTS.memorySizeMb,
      timeout: Duration.seconds(ORDER_EVENTS_DEFAULTS.timeoutSeconds),
      role: this.role,
      logGroup: props.logGroup,
      environment: {
        [ORDER_EVENTS_ENV.bus]: this.bus.eventBusArn,
        [ORDER_EVENTS_ENV.source]: source,
        [HANDLER_ENV.environment]: config.nameSuffix,
        [HANDLER_ENV.logLevel]: config.logLevel,
      },
    });
    // Grants the stream read (and kms:Decrypt on the table key) and, through SqsDlq, sending to the failure queue.
    this.consumer.addEventSource(new DynamoEventSource(props.table, {
      // From the oldest record the stream holds: orders stored before the mapping existed get their events too.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: ORDER_EVENTS_DEFAULTS.batchSize,
      // Lambda event filtering: new and changed orders only; TTL deletes never invoke (or bill) the consumer. A
      // change that leaves the status as it was still invokes it, and publishes nothing.
      filters: [FilterCriteria.filter({ eventName: FilterRule.or(...ORDER_EVENTS_STREAM_EVENT_NAMES) })],
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: ORDER_EVENTS_DEFAULTS.retryAttempts,
      maxRecordAge: Duration.seconds(ORDER_EVENTS_DEFAULTS.maxRecordAgeSeconds),
      onFailure: new SqsDlq(this.failureQueue),
    }));
    this.metrics = new OrderEventsMetrics(this.consumer, this.failureQueue, config.nameSuffix);
  }

  /**
   * The consumer's alarms. A record EventBridge rejects is retried, not an error, so it shows up as IteratorAge;
   * Errors means the function itself failed (a bug or its configuration); anything in the failure queue is a stream
   * batch whose retries were spent. The rule metrics FailedInvocations and InvocationsFailedToBeSentToDlq describe
   * deliveries by rules to targets: the platform owns no rule on the bus, so those alarms belong to each consumer's
   * rule (docs/events.md, Subscribing).
   */
  public createAlarms(config: ResolvedProps, topic: ITopic): OrderEventsAlarms {
    const ageMs = config.alarmThresholds.orderEventsIteratorAge.toMilliseconds();
    const action = new SnsAction(topic);
    return {
      orderEventsErrors: createAlarm(this, {
        nameSuffix: 'order-events-errors',
        description: 'The order-events consumer failed (Lambda Errors >= 1 in 5 min): its batch is retried whole; events are delayed until it succeeds.',
        metric: this.metrics.errors(),
        threshold: 1,
        comparison: GTE,
        evaluationPeriods: 1,
      }, config, action),
      orderEventsIteratorAge: createAlarm(this, {
        nameSuffix: 'order-events-iterator-age',
        description: `OrderCreated events are delayed: the consumer's IteratorAge (maximum) is above ${ageMs} ms. PutEvents is failing or throttled, or records are being retried.`,
        metric: this.metrics.iteratorAge(),
        threshold: ageMs,
        comparison: GT,
        evaluationPeriods: 1,
      }, config, action),
      orderEventsFailureQueueDepth: createAlarm(this, {
        nameSuffix: 'order-events-failure-queue-depth',
        description: 'Stream batches whose retries were spent wait in the order-events failure queue (>= 1 message): those orders have no OrderCreated event yet.',
        metric: this.metrics.failureQueueDepth(),
        threshold: 1,
        comparison: GTE,
        evaluationPeriods: 1,
      }, config, action),
    };
  }
}

/**
 * Lets EventBridge use the key for the bus's archive: data keys only under this bus's encryption context, and
 * DescribeKey (key metadata, which carries no encryption context to condition on), as aws-cdk-lib's Archive grants.
 */
function archiveKeyStatements(busArn: string): PolicyStatement[] {
  const principals = [new ServicePrincipal('events.amazonaws.com')];
  return [
    new PolicyStatement({
      sid: 'AllowEventBridgeArchiveOfOrderEventsBus',
      effect: Effect.ALLOW,
      principals,
      actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncrypt*'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': busArn } },
    }),
    new PolicyStatement({
      sid: 'AllowEventBridgeDescribeKey',
      effect: Effect.ALLOW,
      principals,
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }),
  ];
}

