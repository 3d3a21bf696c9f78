/**
 * The default bundle's wiring (entry-emf.ts is its entry): metrics in embedded metric format, no CloudWatch client.
 * Configuration and clients are built once per cold start, at module scope.
 */
import { createOrderHandler } from './create-order';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../shared/contract';
import { createDynamoDbClient } from './io/aws-clients';
import { readConfig } from './io/config';
import { DynamoOrderStore } from './io/dynamo-store';
import { createEmfPublisher } from './io/emf-publisher';
import { createLogger } from './io/logger';
import { primeDynamoDb } from './io/prime';

const config = readConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

export const handler = createOrderHandler({
  config,
  store: new DynamoOrderStore(dynamoDb, config.tableName),
  metrics: createEmfPublisher({
    namespace: METRICS_NAMESPACE,
    dimensionName: METRICS_DIMENSION,
    dimensionValue: config.metricsDimensionValue,
  }),
  logger,
});

/** The DynamoDB client's one-time work (io/prime.ts); the entry awaits it at module load. */
export const prime = () => primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
