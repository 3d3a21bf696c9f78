import { Duration } from 'aws-cdk-lib';
import { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { IMetric, MathExpression, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { BUSINESS_METRICS, METRICS_DIMENSION, METRICS_NAMESPACE, ORDER_EVENTS_METRICS } from '../contract/platform';

/** The period of every alarm and dashboard graph. */
export const PERIOD = Duration.minutes(5);

/**
 * Every metric the alarms and the dashboard read, built in one place with the names and dimensions each service
 * really publishes (HTTP APIs: `4xx`/`5xx`/`Latency` with ApiId + Stage, not REST's `4XXError` with ApiName;
 * DynamoDB: `ReadThrottleEvents`/`WriteThrottleEvents` with TableName, `SystemErrors` with TableName + Operation).
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

  /** Read + write throttle events; FILL(…, 0) because DynamoDB publishes them only when they happen. */
  dynamoDbThrottleEvents(): IMetric {
    return new MathExpression({
      expression: 'FILL(readThrottles, 0) + FILL(writeThrottles, 0)',
      usingMetrics: {
        readThrottles: this.tableMetric('ReadThrottleEvents', {}),
        writeThrottles: this.tableMetric('WriteThrottleEvents', {}),
      },
      label: 'Throttle events (read + write)',
      period: PERIOD,
    });
  }

  /** Server-side errors of the operations that take and change orders (the handler's two, the status change's one). */
  dynamoDbSystemErrors(): IMetric {
    return new MathExpression({
      expression: 'FILL(putErrors, 0) + FILL(getErrors, 0) + FILL(updateErrors, 0)',
      usingMetrics: {
        putErrors: this.tableMetric('SystemErrors', { Operation: 'PutItem' }),
        getErrors: this.tableMetric('SystemErrors', { Operation: 'GetItem' }),
        updateErrors: this.tableMetric('SystemErrors', { Operation: 'UpdateItem' }),
      },
      label: 'System errors (PutItem + GetItem + UpdateItem)',
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
