/**
 * The PutMetricData bundle's wiring (entry-put-metric-data.ts is its entry), chosen at synth with the construct's
 * metricsPublisher prop. Same handler; metrics go through the CloudWatch API instead of EMF, with the kit's
 * CloudWatch client; the init's rehearsal of an order publishes through it with its calls answered in process.
 */
import { wireOrderHandler } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { answeredInProcess } from '../runtime/aws-clients';
import { createMetricsCloudWatchClient, createPutMetricDataPublisher } from '../runtime/put-metric-data-publisher';

const cloudWatch = createMetricsCloudWatchClient();

export const { handler, prime } = wireOrderHandler((config, _logger, rehearsal) => createPutMetricDataPublisher({
  // The rehearsal publishes through the same client, answered in process: nothing reaches CloudWatch.
  client: rehearsal ? answeredInProcess(cloudWatch) : cloudWatch,
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
}));
