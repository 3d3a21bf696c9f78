/**
 * What both consumer bundles wire the same way, once per cold start, on the orders table's stream: configuration from
 * the environment, the EventBridge client and publisher, the logger, and the init's work for a fast first batch. Each
 * bundle's wiring file passes only its metrics sink, so the default bundle never imports the CloudWatch client.
 */
import { readOrderEventsConfig } from './io/config';
import { EventBridgePublisher, EventBridgeSender } from './io/eventbridge-publisher';
import { OrderEventsConfig } from './ports';
import { createOrderEventsHandler, OrderEventsHandler } from './publish-order-events';
import { acceptedEntries, rehearseOrderEvents } from './rehearsal';
import { answeredInProcess } from '../runtime/aws-clients';
import { createEventBridgeClient } from '../runtime/eventbridge-client';
import { createLogger, LineWriter } from '../runtime/logger';
import { Logger, MetricsSink } from '../runtime/ports';
import { primeEventBridge } from '../runtime/prime';
import { nowhere } from '../runtime/rehearsal';

/**
 * Builds a bundle's metrics sink. With `rehearsal` set, the sink is for the init's rehearsal and must have no effect
 * outside the process: an EMF sink writes with `rehearsal.write` (nowhere); an API-calling sink is replaced by one
 * that does nothing.
 */
export type MetricsWiring = (config: OrderEventsConfig, rehearsal?: { readonly write: LineWriter }) => MetricsSink;

export interface WiredOrderEvents {
  readonly handler: OrderEventsHandler;
  /** The init's work, awaited by the entry at module load: priming over the network, then the rehearsal in process. */
  readonly prime: () => Promise<void>;
}

export function wireOrderEvents(metrics: MetricsWiring): WiredOrderEvents {
  const config = readOrderEventsConfig(process.env);
  const eventBridge = createEventBridgeClient();
  const logger = createLogger(config.logLevel);
  // The real handler and the rehearsal's come from the same lines, so the rehearsal runs exactly the code that serves.
  const build = (client: EventBridgeSender, log: Logger, rehearsal?: { write: LineWriter }) => createOrderEventsHandler({
    target: { busName: config.busName, source: config.source },
    publisher: new EventBridgePublisher(client),
    metrics: metrics(config, rehearsal),
    logger: log,
  });
  return {
    handler: build(eventBridge, logger),
    prime: async () => {
      await primeEventBridge({ client: eventBridge, busName: config.busName, logger });
      const rehearsal = build(answeredInProcess(eventBridge, acceptedEntries), createLogger(config.logLevel, nowhere), { write: nowhere });
      await rehearseOrderEvents(rehearsal, logger);
    },
  };
}
