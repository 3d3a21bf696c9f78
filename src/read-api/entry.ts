/**
 * Lambda entry point of the read function (assets/read-api/entry). Configuration and the DynamoDB client are
 * built once per cold start, at module scope, with the order handler's client settings and logger.
 */
import { readReadApiConfig } from './io/config';
import { DynamoOrderReader } from './io/dynamo-reader';
import { createReadHandler } from './read-orders';
import { createDynamoDbClient } from '../handler/io/aws-clients';
import { createLogger } from '../handler/io/logger';

const config = readReadApiConfig(process.env);

export const handler = createReadHandler({
  config,
  reader: new DynamoOrderReader(createDynamoDbClient(), config.tableName),
  logger: createLogger(config.logLevel),
});
