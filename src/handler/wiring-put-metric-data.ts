/**
 * The PutMetricData bundle's wiring (entry-put-metric-data.ts is its entry), chosen at synth with the construct's
 * metricsPublisher prop. Same handler; metrics go through the CloudWatch API instead of EMF. The CloudWatch client is
 * not primed: the function may only call PutMetricData, and no such call leaves the metrics untouched.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { createOrderHandler } from './create-order';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../shared/contract';
import { createDynamoDbClient, httpHandler } from './io/aws-clients';
import { readConfig } from './io/config';
import { DynamoOrderStore } from './io/dynamo-store';
import { createLogger } from './io/logger';
import { primeDynamoDb } from './io/prime';
import { createPutMetricDataPublisher } from './io/put-metric-data-publisher';

/** Metrics must not hold up an order response for long: one retry, 1 s per attempt. */
const METRICS_REQUEST_TIMEOUT_MS = 1_000;

const config = readConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

export const handler = createOrderHandler({
  config,
  store: new DynamoOrderStore(dynamoDb, config.tableName),
  metrics: createPutMetricDataPublisher({
    client: new CloudWatchClient({ maxAttempts: 2, requestHandler: httpHandler(METRICS_REQUEST_TIMEOUT_MS) }),
    namespace: METRICS_NAMESPACE,
    dimensionName: METRICS_DIMENSION,
    dimensionValue: config.metricsDimensionValue,
  }),
  logger,
});

/** The DynamoDB client's one-time work (io/prime.ts); the entry awaits it at module load. */
export const prime = () => primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
