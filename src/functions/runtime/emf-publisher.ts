/**
 * Metrics in CloudWatch's embedded metric format: one JSON line per order on stdout, which CloudWatch Logs turns
 * into metrics asynchronously. No API call on the request path, no cloudwatch:PutMetricData permission, and a
 * fraction of its cost (both estimated per million orders in bench/results/latest.md). Spec:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
import { LineWriter, stdoutWriter } from './logger';
import { MetricDatum, MetricsSink } from './ports';

export interface EmfOptions {
  readonly namespace: string;
  readonly dimensionName: string;
  readonly dimensionValue: string;
  readonly write?: LineWriter;
  readonly now?: () => number;
}

/** Builds one EMF document. Properties (requestId, orderId) are searchable in Logs Insights but are not dimensions. */
export function emfDocument(opts: EmfOptions, data: readonly MetricDatum[], properties: Readonly<Record<string, string>>, nowMs: number) {
  const doc: Record<string, unknown> = {
    ...properties,
    _aws: {
      Timestamp: nowMs,
      CloudWatchMetrics: [{
        Namespace: opts.namespace,
        Dimensions: [[opts.dimensionName]],
        Metrics: data.map((d) => ({ Name: d.name, Unit: d.unit })),
      }],
    },
    [opts.dimensionName]: opts.dimensionValue,
  };
  for (const d of data) doc[d.name] = d.value;
  return doc;
}

export function createEmfPublisher(opts: EmfOptions): MetricsSink {
  const write = opts.write ?? stdoutWriter;
  const now = opts.now ?? Date.now;
  return {
    publish: async (data, properties) => {
      if (data.length === 0) return;
      write(JSON.stringify(emfDocument(opts, data, properties, now())));
    },
  };
}
