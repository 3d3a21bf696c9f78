import { Duration } from 'aws-cdk-lib';
import { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { IMetric, MathExpression, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { ORDERS_TABLE } from '../contract/orders-table';
import { BUSINESS_METRICS, METRICS_DIMENSION, METRICS_NAMESPACE, ORDER_EVENTS_METRICS } from '../contract/platform';

/**
 * Every DynamoDB operation the platform's functions call on the orders table: the order handler PutItem and GetItem,
 * the read function GetItem and Query, the status change UpdateItem. A function that calls another one adds it here, or its server errors go
 * unalarmed (test/construct/alarms.test.ts compares this with the dynamodb actions the roles are granted).
 */
export const TABLE_OPERATIONS = ['PutItem', 'GetItem', 'Query', 'UpdateItem'];

/** The period of every alarm and dashboard graph. */
export const PERIOD = Duration.minutes(5);

/**
 * Every metric the alarms and the dashboard read, built in one place with the names and dimensions each service
 * really publishes (HTTP APIs: `4xx`/`5xx`/`Latency` with ApiId + Stage, not REST's `4XXError` with ApiName;
 * DynamoDB: `ReadThrottleEvents`/`WriteThrottleEvents` with TableName (and GlobalSecondaryIndexName for an index), `SystemErrors` with TableName + Operation).
 */
export class PlatformMetrics {
  constructor(
    private readonly fn: IFunction,
    private readonly stage: IHttpStage,
    private readonly table: ITable,
    private readonly queue: IQueue,
    private readonly metricsDimensionValue: string,
  ) {}

  lambdaInvocations(): IMetric { return this.fn.metricInvocations({ period: PERIOD, statistic: Stats.SUM }); }
  lambdaErrors(): IMetric { return this.fn.metricErrors({ period: PERIOD, statistic: Stats.SUM }); }
  lambdaThrottles(): IMetric { return this.fn.metricThrottles({ period: PERIOD, statistic: Stats.SUM }); }
  lambdaDuration(statistic: string): IMetric { return this.fn.metricDuration({ period: PERIOD, statistic }); }
  lambdaConcurrentExecutions(): IMetric {
    // Published per function for functions with reserved concurrency, which this one always has.
    return this.fn.metric('ConcurrentExecutions', { period: PERIOD, statistic: Stats.MAXIMUM });
  }

  apiRequests(): IMetric { return this.stage.metricCount({ period: PERIOD, statistic: Stats.SUM }); }
  api4xx(): IMetric { return this.stage.metricClientError({ period: PERIOD, statistic: Stats.SUM }); }
  api5xx(): IMetric { return this.stage.metricServerError({ period: PERIOD, statistic: Stats.SUM }); }
  apiLatency(statistic: string): IMetric { return this.stage.metricLatency({ period: PERIOD, statistic }); }

  /**
   * Read + write throttle events of the table and of its customer index, which DynamoDB reports apart (TableName +
   * GlobalSecondaryIndexName): a throttled index query never shows in the table's own counts. FILL(…, 0) because
   * DynamoDB publishes them only when they happen.
   */
  dynamoDbThrottleEvents(): IMetric {
    const index = { GlobalSecondaryIndexName: ORDERS_TABLE.customerIndexName };
    return new MathExpression({
      expression: 'FILL(readThrottles, 0) + FILL(writeThrottles, 0) + FILL(indexReadThrottles, 0) + FILL(indexWriteThrottles, 0)',
      usingMetrics: {
        readThrottles: this.tableMetric('ReadThrottleEvents', {}),
        writeThrottles: this.tableMetric('WriteThrottleEvents', {}),
        indexReadThrottles: this.tableMetric('ReadThrottleEvents', index),
        indexWriteThrottles: this.tableMetric('WriteThrottleEvents', index),
      },
      label: `Throttle events (read + write, table and ${ORDERS_TABLE.customerIndexName})`,
      period: PERIOD,
    });
  }

  /** Server-side errors of every operation the platform's functions call on the table (TABLE_OPERATIONS). */
  dynamoDbSystemErrors(): IMetric {
    const usingMetrics = Object.fromEntries(TABLE_OPERATIONS.map((op) => [`errors${op}`, this.tableMetric('SystemErrors', { Operation: op })]));
    return new MathExpression({
      expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
      usingMetrics,
      label: `System errors (${TABLE_OPERATIONS.join(' + ')})`,
      period: PERIOD,
    });
  }

  dynamoDbWriteCapacity(): IMetric { return this.tableMetric('ConsumedWriteCapacityUnits', {}); }
  dynamoDbPutLatency(): IMetric {
    return this.tableMetric('SuccessfulRequestLatency', { Operation: 'PutItem' }, Stats.p(99));
  }

  failureQueueDepth(): IMetric {
    return this.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: Stats.MAXIMUM });
  }
  failureQueueAge(): IMetric {
    return this.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: Stats.MAXIMUM });
  }

  business(name: keyof typeof BUSINESS_METRICS, statistic: string = Stats.SUM): IMetric {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: BUSINESS_METRICS[name],
      dimensionsMap: { [METRICS_DIMENSION]: this.metricsDimensionValue },
      period: PERIOD,
      statistic,
    });
  }

  private tableMetric(metricName: string, extra: Record<string, string>, statistic: string = Stats.SUM): Metric {
    return new Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: { TableName: this.table.tableName, ...extra },
      period: PERIOD,
      statistic,
    });
  }
}

/**
 * The metrics of the order-events consumer: Lambda's own (Errors, and IteratorAge, which Lambda publishes for
 * stream event sources by FunctionName), its failure queue, and its business counters (EMF, by Environment).
 */
export class OrderEventsMetrics {
  constructor(
    private readonly fn: IFunction,
    private readonly queue: IQueue,
    private readonly metricsDimensionValue: string,
  ) {}

  errors(): IMetric { return this.fn.metricErrors({ period: PERIOD, statistic: Stats.SUM }); }
  invocations(): IMetric { return this.fn.metricInvocations({ period: PERIOD, statistic: Stats.SUM }); }
  iteratorAge(statistic: string = Stats.MAXIMUM): IMetric {
    return this.fn.metric('IteratorAge', { period: PERIOD, statistic });
  }
  failureQueueDepth(): IMetric {
    return this.queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: Stats.MAXIMUM });
  }
  counter(name: keyof typeof ORDER_EVENTS_METRICS): IMetric {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: ORDER_EVENTS_METRICS[name],
      dimensionsMap: { [METRICS_DIMENSION]: this.metricsDimensionValue },
      period: PERIOD,
      statistic: Stats.SUM,
    });
  }
}
