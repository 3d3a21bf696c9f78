/**
 * Lambda entry point of the default bundle (assets/handler/entry-emf): metrics in embedded metric format, no
 * CloudWatch client. Configuration and clients are built once per cold start, at module scope.
 */
import { createOrderHandler } from './create-order';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../shared/contract';
import { createDynamoDbClient } from './io/aws-clients';
import { readConfig } from './io/config';
import { DynamoOrderStore } from './io/dynamo-store';
import { createEmfPublisher } from './io/emf-publisher';
import { createLogger } from './io/logger';

const config = readConfig(process.env);

export const handler = createOrderHandler({
  config,
  store: new DynamoOrderStore(createDynamoDbClient(), config.tableName),
  metrics: createEmfPublisher({
    namespace: METRICS_NAMESPACE,
    dimensionName: METRICS_DIMENSION,
    dimensionValue: config.metricsDimensionValue,
  }),
  logger: createLogger(config.logLevel),
});
