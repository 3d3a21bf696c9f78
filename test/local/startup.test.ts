/**
 * The local API's port opens before DynamoDB Local has started (so that a busy port fails at once); a request sent
 * in that window waits and gets the answer the deployed API would give, not a 503 of the emulator's own.
 */
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { freePort } from '../../local/dynamodb-local';

const ROOT = path.join(__dirname, '..', '..');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

test('a request sent after the port opens and before READY is answered by the function, as on AWS', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'serve', '--port', String(port), '--quiet', '--no-events'], {
    cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (c) => { stdout += c; });
  child.stderr!.resume();
  try {
    const started = Date.now();
    while (!(await portOpen(port))) {
      if (Date.now() - started > 60_000) throw new Error('the port never opened');
      await new Promise((r) => setTimeout(r, 10));
    }
    // The window this test is about: the port is open and the API has not said READY yet.
    expect(stdout).not.toContain('READY');
    const res = await fetch(`http://127.0.0.1:${port}/orders/unknown-order`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ success: false, error: 'NotFound', field: 'orderId', rule: 'notFound' });
    expect(stdout).toContain('READY');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});
