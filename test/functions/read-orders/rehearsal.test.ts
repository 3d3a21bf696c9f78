/**
 * The read function's rehearsal during init (src/functions/read-orders/rehearsal.ts): its made-up requests are ones
 * the real handler accepts under either access mode, on an empty table (what a reader answered in process sees),
 * and a rehearsal that goes wrong only ever logs one warning.
 */
import { MemoryReader, storedOrder } from './support';
import { READ_ACCESS_MODES } from '../../../src/contract/platform';
import { createReadHandler, ReadHandler } from '../../../src/functions/read-orders/read-orders';
import { REHEARSAL_CUSTOMER, rehearsalRequests, rehearseReads } from '../../../src/functions/read-orders/rehearsal';
import { createLogger } from '../../../src/functions/runtime/logger';
import { rehearsalContext } from '../../../src/functions/runtime/rehearsal';
import { lineSink } from '../create-order/support';

test.each(READ_ACCESS_MODES)('under %s access, both rehearsed requests get the answer the rehearsal expects', async (access) => {
  const logs = lineSink();
  const reader = new MemoryReader();
  const gets: string[] = [];
  const getOrder = reader.getOrder.bind(reader);
  reader.getOrder = async (id) => { gets.push(id); return getOrder(id); };
  const handler = createReadHandler({ config: { tableName: 't', logLevel: 'INFO', access }, reader, logger: createLogger('INFO', logs.write) });
  const statuses = [];
  for (const r of rehearsalRequests()) statuses.push((await handler(r.event, rehearsalContext())).statusCode);
  expect(statuses).toEqual([200, 404]);
  expect(statuses).toEqual(rehearsalRequests().map((r) => r.expected));
  expect(logs.lines.map((l) => l.message)).toEqual(['Orders listed', 'Order not found']);
  // The rehearsal reached the reader on both routes.
  expect(reader.queries).toEqual([expect.objectContaining({ customerId: REHEARSAL_CUSTOMER })]);
  expect(gets).toHaveLength(1);
});

test('the listing request is a real listing: a stored order of the rehearsal customer would be returned', async () => {
  const reader = new MemoryReader();
  reader.put(storedOrder('00000000-0000-4000-8000-000000000009', REHEARSAL_CUSTOMER, 1));
  const handler = createReadHandler({ config: { tableName: 't', logLevel: 'INFO', access: 'TOKEN_OWNER' }, reader, logger: createLogger('ERROR', () => undefined) });
  const res = await handler(rehearsalRequests()[0].event, rehearsalContext());
  expect(JSON.parse(String(res.body)).orders).toHaveLength(1);
});

test('rehearseReads is quiet when both answers are as expected, and warns once otherwise', async () => {
  const quiet = lineSink();
  const answers = [200, 404];
  await rehearseReads((async () => ({ statusCode: answers.shift() })) as unknown as ReadHandler, createLogger('INFO', quiet.write));
  expect(quiet.lines).toEqual([]);

  const warned = lineSink();
  await rehearseReads(async () => ({ statusCode: 503 }), createLogger('INFO', warned.write));
  expect(warned.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Read function rehearsal did not succeed', statusCodes: '503,503' })]);
});
