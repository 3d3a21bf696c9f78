/**
 * Only the AWS SDK's DynamoDB client, constructed and primed at module scope as the handler's entry does: bundled by
 * the benchmark with the production flags, its import time is the floor the SDK sets under the handler's cold init.
 * "Primed as the handler does" includes the SDK's part of the handler's rehearsal (src/functions/create-order/rehearsal.ts): one
 * PutItem of an order-shaped item, answered inside the process. So the gap between this and the handler's bundle is
 * the handler's own code, not the SDK's first PutItem.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HANDLER_ENV } from '../src/contract/platform';
import { answeredInProcess, createDynamoDbClient } from '../src/functions/runtime/aws-clients';
import { createLogger } from '../src/functions/runtime/logger';
import { primeDynamoDb } from '../src/functions/runtime/prime';

const tableName = process.env[HANDLER_ENV.tableName] ?? '';
export const client = createDynamoDbClient();
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle (see src/functions/create-order/entry-emf.ts)
await primeDynamoDb({ client, tableName, logger: createLogger('INFO') });

const line = (productId: string, quantity: string, price: string) => ({
  M: { productId: { S: productId }, quantity: { N: quantity }, price: { N: price } },
});
// @ts-expect-error TS1309 (as above)
await answeredInProcess(client).send(new PutItemCommand({
  TableName: tableName,
  Item: {
    orderId: { S: '8a7b6c5d-4e3f-5a2b-9c1d-0e9f8a7b6c5d' },
    customerId: { S: 'rehearsal' },
    items: { L: [line('rehearsal-1', '2', '29.99'), line('rehearsal-2', '1', '49.99')] },
    totalAmount: { N: '109.97' },
    totalAmountCents: { N: '10997' },
    currency: { S: 'USD' },
    status: { S: 'pending' },
    orderTimestamp: { N: String(Date.now()) },
    createdAt: { S: new Date().toISOString() },
    shippingAddress: { M: { street: { S: '1 Rehearsal Way' }, city: { S: 'Init' }, state: { S: 'NA' }, zipCode: { S: '00000' } } },
    idempotencyKey: { S: 'rehearsal-during-init' },
    requestHash: { S: 'd2f1c0b9a8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1' },
  },
  ConditionExpression: 'attribute_not_exists(orderId)',
}));
