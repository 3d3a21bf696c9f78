/**
 * The metrics the services publish, with the dimension sets they publish them under, taken from the AWS
 * documentation. CloudWatch matches a metric only by its exact dimension set, so an alarm on any other combination
 * never receives data (as with the original specification's API alarms, on REST API metric names with `ApiName`,
 * and its DynamoDB throttle alarm, on `ThrottledRequests` by `TableName` alone).
 *
 * - Lambda: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 *   (Errors, Throttles, Invocations, Duration by FunctionName; ConcurrentExecutions by FunctionName for functions
 *   with reserved concurrency).
 * - HTTP APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 *   (4xx, 5xx, Count, Latency, IntegrationLatency, DataProcessed by ApiId, or ApiId + Stage).
 * - DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
 *   (ReadThrottleEvents/WriteThrottleEvents by TableName, or TableName + GlobalSecondaryIndexName for an index;
 *   ConsumedWriteCapacityUnits by TableName; SystemErrors,
 *   SuccessfulRequestLatency and ThrottledRequests by TableName + Operation).
 * - SQS: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
 *   (ApproximateNumberOfMessagesVisible, ApproximateAgeOfOldestMessage by QueueName).
 *   Errors and IteratorAge by FunctionName for the order-events consumer (IteratorAge: stream event sources only).
 * - ECommerce/OrderProcessing: our handler's business metrics, the status-change function's and the order-events consumer's counters, by
 *   Environment (src/contract/platform.ts).
 */
export const PUBLISHED_METRICS: Record<string, Record<string, string[][]>> = {
  'AWS/Lambda': {
    Errors: [['FunctionName']],
    Throttles: [['FunctionName']],
    Invocations: [['FunctionName']],
    Duration: [['FunctionName']],
    ConcurrentExecutions: [['FunctionName']],
    IteratorAge: [['FunctionName']],
  },
  'AWS/ApiGateway': Object.fromEntries(['4xx', '5xx', 'Count', 'Latency', 'IntegrationLatency', 'DataProcessed']
    .map((m) => [m, [['ApiId'], ['ApiId', 'Stage']]])),
  'AWS/DynamoDB': {
    // The table alone, or one of its global secondary indexes: the table's counts leave out its indexes' throttles.
    ReadThrottleEvents: [['TableName'], ['TableName', 'GlobalSecondaryIndexName']],
    WriteThrottleEvents: [['TableName'], ['TableName', 'GlobalSecondaryIndexName']],
    ConsumedWriteCapacityUnits: [['TableName']],
    SystemErrors: [['Operation', 'TableName']],
    SuccessfulRequestLatency: [['Operation', 'TableName']],
    ThrottledRequests: [['Operation', 'TableName']],
  },
  'AWS/SQS': {
    ApproximateNumberOfMessagesVisible: [['QueueName']],
    ApproximateAgeOfOldestMessage: [['QueueName']],
  },
  'ECommerce/OrderProcessing': {
    OrdersProcessed: [['Environment']],
    OrderValue: [['Environment']],
    OrderErrors: [['Environment']],
    OrderEventsPublished: [['Environment']],
    OrderEventsUnpublishable: [['Environment']],
    OrderStatusChanges: [['Environment']],
    OrdersCancelled: [['Environment']],
  },
};

/** True when the service publishes `metric` in `namespace` under exactly `dimensions` (names, any order). */
export function isPublished(namespace: string, metric: string, dimensions: string[]): boolean {
  const sets = PUBLISHED_METRICS[namespace]?.[metric];
  const wanted = [...dimensions].sort().join(',');
  return !!sets?.some((set) => [...set].sort().join(',') === wanted);
}
