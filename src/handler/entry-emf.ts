/**
 * Lambda entry point of the default bundle (assets/handler/entry-emf): metrics in embedded metric format, no
 * CloudWatch client. Configuration and clients are built once per cold start, at module scope, and the DynamoDB
 * client is primed before the init ends (io/prime.ts).
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

// esbuild bundles this file as an ES module, where Lambda waits for a top-level await before its init ends; tsc
// sees a CommonJS file (module node16, no "type": "module"), so it reports TS1309 here.
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle
await primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
