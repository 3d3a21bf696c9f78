/**
 * The read function's wiring (entry.ts is its entry). Configuration and the DynamoDB client are built once per cold
 * start, at module scope, with the order handler's client settings and logger.
 */
import { readReadApiConfig } from './io/config';
import { DynamoOrderReader } from './io/dynamo-reader';
import { createReadHandler } from './read-orders';
import { createDynamoDbClient } from '../runtime/aws-clients';
import { createLogger } from '../runtime/logger';
import { primeDynamoDb } from '../runtime/prime';

const config = readReadApiConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

export const handler = createReadHandler({
  config,
  reader: new DynamoOrderReader(dynamoDb, config.tableName),
  logger,
});

/** The DynamoDB client's one-time work (io/prime.ts); the entry awaits it at module load. */
export const prime = () => primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
