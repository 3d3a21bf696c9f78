/**
 * Lambda entry point of the PutMetricData bundle (assets/handler/entry-put-metric-data), chosen at synth with the
 * construct's metricsPublisher prop. Same handler; metrics go through the CloudWatch API instead of EMF.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { createOrderHandler } from './create-order';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../shared/contract';
import { createDynamoDbClient, httpHandler } from './io/aws-clients';
import { readConfig } from './io/config';
import { DynamoOrderStore } from './io/dynamo-store';
import { createLogger } from './io/logger';
import { createPutMetricDataPublisher } from './io/put-metric-data-publisher';

/** Metrics must not hold up an order response for long: one retry, 1 s per attempt. */
const METRICS_REQUEST_TIMEOUT_MS = 1_000;

const config = readConfig(process.env);

export const handler = createOrderHandler({
  config,
  store: new DynamoOrderStore(createDynamoDbClient(), config.tableName),
  metrics: createPutMetricDataPublisher({
    client: new CloudWatchClient({ maxAttempts: 2, requestHandler: httpHandler(METRICS_REQUEST_TIMEOUT_MS) }),
    namespace: METRICS_NAMESPACE,
    dimensionName: METRICS_DIMENSION,
    dimensionValue: config.metricsDimensionValue,
  }),
  logger: createLogger(config.logLevel),
});
