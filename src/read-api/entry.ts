/**
 * Lambda entry point of the read function (assets/read-api/entry). Configuration and the DynamoDB client are
 * built once per cold start, at module scope, with the order handler's client settings and logger; the client is
 * primed before the init ends (handler/io/prime.ts).
 */
import { readReadApiConfig } from './io/config';
import { DynamoOrderReader } from './io/dynamo-reader';
import { createReadHandler } from './read-orders';
import { createDynamoDbClient } from '../handler/io/aws-clients';
import { createLogger } from '../handler/io/logger';
import { primeDynamoDb } from '../handler/io/prime';

const config = readReadApiConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

export const handler = createReadHandler({
  config,
  reader: new DynamoOrderReader(dynamoDb, config.tableName),
  logger,
});

// esbuild bundles this file as an ES module, where Lambda waits for a top-level await before its init ends; tsc
// sees a CommonJS file (module node16, no "type": "module"), so it reports TS1309 here.
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle
await primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
