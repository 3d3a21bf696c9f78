/**
 * The order-events consumer's wiring (entry.ts is its entry), on the orders table's stream. Configuration and clients
 * are built once per cold start, at module scope; metrics in embedded metric format.
 */
import { readOrderEventsConfig } from './io/config';
import { EventBridgePublisher } from './io/eventbridge-publisher';
import { createOrderEventsHandler } from './publish-order-events';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { createEmfPublisher } from '../runtime/emf-publisher';
import { createEventBridgeClient } from '../runtime/eventbridge-client';
import { createLogger } from '../runtime/logger';
import { primeEventBridge } from '../runtime/prime';

const config = readOrderEventsConfig(process.env);
const eventBridge = createEventBridgeClient();
const logger = createLogger(config.logLevel);

export const handler = createOrderEventsHandler({
  target: { busName: config.busName, source: config.source },
  publisher: new EventBridgePublisher(eventBridge),
  metrics: createEmfPublisher({
    namespace: METRICS_NAMESPACE,
    dimensionName: METRICS_DIMENSION,
    dimensionValue: config.metricsDimensionValue,
  }),
  logger,
});

/** The EventBridge client's one-time work (io/eventbridge-publisher.ts); the entry awaits it at module load. */
export const prime = () => primeEventBridge({ client: eventBridge, busName: config.busName, logger });
