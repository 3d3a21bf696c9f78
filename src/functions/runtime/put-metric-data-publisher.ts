/**
 * Metrics through the CloudWatch PutMetricData API, for accounts that do not want metric extraction from logs.
 * Only the PutMetricData entry imports this module, so the default bundle carries no CloudWatch client. The call
 * is awaited (a frozen Lambda would otherwise hold it until the next invocation) with the short timeouts the entry
 * gives its client; a failure rejects, and the order logic logs it and answers as if nothing happened.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { collectNodeStream, httpHandler } from './aws-clients';
import { MetricsSink } from './ports';

/** Metrics must not hold up a function's answer for long: one retry, 1 s per attempt. */
export const METRICS_REQUEST_TIMEOUT_MS = 1_000;

/**
 * The CloudWatch client every PutMetricData bundle publishes with. It is not primed: the functions may only call
 * PutMetricData, and no such call leaves the metrics untouched.
 */
export function createMetricsCloudWatchClient(): CloudWatchClient {
  return new CloudWatchClient({ maxAttempts: 2, requestHandler: httpHandler(METRICS_REQUEST_TIMEOUT_MS), streamCollector: collectNodeStream });
}

/** A rehearsal's sink in a PutMetricData bundle: the rehearsed request must not reach CloudWatch. */
export const NO_METRICS: MetricsSink = { publish: async () => undefined };

export interface PutMetricDataOptions {
  readonly client: CloudWatchClient;
  readonly namespace: string;
  readonly dimensionName: string;
  readonly dimensionValue: string;
}

export function createPutMetricDataPublisher(opts: PutMetricDataOptions): MetricsSink {
  return {
    // Properties (requestId, orderId) have no place in PutMetricData: they are not dimensions.
    publish: async (data) => {
      if (data.length === 0) return;
      const timestamp = new Date();
      await opts.client.send(new PutMetricDataCommand({
        Namespace: opts.namespace,
        MetricData: data.map((d) => ({
          MetricName: d.name,
          Value: d.value,
          Unit: d.unit,
          Timestamp: timestamp,
          Dimensions: [{ Name: opts.dimensionName, Value: opts.dimensionValue }],
        })),
      }));
    },
  };
}
