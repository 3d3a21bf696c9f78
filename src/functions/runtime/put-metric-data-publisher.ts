/**
 * Metrics through the CloudWatch PutMetricData API, for accounts that do not want metric extraction from logs.
 * Only the PutMetricData entry imports this module, so the default bundle carries no CloudWatch client. The call
 * is awaited (a frozen Lambda would otherwise hold it until the next invocation) with the short timeouts the entry
 * gives its client; a failure rejects, and the order logic logs it and answers as if nothing happened.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { clientSettings, deadlineHttpHandler, withCallMarks } from './aws-clients';
import { MetricsSink } from './ports';

/** Metrics must not hold up a function's answer for long: one retry, 1 s per attempt. */
export const METRICS_REQUEST_TIMEOUT_MS = 1_000;

/**
 * The CloudWatch client every PutMetricData bundle publishes with, built like the kit's other clients so that the
 * init's rehearsal can publish through it with its calls answered in process (answeredInProcess): the first real
 * PutMetricData then finds its code compiled and its middleware built. It is not primed over the network: the
 * functions may only call PutMetricData, and no such call leaves the metrics untouched.
 */
export function createMetricsCloudWatchClient(): CloudWatchClient {
  const settings = { ...clientSettings(), maxAttempts: 2, requestHandler: deadlineHttpHandler(METRICS_REQUEST_TIMEOUT_MS) };
  return withCallMarks(new CloudWatchClient(settings));
}

export interface PutMetricDataOptions {
  readonly client: Pick<CloudWatchClient, 'send'>;
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
