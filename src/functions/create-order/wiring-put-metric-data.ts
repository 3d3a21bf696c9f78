/**
 * The PutMetricData bundle's wiring (entry-put-metric-data.ts is its entry), chosen at synth with the construct's
 * metricsPublisher prop. Same handler; metrics go through the CloudWatch API instead of EMF. The CloudWatch client is
 * not primed: the function may only call PutMetricData, and no such call leaves the metrics untouched; the init's
 * rehearsal of an order publishes nothing.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { wireOrderHandler } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { collectNodeStream, httpHandler } from '../runtime/aws-clients';
import { MetricsSink } from '../runtime/ports';
import { createPutMetricDataPublisher } from '../runtime/put-metric-data-publisher';

/** Metrics must not hold up an order response for long: one retry, 1 s per attempt. */
const METRICS_REQUEST_TIMEOUT_MS = 1_000;

/** The rehearsal's sink (wiring.ts): the rehearsed order must not reach CloudWatch. */
const NO_METRICS: MetricsSink = { publish: async () => undefined };

export const { handler, prime } = wireOrderHandler((config, _logger, rehearsal) => rehearsal ? NO_METRICS : createPutMetricDataPublisher({
  client: new CloudWatchClient({
    maxAttempts: 2, requestHandler: httpHandler(METRICS_REQUEST_TIMEOUT_MS), streamCollector: collectNodeStream,
  }),
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
}));
