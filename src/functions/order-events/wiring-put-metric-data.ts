/**
 * The PutMetricData consumer bundle's wiring (entry-put-metric-data.ts is its entry), chosen at synth with the
 * construct's metricsPublisher prop, as for the order handler: metrics through the kit's CloudWatch client; the
 * init's rehearsal publishes nothing.
 */
import { wireOrderEvents } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { createMetricsCloudWatchClient, createPutMetricDataPublisher, NO_METRICS } from '../runtime/put-metric-data-publisher';

export const { handler, prime } = wireOrderEvents((config, rehearsal) => rehearsal ? NO_METRICS : createPutMetricDataPublisher({
  client: createMetricsCloudWatchClient(),
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
}));
