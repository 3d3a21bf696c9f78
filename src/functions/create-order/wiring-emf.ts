/**
 * The default bundle's wiring (entry-emf.ts is its entry): metrics in embedded metric format, no CloudWatch client.
 * Configuration and clients are built once per cold start, at module scope (wiring.ts).
 */
import { wireOrderHandler } from './wiring';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { createEmfPublisher } from '../runtime/emf-publisher';

export const { handler, prime } = wireOrderHandler((config, _logger, rehearsal) => createEmfPublisher({
  namespace: METRICS_NAMESPACE,
  dimensionName: METRICS_DIMENSION,
  dimensionValue: config.metricsDimensionValue,
  write: rehearsal?.write,
}));
