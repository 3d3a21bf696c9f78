/**
 * Lambda entry point of the order-events consumer (assets/order-events/entry), on the orders table's stream.
 * Configuration and clients are built once per cold start, at module scope; metrics in embedded metric format.
 */
import { readOrderEventsConfig } from './io/config';
import { createEventBridgeClient, EventBridgePublisher } from './io/eventbridge-publisher';
import { createOrderEventsHandler } from './publish-order-events';
import { createEmfPublisher } from '../handler/io/emf-publisher';
import { createLogger } from '../handler/io/logger';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../shared/contract';

const config = readOrderEventsConfig(process.env);

export const handler = createOrderEventsHandler({
  target: { busName: config.busName, source: config.source },
  publisher: new EventBridgePublisher(createEventBridgeClient()),
  metrics: createEmfPublisher({
    namespace: METRICS_NAMESPACE,
    dimensionName: METRICS_DIMENSION,
    dimensionValue: config.metricsDimensionValue,
  }),
  logger: createLogger(config.logLevel),
});
