/**
 * The status-change function's wiring (entry.ts is its entry). Configuration, the DynamoDB client and the metrics
 * sink (embedded metric format: a log line, no client) are built once per cold start, at module scope.
 */
import { createStatusChangeHandler } from './change-order-status';
import { readStatusChangeConfig } from './io/config';
import { DynamoOrderStatusStore } from './io/dynamo-status-store';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { createDynamoDbClient } from '../runtime/aws-clients';
import { createEmfPublisher } from '../runtime/emf-publisher';
import { createLogger } from '../runtime/logger';
import { primeDynamoDbUpdate } from '../runtime/prime';

const config = readStatusChangeConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

export const handler = createStatusChangeHandler({
  config,
  store: new DynamoOrderStatusStore(dynamoDb, config.tableName),
  metrics: createEmfPublisher({ namespace: METRICS_NAMESPACE, dimensionName: METRICS_DIMENSION, dimensionValue: config.metricsDimensionValue }),
  logger,
});

/** The DynamoDB client's one-time work, with the one action the role has (runtime/prime.ts); the entry awaits it. */
export const prime = () => primeDynamoDbUpdate({ client: dynamoDb, tableName: config.tableName, logger });
