import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, IMetric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { PlatformMetrics } from './metrics';
import { ResolvedProps } from './resolve-props';
import { PlatformAlarms } from '../platform-alarms';

export interface AlarmSpec {
  /** Appended to the name prefix for the alarm name, and to "Alarm-" for the construct id (e.g. `lambda-errors`). */
  readonly nameSuffix: string;
  readonly description: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  readonly evaluationPeriods: number;
}

/** The alarms every platform has; optional members of PlatformAlarms belong to optional parts (created elsewhere). */
type AlwaysCreated = { [K in keyof PlatformAlarms as undefined extends PlatformAlarms[K] ? never : K]-?: AlarmSpec };

export const GT = ComparisonOperator.GREATER_THAN_THRESHOLD;
export const GTE = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

/**
 * Creates the platform's alarms. Every metric here is published only while there is traffic (or, for counters, only
 * when something happens), so missing data means "nothing to report" and is treated as not breaching; each metric's
 * name and dimensions are checked against the services' documentation in test/construct/alarms.test.ts, so an
 * alarm cannot sit in OK forever on a metric that does not exist.
 */
export function createAlarms(
  scope: Construct,
  metrics: PlatformMetrics,
  props: ResolvedProps,
  topic: ITopic,
): PlatformAlarms {
  const t = props.alarmThresholds;
  const ms = (d: Duration) => d.toMilliseconds();
  const specs: AlwaysCreated = {
    lambdaErrors: {
      nameSuffix: 'lambda-errors',
      description: `Order handler invocations failed (Lambda Errors > ${t.lambdaErrors} in 5 min, twice): unhandled exceptions, timeouts or crashes.`,
      metric: metrics.lambdaErrors(),
      threshold: t.lambdaErrors,
      comparison: GT,
      evaluationPeriods: 2,
    },
    lambdaDuration: {
      nameSuffix: 'lambda-duration',
      description: `Order handler average duration above ${ms(t.lambdaAverageDuration)} ms for 15 min: DynamoDB is slow or calls are retrying.`,
      metric: metrics.lambdaDuration(Stats.AVERAGE),
      threshold: ms(t.lambdaAverageDuration),
      comparison: GT,
      evaluationPeriods: 3,
    },
    lambdaP99Duration: {
      nameSuffix: 'lambda-p99-duration',
      description: `Order handler p99 duration above ${ms(t.lambdaP99Duration)} ms (timeout ${ms(props.timeout)} ms) for 15 min.`,
      metric: metrics.lambdaDuration(Stats.p(99)),
      threshold: ms(t.lambdaP99Duration),
      comparison: GT,
      evaluationPeriods: 3,
    },
    lambdaThrottles: {
      nameSuffix: 'lambda-throttles',
      description: `Order handler throttled (Throttles >= ${t.lambdaThrottles} in 5 min): reserved concurrency ${props.reservedConcurrency} exhausted, clients get 5xx.`,
      metric: metrics.lambdaThrottles(),
      threshold: t.lambdaThrottles,
      comparison: GTE,
      evaluationPeriods: 1,
    },
    lambdaConcurrency: {
      nameSuffix: 'lambda-concurrency',
      description: `Order handler concurrency reached ${Math.round(t.concurrencyUtilization * 100)}% of its reserved ${props.reservedConcurrency}.`,
      metric: metrics.lambdaConcurrentExecutions(),
      threshold: Math.max(1, Math.floor(props.reservedConcurrency * t.concurrencyUtilization)),
      comparison: GTE,
      evaluationPeriods: 1,
    },
    dynamoDbThrottles: {
      nameSuffix: 'dynamodb-throttles',
      description: `Orders table throttled (read + write throttle events >= ${t.dynamoDbThrottles} in 5 min, twice).`,
      metric: metrics.dynamoDbThrottleEvents(),
      threshold: t.dynamoDbThrottles,
      comparison: GTE,
      evaluationPeriods: 2,
    },
    dynamoDbSystemErrors: {
      nameSuffix: 'dynamodb-system-errors',
      description: `DynamoDB returned server errors on the orders table (SystemErrors >= ${t.dynamoDbSystemErrors} in 5 min).`,
      metric: metrics.dynamoDbSystemErrors(),
      threshold: t.dynamoDbSystemErrors,
      comparison: GTE,
      evaluationPeriods: 1,
    },
    api4xxErrors: {
      nameSuffix: 'api-4xx-errors',
      description: `HTTP API 4xx responses above ${t.api4xxErrors} per 5 min for 15 min: a client is sending bad requests or is throttled (429).`,
      metric: metrics.api4xx(),
      threshold: t.api4xxErrors,
      comparison: GT,
      evaluationPeriods: 3,
    },
    api5xxErrors: {
      nameSuffix: 'api-5xx-errors',
      description: `HTTP API 5xx responses above ${t.api5xxErrors} per 5 min, twice: orders are not being taken.`,
      metric: metrics.api5xx(),
      threshold: t.api5xxErrors,
      comparison: GT,
      evaluationPeriods: 2,
    },
    apiP99Latency: {
      nameSuffix: 'api-p99-latency',
      description: `HTTP API p99 latency above ${ms(t.apiP99Latency)} ms for 15 min.`,
      metric: metrics.apiLatency(Stats.p(99)),
      threshold: ms(t.apiP99Latency),
      comparison: GT,
      evaluationPeriods: 3,
    },
    orderErrors: {
      nameSuffix: 'order-errors',
      description: `The handler reported server faults while taking orders (OrderErrors >= ${t.orderErrors} in 5 min).`,
      metric: metrics.business('orderErrors'),
      threshold: t.orderErrors,
      comparison: GTE,
      evaluationPeriods: 1,
    },
    failureQueueDepth: {
      nameSuffix: 'failure-queue-depth',
      description: `Failed asynchronous invocations are waiting in the failure queue (>= ${t.failureQueueDepth} messages).`,
      metric: metrics.failureQueueDepth(),
      threshold: t.failureQueueDepth,
      comparison: GTE,
      evaluationPeriods: 1,
    },
  };

  const action = new SnsAction(topic);
  const alarms = {} as Record<keyof AlwaysCreated, Alarm>;
  for (const [key, spec] of Object.entries(specs) as [keyof AlwaysCreated, AlarmSpec][]) {
    alarms[key] = createAlarm(scope, spec, props, action);
  }
  return alarms;
}

/** One alarm with the platform's conventions: named `<namePrefix>-<what>`, missing data not breaching, ALARM and OK actions. */
export function createAlarm(scope: Construct, spec: AlarmSpec, props: ResolvedProps, action: SnsAction): Alarm {
  const alarm = new Alarm(scope, `Alarm-${spec.nameSuffix}`, {
    alarmName: `${props.namePrefix}-${spec.nameSuffix}`,
    alarmDescription: spec.description,
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: spec.comparison,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.evaluationPeriods,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    actionsEnabled: props.alarmActionsEnabled,
  });
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}

/** Who a function behind the HTTP API is, for its alarms' names and descriptions. */
export interface ApiFunctionAlarmNames {
  /** Alarm name part before `-errors`, `-throttles`, `-p99-duration`, e.g. `read-api`. */
  readonly nameSuffix: string;
  /** The function in a description, e.g. `Read function`. */
  readonly what: string;
  /** Who gets a 5xx when it is throttled, e.g. `readers`. */
  readonly callers: string;
}

/**
 * The three alarms every function behind the HTTP API has besides order intake's own set: errors, throttles (it has
 * no reserved concurrency, so the account's unreserved pool can run out) and p99 duration.
 */
export function apiFunctionAlarms(scope: Construct, metrics: PlatformMetrics, names: ApiFunctionAlarmNames, config: ResolvedProps, topic: ITopic) {
  const t = config.alarmThresholds;
  const ms = t.lambdaP99Duration.toMilliseconds();
  const action = new SnsAction(topic);
  return {
    errors: createAlarm(scope, {
      nameSuffix: `${names.nameSuffix}-errors`,
      description: `${names.what} invocations failed (Lambda Errors > ${t.lambdaErrors} in 5 min, twice): unhandled exceptions, timeouts or crashes.`,
      metric: metrics.lambdaErrors(),
      threshold: t.lambdaErrors,
      comparison: GT,
      evaluationPeriods: 2,
    }, config, action),
    throttles: createAlarm(scope, {
      nameSuffix: `${names.nameSuffix}-throttles`,
      description: `${names.what} throttled (Throttles >= ${t.lambdaThrottles} in 5 min): the account's unreserved concurrency is exhausted, ${names.callers} get 5xx.`,
      metric: metrics.lambdaThrottles(),
      threshold: t.lambdaThrottles,
      comparison: GTE,
      evaluationPeriods: 1,
    }, config, action),
    p99Duration: createAlarm(scope, {
      nameSuffix: `${names.nameSuffix}-p99-duration`,
      description: `${names.what} p99 duration above ${ms} ms (timeout ${config.timeout.toMilliseconds()} ms) for 15 min.`,
      metric: metrics.lambdaDuration(Stats.p(99)),
      threshold: ms,
      comparison: GT,
      evaluationPeriods: 3,
    }, config, action),
  };
}
