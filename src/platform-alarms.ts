import { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The alarms {@link OrderProcessingPlatform} creates, one property each. Names are
 * `<projectName>-<environmentSuffix>-<what>`. docs/operations.md (Alarms) says what each means and what to do.
 */
export interface PlatformAlarms {
  /** Lambda `Errors` (invocations that threw or crashed). `-lambda-errors` */
  readonly lambdaErrors: IAlarm;
  /** Average Lambda `Duration`. `-lambda-duration` */
  readonly lambdaDuration: IAlarm;
  /** p99 Lambda `Duration` near the timeout. `-lambda-p99-duration` */
  readonly lambdaP99Duration: IAlarm;
  /** Lambda `Throttles` (reserved concurrency exhausted; clients get 5xx). `-lambda-throttles` */
  readonly lambdaThrottles: IAlarm;
  /** `ConcurrentExecutions` near the reserved concurrency. `-lambda-concurrency` */
  readonly lambdaConcurrency: IAlarm;
  /** DynamoDB read + write throttle events of the table and its customer index. `-dynamodb-throttles` */
  readonly dynamoDbThrottles: IAlarm;
  /** DynamoDB `SystemErrors` on every operation the functions call (PutItem, GetItem, Query, UpdateItem). `-dynamodb-system-errors` */
  readonly dynamoDbSystemErrors: IAlarm;
  /** HTTP API `4xx`. `-api-4xx-errors` */
  readonly api4xxErrors: IAlarm;
  /** HTTP API `5xx`. `-api-5xx-errors` */
  readonly api5xxErrors: IAlarm;
  /** HTTP API p99 `Latency`. `-api-p99-latency` */
  readonly apiP99Latency: IAlarm;
  /** Business `OrderErrors` (server faults while taking an order). `-order-errors` */
  readonly orderErrors: IAlarm;
  /** Messages in the failure queue. `-failure-queue-depth` */
  readonly failureQueueDepth: IAlarm;
  /** Read function `Errors` (invocations that threw or crashed); undefined when `readApiEnabled` is false. `-read-api-errors` */
  readonly readApiErrors?: IAlarm;
  /** Read function `Throttles`; undefined when `readApiEnabled` is false. `-read-api-throttles` */
  readonly readApiThrottles?: IAlarm;
  /** Read function p99 `Duration` near the timeout; undefined when `readApiEnabled` is false. `-read-api-p99-duration` */
  readonly readApiP99Duration?: IAlarm;
  /** Status-change function `Errors`; undefined when `orderLifecycleEnabled` is false. `-order-lifecycle-errors` */
  readonly orderLifecycleErrors?: IAlarm;
  /** Status-change function `Throttles`; undefined when `orderLifecycleEnabled` is false. `-order-lifecycle-throttles` */
  readonly orderLifecycleThrottles?: IAlarm;
  /** Status-change function p99 `Duration` near the timeout; undefined when `orderLifecycleEnabled` is false. `-order-lifecycle-p99-duration` */
  readonly orderLifecycleP99Duration?: IAlarm;
  /** Order-events consumer `Errors` (invocations that threw); undefined when order events are off. `-order-events-errors` */
  readonly orderEventsErrors?: IAlarm;
  /** Order-events consumer `IteratorAge` (events delayed); undefined when order events are off. `-order-events-iterator-age` */
  readonly orderEventsIteratorAge?: IAlarm;
  /** Stream batches in the order-events failure queue; undefined when order events are off. `-order-events-failure-queue-depth` */
  readonly orderEventsFailureQueueDepth?: IAlarm;
}
