/**
 * The status-change function's wiring (entry.ts is its entry). Configuration, the DynamoDB client and the metrics
 * sink (embedded metric format: a log line, no client) are built once per cold start, at module scope; the init
 * primes the client, then rehearses one change without effects (rehearsal.ts).
 */
import { createStatusChangeHandler } from './change-order-status';
import { readStatusChangeConfig } from './io/config';
import { DynamoOrderStatusStore } from './io/dynamo-status-store';
import { rehearsalUpdateReply, rehearseStatusChange } from './rehearsal';
import { METRICS_DIMENSION, METRICS_NAMESPACE } from '../../contract/platform';
import { answeredInProcess, createDynamoDbClient, DynamoDbSender } from '../runtime/aws-clients';
import { createEmfPublisher } from '../runtime/emf-publisher';
import { createLogger, LineWriter } from '../runtime/logger';
import { Logger } from '../runtime/ports';
import { primeDynamoDbUpdate } from '../runtime/prime';
import { nowhere } from '../runtime/rehearsal';

const config = readStatusChangeConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

// The real handler and the rehearsal's come from the same lines, so the rehearsal runs exactly the code that serves.
const build = (client: DynamoDbSender, log: Logger, write?: LineWriter) => createStatusChangeHandler({
  config,
  store: new DynamoOrderStatusStore(client, config.tableName),
  metrics: createEmfPublisher({
    namespace: METRICS_NAMESPACE, dimensionName: METRICS_DIMENSION, dimensionValue: config.metricsDimensionValue, write,
  }),
  logger: log,
});

export const handler = build(dynamoDb, logger);

/**
 * The init's work, awaited by the entry: the client primed with the one action the role has (runtime/prime.ts), then
 * one change rehearsed in process.
 */
export const prime = async () => {
  await primeDynamoDbUpdate({ client: dynamoDb, tableName: config.tableName, logger });
  await rehearseStatusChange(build(answeredInProcess(dynamoDb, rehearsalUpdateReply), createLogger(config.logLevel, nowhere), nowhere), logger);
};
