/**
 * What both order-handler bundles wire the same way, once per cold start: configuration from the environment, the
 * DynamoDB client and store, the logger, and the init's work for a fast first invocation. Each bundle's wiring file
 * passes only its metrics sink, so the default bundle never imports the CloudWatch client.
 */
import { createOrderHandler, OrderHandler } from './create-order';
import { answeredInProcess, createDynamoDbClient, DynamoDbSender } from '../runtime/aws-clients';
import { readConfig } from './io/config';
import { DynamoOrderStore } from './io/dynamo-store';
import { HandlerConfig } from './ports';
import { rehearseOrder } from './rehearsal';
import { createLogger, LineWriter } from '../runtime/logger';
import { Logger, MetricsSink } from '../runtime/ports';
import { primeDynamoDb } from '../runtime/prime';
import { nowhere } from '../runtime/rehearsal';

/**
 * Builds a bundle's metrics sink. With `rehearsal` set, the sink is for the init's rehearsal (rehearsal.ts) and must
 * have no effect outside the process: an EMF sink writes with `rehearsal.write` (nowhere); an API-calling sink is
 * replaced by one that does nothing.
 */
export type MetricsWiring = (config: HandlerConfig, logger: Logger, rehearsal?: { readonly write: LineWriter }) => MetricsSink;

export interface WiredOrderHandler {
  readonly handler: OrderHandler;
  /**
   * The init's work, awaited by the entry at module load: the DynamoDB client primed over the network
   * (runtime/prime.ts), then one order rehearsed without effects (rehearsal.ts).
   */
  readonly prime: () => Promise<void>;
}

export function wireOrderHandler(metrics: MetricsWiring): WiredOrderHandler {
  const config = readConfig(process.env);
  const dynamoDb = createDynamoDbClient();
  const logger = createLogger(config.logLevel);
  // The real handler and the rehearsal's come from the same lines, so the rehearsal runs exactly the code that serves.
  const build = (client: DynamoDbSender, log: Logger, rehearsal?: { write: LineWriter }) => createOrderHandler({
    config,
    store: new DynamoOrderStore(client, config.tableName),
    metrics: metrics(config, log, rehearsal),
    logger: log,
  });
  return {
    handler: build(dynamoDb, logger),
    prime: async () => {
      await primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
      // After the priming request, so it finds credentials and the endpoint resolved and compiles only what is left.
      // (Run side by side with the priming request instead, it measured no faster: both are mostly CPU work.)
      const rehearsal = build(answeredInProcess(dynamoDb), createLogger(config.logLevel, nowhere), { write: nowhere });
      await rehearseOrder(rehearsal, logger);
    },
  };
}
