/**
 * Only the AWS SDK's DynamoDB client, constructed at module scope as the handler constructs it: bundled by the
 * benchmark with the production flags, its import time is the floor the SDK sets under the handler's cold init.
 */
import { createDynamoDbClient } from '../src/handler/io/aws-clients';

export const client = createDynamoDbClient();
