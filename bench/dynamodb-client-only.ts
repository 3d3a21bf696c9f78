/**
 * Only the AWS SDK's DynamoDB client, constructed and primed at module scope as the handler's entry does: bundled by
 * the benchmark with the production flags, its import time is the floor the SDK sets under the handler's cold init.
 */
import { createDynamoDbClient } from '../src/handler/io/aws-clients';
import { createLogger } from '../src/handler/io/logger';
import { primeDynamoDb } from '../src/handler/io/prime';
import { HANDLER_ENV } from '../src/shared/contract';

export const client = createDynamoDbClient();
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle (see src/handler/entry-emf.ts)
await primeDynamoDb({ client, tableName: process.env[HANDLER_ENV.tableName] ?? '', logger: createLogger('INFO') });
