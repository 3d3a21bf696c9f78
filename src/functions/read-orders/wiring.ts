/**
 * The read function's wiring (entry.ts is its entry). Configuration and the DynamoDB client are built once per cold
 * start, at module scope, with the order handler's client settings and logger; the init primes the client, then
 * rehearses both routes without effects (rehearsal.ts).
 */
import { readReadApiConfig } from './io/config';
import { DynamoOrderReader } from './io/dynamo-reader';
import { createReadHandler } from './read-orders';
import { rehearseReads } from './rehearsal';
import { answeredInProcess, createDynamoDbClient, DynamoDbSender } from '../runtime/aws-clients';
import { createLogger } from '../runtime/logger';
import { Logger } from '../runtime/ports';
import { primeDynamoDb } from '../runtime/prime';
import { nowhere } from '../runtime/rehearsal';

const config = readReadApiConfig(process.env);
const dynamoDb = createDynamoDbClient();
const logger = createLogger(config.logLevel);

// The real handler and the rehearsal's come from the same lines, so the rehearsal runs exactly the code that serves.
const build = (client: DynamoDbSender, log: Logger) => createReadHandler({
  config,
  reader: new DynamoOrderReader(client, config.tableName),
  logger: log,
});

export const handler = build(dynamoDb, logger);

/** The init's work, awaited by the entry at module load: priming over the network, then the rehearsal in process. */
export const prime = async () => {
  await primeDynamoDb({ client: dynamoDb, tableName: config.tableName, logger });
  await rehearseReads(build(answeredInProcess(dynamoDb), createLogger(config.logLevel, nowhere)), logger);
};
