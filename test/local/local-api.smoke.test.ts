/**
 * Smoke test of the local order API as a user runs it: the CLI in its own process, DynamoDB Local started by it,
 * the built handler bundle behind it. Fails (never skips) when Java or the engine is missing.
 *
 * LOCAL_API_TEST_BUNDLE points the test at another bundle file (default: the built EMF bundle).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { SEED_EXAMPLE_ORDER } from '../../local/cli';
import { freePort } from '../../local/dynamodb-local';
import { bundlePathFor } from '../../local/server';

const ROOT = path.resolve(__dirname, '..', '..');

interface Reply { status: number; headers: Headers; body: string }

async function call(url: string, method: string, body?: string): Promise<Reply> {
  const res = await fetch(url, { method, body, headers: body !== undefined ? { 'content-type': 'application/json' } : {} });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local order API (real server, DynamoDB Local, built bundle)', () => {
  let child: ChildProcess;
  let url: string;
  let enginePid: number;
  let stderr = '';

  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, [
      '-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'serve', '--port', String(port), '--quiet',
      '--bundle', process.env.LOCAL_API_TEST_BUNDLE ?? bundlePathFor('emf'),
    ], { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' }, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local API did not start in 90 s:\n${stderr}`)), 90_000);
      child.stderr!.on('data', (chunk) => {
        stderr += chunk;
        const ready = /READY (http:\/\/\S+)/.exec(stderr);
        const pid = /\(pid (\d+)\)/.exec(stderr);
        if (ready && pid) {
          clearTimeout(timer);
          url = ready[1];
          enginePid = Number(pid[1]);
          resolve();
        }
      });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`local API exited with ${code} before it was ready:\n${stderr}`)); });
    });
  });

  afterAll(() => {
    // Only if a test failed before the shutdown test ran.
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (enginePid && alive(enginePid)) process.kill(enginePid, 'SIGKILL');
  });

  const acked: string[] = [];

  test('the seed example is stored and answered with its order id', async () => {
    const reply = await call(`${url}/orders`, 'POST', JSON.stringify(SEED_EXAMPLE_ORDER));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('apigw-requestid')).toEqual(expect.any(String));
    const body = JSON.parse(reply.body);
    expect(body).toMatchObject({ success: true, orderId: expect.any(String) });
    acked.push(body.orderId);

    const stored = await call(`${url}/orders/${encodeURIComponent(body.orderId)}`, 'GET');
    expect(stored.status).toBe(200);
    expect(stored.headers.get('x-local-only')).toBe('true');
    expect(JSON.parse(stored.body).order).toMatchObject({ orderId: body.orderId, customerId: 'cust-12345', status: 'pending' });
  });

  test('a few more orders, then acknowledged == stored', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await call(`${url}/orders`, 'POST', JSON.stringify({ ...SEED_EXAMPLE_ORDER, customerId: `cust-smoke-${i}` }));
      expect(reply.status).toBe(200);
      acked.push(JSON.parse(reply.body).orderId);
    }
    const list = JSON.parse((await call(`${url}/orders?limit=100`, 'GET')).body);
    expect(list.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual([...acked].sort());
  });

  test('a bad request is a 4xx with a JSON error and stores nothing', async () => {
    const reply = await call(`${url}/orders`, 'POST', '{"customerId": ');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ success: false });
    const list = JSON.parse((await call(`${url}/orders?limit=100`, 'GET')).body);
    expect(list.count).toBe(acked.length);
  });

  test('routes other than POST /orders are the API\'s 404', async () => {
    const reply = await call(`${url}/checkout`, 'POST', '{}');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Not Found' });
  });

  test('SIGTERM stops the server and DynamoDB Local; nothing is left running', async () => {
    expect(alive(enginePid)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(enginePid)).toBe(false);
    await expect(call(`${url}/orders`, 'POST', '{}')).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});

describe('local order API start-up errors', () => {
  test('a port in use is a clear error and a non-zero exit, with no engine started', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'serve', '--port', String(port)],
        { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (c) => { stderr += c; });
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).not.toContain('READY');
    } finally {
      blocker.close();
    }
  });
});
