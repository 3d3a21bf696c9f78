/**
 * The default consumer bundle's wiring (entry-emf.ts is its entry): metrics in embedded metric format, no CloudWatch
 * client.
 */
import { wireOrderEvents } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { createEmfPublisher } from '../runtime/emf-publisher';

export const { handler, prime } = wireOrderEvents((config, rehearsal) => createEmfPublisher({
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
  write: rehearsal?.write,
}));
