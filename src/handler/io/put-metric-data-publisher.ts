/**
 * Metrics through the CloudWatch PutMetricData API, for accounts that do not want metric extraction from logs.
 * Only the PutMetricData entry imports this module, so the default bundle carries no CloudWatch client. The call
 * is awaited (a frozen Lambda would otherwise hold it until the next invocation) with short timeouts, and any
 * failure is logged and swallowed: the order is already stored.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { Logger, MetricsPublisher } from '../ports';
import { errorFields } from './logger';

export interface PutMetricDataOptions {
  readonly client: CloudWatchClient;
  readonly namespace: string;
  readonly dimensionName: string;
  readonly dimensionValue: string;
  readonly logger: Logger;
}

export function createPutMetricDataPublisher(opts: PutMetricDataOptions): MetricsPublisher {
  return {
    publish: async (data, properties) => {
      if (data.length === 0) return;
      const timestamp = new Date();
      try {
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
      } catch (e) {
        opts.logger.warn('Metrics not published', { ...errorFields(e), requestId: properties.requestId, orderId: properties.orderId });
      }
    },
  };
}
