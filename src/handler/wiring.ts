/**
 * What both order-handler bundles wire the same way, once per cold start: configuration from the environment, the
 * DynamoDB client and store, the logger, and the client's priming. Each bundle's wiring file passes only its metrics
 * sink, so the default bundle never imports the CloudWatch client.
 */
import { createOrderHandler, OrderHandler } from './create-order';
import { createDynamoDbClient } from './io/aws-clients';
import { readConfig } from './io/config';
import { DynamoOrderStore } from './io/dynamo-store';
import { createLogger } from './io/logger';
import { primeDynamoDb } from './io/prime';
import { HandlerConfig, Logger, MetricsSink } from './ports';

export interface WiredOrderHandler {
  readonly handler: OrderHandler;
  /** The DynamoDB client's one-time work (io/prime.ts); the entry awaits it at module load. */
  readonly prime: () => Promise<void>;
}

export function wireOrderHandler(metrics: (config: HandlerConfig, logger: Logger) => MetricsSink): WiredOrderHandler {
  const config = readConfig(process.env);
  const dynamoDb = createDynamoDbClient();
  const logger = createLogger(config.logLevel);
  return {
    handler: createOrderHandler({
      config,
      store: new DynamoOrderStore(dynamoDb, config.tableName),
      metrics: metrics(config, logger),
      logger,
    }),
    prime: () => primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger }),
  };
}
