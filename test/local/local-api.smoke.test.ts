/**
 * Smoke test of the local order API as a user runs it: the CLI in its own process, DynamoDB Local started by it,
 * the built handler bundle behind it. Fails (never skips) when Java or the engine is missing.
 *
 * LOCAL_API_TEST_BUNDLE points the test at another bundle file (default: the built EMF bundle).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { OPENAPI_FILE } from '../../generators/openapi-file';
import { SEED_EXAMPLE_ORDER } from '../../local/cli';
import { freePort } from '../../local/dynamodb-local';
import { bundlePathFor, LOCAL_EVENTS_PATH, LOCAL_LIST_PATH } from '../../local/server';

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

interface RunningApi {
  readonly child: ChildProcess;
  readonly url: string;
  readonly enginePid: number;
}

/** Starts the CLI's `serve` in its own process and waits for its ready line. */
async function startLocalApi(): Promise<RunningApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [
    '-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'serve', '--port', String(port), '--quiet',
    '--bundle', process.env.LOCAL_API_TEST_BUNDLE ?? bundlePathFor('emf'),
  ], { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  return new Promise<RunningApi>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local API did not start in 90 s:\n${stderr}`)), 90_000);
    const check = () => {
      // READY and the URLs on stdout, diagnostics (the engine's pid) on stderr.
      const ready = /READY (http:\/\/\S+)/.exec(stdout);
      const pid = /\(pid (\d+)\)/.exec(stderr);
      if (ready && pid) {
        clearTimeout(timer);
        if (stderr.includes('READY')) reject(new Error(`READY went to stderr:\n${stderr}`));
        resolve({ child, url: ready[1], enginePid: Number(pid[1]) });
      }
    };
    child.stdout!.on('data', (chunk) => { stdout += chunk; check(); });
    child.stderr!.on('data', (chunk) => { stderr += chunk; check(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`local API exited with ${code} before it was ready:\n${stderr}`)); });
  });
}

/** Kills what is still running of `api` (after a failed test, or at the end). */
function forceStop(api: RunningApi | undefined): void {
  if (!api) return;
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
  if (alive(api.enginePid)) process.kill(api.enginePid, 'SIGKILL');
}

// Every test below uses only what it stores itself: its own customer ids, or counts taken before and after, so any
// test can run alone or in any order against the shared server.
describe('local order API (real server, DynamoDB Local, built bundle)', () => {
  let api: RunningApi;
  beforeAll(async () => { api = await startLocalApi(); });
  afterAll(() => forceStop(api));

  async function placeOrder(order: object): Promise<string> {
    const reply = await call(`${api.url}/orders`, 'POST', JSON.stringify(order));
    expect(reply.status).toBe(200);
    return JSON.parse(reply.body).orderId;
  }

  async function storedOrders(): Promise<{ orderId: string; customerId: string }[]> {
    const reply = await call(`${api.url}${LOCAL_LIST_PATH}?limit=1000`, 'GET');
    expect(reply.status).toBe(200);
    const list = JSON.parse(reply.body);
    expect(list.more).toBe(false);
    return list.orders;
  }

  test('the original specification\'s example order is stored and answered with its order id', async () => {
    const reply = await call(`${api.url}/orders`, 'POST', JSON.stringify(SEED_EXAMPLE_ORDER));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('apigw-requestid')).toEqual(expect.any(String));
    const body = JSON.parse(reply.body);
    expect(body).toMatchObject({ success: true, orderId: expect.any(String) });

    // GET /orders/{orderId} is the deployed read route, served by the read bundle (not a local-only endpoint).
    const stored = await call(`${api.url}/orders/${encodeURIComponent(body.orderId)}`, 'GET');
    expect(stored.status).toBe(200);
    expect(stored.headers.get('x-local-only')).toBeNull();
    expect(stored.body).toContain('"price":29.99}');
    expect(JSON.parse(stored.body)).toMatchObject({
      success: true,
      order: { orderId: body.orderId, customerId: 'cust-12345', status: 'pending', totalAmount: 109.97 },
    });
  });

  test('GET /customers/{customerId}/orders lists a customer\'s orders through the read bundle', async () => {
    const orderId = await placeOrder({ ...SEED_EXAMPLE_ORDER, customerId: 'cust-listed' });
    const reply = await call(`${api.url}/customers/cust-listed/orders`, 'GET');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      success: true, orders: [expect.objectContaining({ orderId, customerId: 'cust-listed' })], nextCursor: null,
    });
    const badLimit = await call(`${api.url}/customers/cust-listed/orders?limit=0`, 'GET');
    expect(badLimit.status).toBe(400);
    expect(JSON.parse(badLimit.body)).toMatchObject({ field: 'limit' });
    expect((await call(`${api.url}/orders/no-such-order`, 'GET')).status).toBe(404);
  });

  test('the lifecycle routes run the status-change bundle in IAM mode: a cancel and a status change, ETags, and both events', async () => {
    const orderId = await placeOrder({ ...SEED_EXAMPLE_ORDER, customerId: 'cust-lifecycle' });
    const confirm = await fetch(`${api.url}/orders/${orderId}/status`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'if-match': '"1"' }, body: JSON.stringify({ status: 'confirmed' }),
    });
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('etag')).toBe('"2"');
    const cancel = await call(`${api.url}/orders/${orderId}/cancel`, 'POST', JSON.stringify({ reason: 'Ordered twice' }));
    expect(cancel.status).toBe(200);
    expect(JSON.parse(cancel.body).order).toMatchObject({
      status: 'cancelled', version: 3, statusHistory: [{ status: 'pending' }, { status: 'confirmed', by: 'service' }, { status: 'cancelled', by: 'service', reason: 'Ordered twice' }],
    });
    const again = await call(`${api.url}/orders/${orderId}/status`, 'POST', JSON.stringify({ status: 'shipped' }));
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({ currentStatus: 'cancelled', allowedStatuses: [] });
    // The events stand-in lists the changes as the consumer sent them (it polls the stream, so wait for it).
    let changes: { detail: { from: string; to: string; version: number } }[] = [];
    for (let i = 0; i < 100 && changes.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { events } = JSON.parse((await call(`${api.url}${LOCAL_EVENTS_PATH}`, 'GET')).body) as { events: { detailType: string; detail: { orderId: string } }[] };
      changes = events.filter((e) => e.detailType === 'OrderStatusChanged' && e.detail.orderId === orderId) as unknown as typeof changes;
    }
    expect(changes.map((e) => [e.detail.from, e.detail.to, e.detail.version])).toEqual([['pending', 'confirmed', 2], ['confirmed', 'cancelled', 3]]);
  });

  test('GET /openapi.json serves the committed document', async () => {
    const reply = await call(`${api.url}/openapi.json`, 'GET');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(fs.readFileSync(OPENAPI_FILE, 'utf8'));
  });

  test('every acknowledged order is stored, and no other order for those customers', async () => {
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) acked.push(await placeOrder({ ...SEED_EXAMPLE_ORDER, customerId: `cust-acked-${i}` }));
    const stored = (await storedOrders()).filter((o) => o.customerId.startsWith('cust-acked-')).map((o) => o.orderId);
    expect(stored.sort()).toEqual([...acked].sort());
  });

  test('a bad request is a 4xx with a JSON error and stores nothing', async () => {
    const before = (await storedOrders()).length;
    const reply = await call(`${api.url}/orders`, 'POST', '{"customerId": ');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ success: false });
    expect((await storedOrders()).length).toBe(before);
  });

  test('routes other than POST /orders are the API\'s 404', async () => {
    const reply = await call(`${api.url}/checkout`, 'POST', '{}');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Not Found' });
  });
});

describe('local order API shutdown', () => {
  let api: RunningApi | undefined;
  afterAll(() => forceStop(api));

  test('SIGTERM stops the server and DynamoDB Local; nothing is left running', async () => {
    // Its own server: stopping the shared one would break any test that ran after it.
    const started = await startLocalApi();
    api = started;
    expect(alive(started.enginePid)).toBe(true);
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(started.enginePid)).toBe(false);
    await expect(call(`${started.url}/orders`, 'POST', '{}')).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
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
