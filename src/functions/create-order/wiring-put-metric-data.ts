/**
 * The PutMetricData bundle's wiring (entry-put-metric-data.ts is its entry), chosen at synth with the construct's
 * metricsPublisher prop. Same handler; metrics go through the CloudWatch API instead of EMF, with the kit's
 * CloudWatch client (not primed); the init's rehearsal of an order publishes nothing.
 */
import { wireOrderHandler } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { createMetricsCloudWatchClient, createPutMetricDataPublisher, NO_METRICS } from '../runtime/put-metric-data-publisher';

export const { handler, prime } = wireOrderHandler((config, _logger, rehearsal) => rehearsal ? NO_METRICS : createPutMetricDataPublisher({
  client: createMetricsCloudWatchClient(),
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
}));
