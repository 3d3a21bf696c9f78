/**
 * The kit's rehearsal runner (src/functions/runtime/rehearsal.ts): it resolves whatever the rehearsal does, within its
 * bound, and says so in at most one warning.
 */
import { createLogger } from '../../../src/functions/runtime/logger';
import { rehearsalContext, rehearse } from '../../../src/functions/runtime/rehearsal';
import { lineSink } from '../create-order/support';

const ok = (n: number) => n === 200 ? undefined : { statusCode: n };

test('a rehearsal that answers as a good request does logs nothing', async () => {
  const logs = lineSink();
  await rehearse({ what: 'Thing', run: async () => 200, check: ok, logger: createLogger('DEBUG', logs.write) });
  expect(logs.lines).toEqual([]);
});

test('a rehearsal answering otherwise logs one warning with the fields the check gives', async () => {
  const logs = lineSink();
  await rehearse({ what: 'Thing', run: async () => 503, check: ok, logger: createLogger('INFO', logs.write) });
  expect(logs.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Thing rehearsal did not succeed', statusCode: 503 })]);
});

test('a rehearsal that throws resolves all the same, with one warning naming the error', async () => {
  const logs = lineSink();
  await expect(rehearse({ what: 'Thing', run: async () => { throw new RangeError('bug'); }, check: ok, logger: createLogger('INFO', logs.write) }))
    .resolves.toBeUndefined();
  expect(logs.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Thing rehearsal failed', errorName: 'RangeError' })]);
});

test('a rehearsal that never answers is given up after its timeout, with one warning', async () => {
  const logs = lineSink();
  const started = Date.now();
  await rehearse({ what: 'Thing', run: () => new Promise<number>(() => undefined), check: ok, logger: createLogger('INFO', logs.write), timeoutMs: 50 });
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(logs.lines).toEqual([expect.objectContaining({ level: 'WARN', message: 'Thing rehearsal timed out', timeoutMs: 50 })]);
});

test('the rehearsal context gives a fresh invocation\'s time and refuses the callback-style API', () => {
  const context = rehearsalContext();
  expect(context.getRemainingTimeInMillis()).toBeGreaterThan(10_000);
  expect(context.awsRequestId).toBe('rehearsal');
  expect(() => context.succeed('x')).toThrow(/rehearsal/);
});
