/**
 * The read function's wiring (its entry only adds the top-level await of `prime`, which a CommonJS test cannot load;
 * test/integ/priming.test.ts runs that on the real bundle): priming, then the rehearsal of both routes without a line
 * of output, and a failing rehearsal that logs one warning while the handler still serves. SDK calls are mocked.
 */
import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { listOrdersEvent } from './support';
import type { ReadHandler } from '../../../src/functions/read-orders/read-orders';
import { lambdaContext } from '../create-order/support';
import { wiringEnvironment } from '../support/wiring-environment';

let ddb: AwsClientStub<DynamoDB.DynamoDBClient>;
let GetItemCommand: typeof DynamoDB.GetItemCommand;
let QueryCommand: typeof DynamoDB.QueryCommand;
const out = wiringEnvironment({
  DYNAMODB_TABLE_NAME: 'orders-t',
  LOG_LEVEL: 'INFO',
  READ_ACCESS: 'TOKEN_OWNER',
}, () => ddb?.restore());

/* eslint-disable @typescript-eslint/no-require-imports */
function loadWiring(setupMocks: () => void): { handler: ReadHandler; prime: () => Promise<void> } {
  let mod: { handler: ReadHandler; prime: () => Promise<void> } | undefined;
  jest.isolateModules(() => {
    const dynamodb: typeof DynamoDB = require('@aws-sdk/client-dynamodb');
    ddb = mockClient(dynamodb.DynamoDBClient);
    GetItemCommand = dynamodb.GetItemCommand;
    QueryCommand = dynamodb.QueryCommand;
    setupMocks();
    mod = require('../../../src/functions/read-orders/wiring');
  });
  return mod!;
}
/* eslint-enable @typescript-eslint/no-require-imports */

test('prime reads a key no order can have, then rehearses a listing and a read without a line of output', async () => {
  const { prime } = loadWiring(() => ddb.on(GetItemCommand).resolves({}).on(QueryCommand).resolves({}));
  await prime();
  // The priming GetItem, then the rehearsal's (the mock sits above the HTTP handler that answers it in process).
  expect(ddb).toHaveReceivedCommandTimes(GetItemCommand, 2);
  expect(ddb.commandCalls(GetItemCommand)[0].args[0].input.Key).toEqual({ orderId: { S: 'prime#not-an-order' } });
  expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
  expect(ddb.commandCalls(QueryCommand)[0].args[0].input.ExpressionAttributeValues).toEqual({ ':customer': { S: 'rehearsal' } });
  expect(out).toEqual([]);
});

test('a rehearsal that fails is logged once as a warning, and the handler still serves', async () => {
  const { prime, handler } = loadWiring(() => {
    ddb.on(GetItemCommand).resolves({});
    ddb.on(QueryCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } })).resolves({});
  });
  await expect(prime()).resolves.toBeUndefined();
  expect(out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'WARN', message: 'Read function rehearsal did not succeed', statusCodes: '503,404' })]);
  out.length = 0;
  const res = await handler(listOrdersEvent('c-1', { sub: 'c-1' }), lambdaContext());
  expect(res.statusCode).toBe(200);
  expect(out.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'INFO', message: 'Orders listed' })]);
});
