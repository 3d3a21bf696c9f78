/** The benchmark's process clean-up: every started engine and server is stopped, last started first, even if one stop fails. */
import { Cleanups } from '../../bench/phases';

test('runs the stops last-started first, goes on past a failing stop, and runs each once', async () => {
  const order: string[] = [];
  const cleanups = new Cleanups();
  cleanups.defer(async () => { order.push('engine'); });
  cleanups.defer(async () => { order.push('server'); throw new Error('already gone'); });
  cleanups.defer(async () => { order.push('second server'); });
  await cleanups.run();
  await cleanups.run();
  expect(order).toEqual(['second server', 'server', 'engine']);
});
