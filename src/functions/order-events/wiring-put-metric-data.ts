/**
 * The PutMetricData consumer bundle's wiring (entry-put-metric-data.ts is its entry), chosen at synth with the
 * construct's metricsPublisher prop, as for the order handler: metrics through the kit's CloudWatch client; the
 * init's rehearsal publishes through it with its calls answered in process.
 */
import { wireOrderEvents } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { answeredInProcess } from '../runtime/aws-clients';
import { createMetricsCloudWatchClient, createPutMetricDataPublisher } from '../runtime/put-metric-data-publisher';

const cloudWatch = createMetricsCloudWatchClient();

export const { handler, prime } = wireOrderEvents((config, rehearsal) => createPutMetricDataPublisher({
  // The rehearsal publishes through the same client, answered in process: nothing reaches CloudWatch.
  client: rehearsal ? answeredInProcess(cloudWatch) : cloudWatch,
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
}));
