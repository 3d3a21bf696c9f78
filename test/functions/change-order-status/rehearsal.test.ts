/**
 * The status-change function's rehearsal during init (src/functions/change-order-status/rehearsal.ts): its made-up
 * change, through the real handler, store and SDK client with the UpdateItem answered in the process, is one the
 * function answers 200 with the changed order; and a rehearsal that goes wrong only ever logs one warning.
 */
import { createStatusChangeHandler, StatusChangeHandler } from '../../../src/functions/change-order-status/change-order-status';
import { DynamoOrderStatusStore } from '../../../src/functions/change-order-status/io/dynamo-status-store';
import { rehearsalRequest, rehearsalUpdateReply, rehearseStatusChange } from '../../../src/functions/change-order-status/rehearsal';
import { answeredInProcess, createDynamoDbClient } from '../../../src/functions/runtime/aws-clients';
import { createEmfPublisher } from '../../../src/functions/runtime/emf-publisher';
import { createLogger } from '../../../src/functions/runtime/logger';
import { rehearsalContext } from '../../../src/functions/runtime/rehearsal';
import { lineSink } from '../create-order/support';

const savedEnv = process.env;
beforeEach(() => {
  // The client resolves a Region and credentials as on Lambda; the answered call never opens a socket.
  process.env = { ...savedEnv, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' };
});
afterEach(() => { process.env = savedEnv; });

test('the made-up change is answered 200 with the order confirmed at version 2, and one metric line', async () => {
  const logs = lineSink();
  const metrics = lineSink();
  const client = createDynamoDbClient({});
  const handler = createStatusChangeHandler({
    config: { tableName: 'orders-t', logLevel: 'INFO', cancelAccess: 'IAM', metricsDimensionValue: 'dev' },
    store: new DynamoOrderStatusStore(answeredInProcess(client, rehearsalUpdateReply), 'orders-t'),
    metrics: createEmfPublisher({ namespace: 'ns', dimensionName: 'Environment', dimensionValue: 'dev', write: metrics.write }),
    logger: createLogger('INFO', logs.write),
  });
  const res = await handler(rehearsalRequest(), rehearsalContext());
  expect(res.statusCode).toBe(200);
  expect(JSON.parse(String(res.body)).order).toMatchObject({ status: 'confirmed', version: 2 });
  expect(res.headers).toMatchObject({ etag: '"2"' });
  expect(metrics.lines).toHaveLength(1);
  expect(logs.lines.filter((l) => l.level === 'WARN' || l.level === 'ERROR')).toEqual([]);
  client.destroy();
});

test('rehearseStatusChange is quiet on a 200, and warns once otherwise', async () => {
  const quiet = lineSink();
  await rehearseStatusChange((async () => ({ statusCode: 200 })) as unknown as StatusChangeHandler, createLogger('INFO', quiet.write));
  expect(quiet.lines).toEqual([]);

  const warned = lineSink();
  await rehearseStatusChange(async () => ({ statusCode: 409 }), createLogger('INFO', warned.write));
  expect(warned.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Status-change function rehearsal did not succeed', statusCode: 409 })]);
});
