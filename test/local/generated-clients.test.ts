/**
 * Clients generated from the shipped openapi.json, as an app would generate them, against the local API through every
 * status it can produce: openapi-typescript + openapi-fetch (compiled with `tsc --noEmit`, no casts) and
 * openapi-python-client. Neither may crash on any answer, and every body must be valid for its documented status.
 * The local API runs with `--authorizer jwt` (so 401 and the owner's 403 exist) in front of DynamoDB Local through a
 * proxy that can stall it (503). Not produced locally, so not covered here: IAM's 403 and 429 (API Gateway alone
 * answers them) and 500 (DynamoDB refusing a write); docs/running-locally.md lists them.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OPENAPI_FILE } from '../../generators/openapi-file';
import { createOrdersTable, DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { unsignedToken } from '../../local/jwt-authorizer';
import { SEED_EXAMPLE_ORDER } from '../../local/seed-example';
import { idempotentOrderId } from '../../src/functions/create-order/core/idempotency';
import { MAX_BODY_BYTES } from '../../src/functions/model/limits';
import { startLocalApiProcess, LocalApiProcess } from '../support/local-api-process';
import { documentedBodyValid, OPENAPI } from '../support/openapi-conformance';
import { venvExecutable } from '../support/python-tools';
import { startStallingProxy, StallingProxy } from '../support/stalling-proxy';
import type { Scenario } from './clients/order-client';

const ROOT = path.join(__dirname, '..', '..');
const CLIENTS = path.join(__dirname, 'clients');
const GENERATED = path.join(ROOT, '.tmp', 'generated-clients');
const TABLE = 'orders-clients';

const CUSTOMER = SEED_EXAMPLE_ORDER.customerId;
const TOKEN = unsignedToken({ sub: CUSTOMER, iss: 'local' });
const ORDER = SEED_EXAMPLE_ORDER;
/**
 * The lifecycle's statuses, on an order of each client's own (stored with its own key, so its id is derived from the
 * customer and the key as the function derives it): a change moves the order for good.
 */
function lifecycleScenarios(key: string): Scenario[] {
  const orderId = idempotentOrderId(CUSTOMER, key);
  return [
    { name: 'created for the lifecycle', op: 'createOrder', token: TOKEN, body: ORDER, idempotencyKey: key },
    { name: '412 cancel at another version', op: 'cancelOrder', token: TOKEN, orderId, ifMatch: '"7"', reason: 'Ordered twice' },
    { name: '409 ship a pending order', op: 'changeOrderStatus', orderId, status: 'shipped' },
    { name: 'confirmed', op: 'changeOrderStatus', orderId, status: 'confirmed', ifMatch: '"1"' },
    { name: 'cancelled', op: 'cancelOrder', token: TOKEN, orderId, reason: 'Ordered twice' },
  ];
}

/** Every status the local API can produce, with the request that produces it. */
const SCENARIOS: Scenario[] = [
  { name: 'created', op: 'createOrder', token: TOKEN, body: ORDER },
  { name: 'created with a key', op: 'createOrder', token: TOKEN, body: ORDER, idempotencyKey: 'clients-key-1' },
  { name: 'replayed', op: 'createOrder', token: TOKEN, body: ORDER, idempotencyKey: 'clients-key-1' },
  { name: '409 key reused', op: 'createOrder', token: TOKEN, body: { ...ORDER, notes: 'another order' }, idempotencyKey: 'clients-key-1' },
  { name: '400 sum', op: 'createOrder', token: TOKEN, body: { ...ORDER, totalAmount: 1 } },
  { name: '400 format character in an id', op: 'createOrder', token: TOKEN, body: { ...ORDER, items: [{ ...ORDER.items[0], productId: 'prod-\u200b' }, ORDER.items[1]] } },
  { name: '401 no token', op: 'createOrder', body: ORDER },
  { name: '401 unreadable token', op: 'getOrder', token: 'not-a-token', orderId: 'o-1' },
  { name: '403 another customer in the body', op: 'createOrder', token: TOKEN, body: { ...ORDER, customerId: 'cust-other' } },
  { name: '413 over the function\'s limit', op: 'createOrder', token: TOKEN, body: { ...ORDER, notes: 'x'.repeat(MAX_BODY_BYTES) } },
  { name: '413 over API Gateway\'s 10 MB', op: 'createOrder', token: TOKEN, body: { ...ORDER, notes: 'x'.repeat(10 * 1024 * 1024 + 1) } },
  { name: '415 text/plain', op: 'createOrder', token: TOKEN, body: ORDER, contentType: 'text/plain' },
  { name: '404 unknown order', op: 'getOrder', token: TOKEN, orderId: '00000000-0000-4000-8000-000000000000' },
  { name: '404 undecodable order path', op: 'getOrder', token: TOKEN, orderId: 'x', rawPath: '/orders/%FF' },
  { name: '404 undecodable list path', op: 'listCustomerOrders', token: TOKEN, customerId: 'x', rawPath: '/customers/%FF/orders' },
  { name: 'list', op: 'listCustomerOrders', token: TOKEN, customerId: CUSTOMER, limit: 1 },
  { name: '400 limit', op: 'listCustomerOrders', token: TOKEN, customerId: CUSTOMER, limit: 1000 },
  { name: '403 another customer\'s list', op: 'listCustomerOrders', token: TOKEN, customerId: 'cust-other' },
];
/** Sent while the store is stalled. */
const STALLED: Scenario[] = [{ name: '503 stalled store', op: 'createOrder', token: TOKEN, body: { ...ORDER, notes: 'stalled' } }];

interface Result { readonly name: string; readonly status: number; readonly body: unknown; readonly read: string }

const ROUTE_OF: Record<Scenario['op'], string> = {
  createOrder: 'POST /orders',
  getOrder: 'GET /orders/{orderId}',
  listCustomerOrders: 'GET /customers/{customerId}/orders',
  cancelOrder: 'POST /orders/{orderId}/cancel',
  changeOrderStatus: 'POST /orders/{orderId}/status',
};

let engine: DynamoDbLocal;
let proxy: StallingProxy;
let api: LocalApiProcess;
let runTs: (scenarios: readonly object[]) => Promise<Result[]>;
let runPython: (scenarios: readonly object[]) => Promise<Result[]>;

/** Runs a client with the scenarios on stdin. Asynchronously: the proxy in this process must keep forwarding meanwhile. */
function runClient(command: string, args: string[], scenarios: readonly object[], env: Record<string, string> = {}): Promise<Result[]> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { err += c; });
  child.stdin.end(JSON.stringify(scenarios));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${path.basename(args[args.length - 2] ?? command)} crashed (exit ${code}):\n${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

beforeAll(async () => {
  // The clients, generated from the committed document as an app would.
  fs.rmSync(GENERATED, { recursive: true, force: true });
  fs.mkdirSync(GENERATED, { recursive: true });
  const tsDir = path.join(CLIENTS, 'generated');
  fs.mkdirSync(tsDir, { recursive: true });
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'openapi-typescript'), [OPENAPI_FILE, '-o', path.join(tsDir, 'api.d.ts')], { cwd: ROOT, stdio: 'pipe' });
  const tsconfig = path.join(GENERATED, 'tsconfig.json');
  fs.writeFileSync(tsconfig, JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', esModuleInterop: true, types: ['node'] },
    files: [path.join(CLIENTS, 'order-client.ts')],
  }));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], { cwd: ROOT, stdio: 'pipe' });
  // No post hooks: the default ones format the code with ruff, which is not installed and changes nothing that runs.
  const pyConfig = path.join(GENERATED, 'openapi-python-client.json');
  fs.writeFileSync(pyConfig, JSON.stringify({ post_hooks: [] }));
  execFileSync(venvExecutable('openapi-python-client', 'openapi-python-client'), [
    'generate', '--path', OPENAPI_FILE, '--meta', 'none', '--output-path', path.join(GENERATED, 'order_api_client'), '--overwrite', '--config', pyConfig,
  ], { cwd: ROOT, stdio: 'pipe' });

  engine = await startDynamoDbLocal();
  const client = engine.client();
  await createOrdersTable(client, TABLE, { stream: true });
  client.destroy();
  proxy = await startStallingProxy({ host: '127.0.0.1', port: engine.port });
  api = await startLocalApiProcess(['--authorizer', 'jwt', '--dynamodb-endpoint', proxy.endpoint, '--table', TABLE, '--quiet', '--no-events']);

  runTs = (scenarios) => runClient(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(CLIENTS, 'order-client.ts'), api.url], scenarios,
    { TS_NODE_PROJECT: 'tsconfig.dev.json' });
  runPython = (scenarios) => runClient(venvExecutable('openapi-python-client', 'python'), [path.join(CLIENTS, 'order_client.py'), api.url], scenarios,
    { PYTHONPATH: GENERATED });
});

afterAll(async () => {
  await api?.stop();
  await proxy?.close();
  await engine?.stop();
});

function checkAgainstDocument(results: Result[], scenarios: Scenario[]): void {
  const problems: string[] = [];
  for (const [i, r] of results.entries()) {
    const valid = documentedBodyValid(ROUTE_OF[scenarios[i].op], r.status, r.body);
    if (valid !== true) problems.push(`${r.name}: ${r.status} ${valid === undefined ? 'undocumented' : 'invalid body'} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
  expect(problems).toEqual([]);
}

/** The local API's own diagnostics, shown when a status differs from the expected one. */
function withDiagnostics<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    (e as Error).message += `\nlocal API stderr (tail):\n${api.stderr().slice(-3000)}\nstdout (tail):\n${api.stdout().slice(-3000)}`;
    throw e;
  }
}

const EXPECTED_STATUSES = {
  'created': 200,
  'created with a key': 200,
  'replayed': 200,
  '409 key reused': 409,
  '400 sum': 400,
  '400 format character in an id': 400,
  '401 no token': 401,
  '401 unreadable token': 401,
  '403 another customer in the body': 403,
  '413 over the function\'s limit': 413,
  '413 over API Gateway\'s 10 MB': 413,
  '415 text/plain': 415,
  '404 unknown order': 404,
  '404 undecodable order path': 404,
  '404 undecodable list path': 404,
  'list': 200,
  '400 limit': 400,
  '403 another customer\'s list': 403,
  'created for the lifecycle': 200,
  '412 cancel at another version': 412,
  '409 ship a pending order': 409,
  'confirmed': 200,
  'cancelled': 200,
};

describe.each([
  ['TypeScript (openapi-typescript + openapi-fetch)', () => runTs, 'clients-lifecycle-ts'],
  ['Python (openapi-python-client)', () => runPython, 'clients-lifecycle-py'],
])('%s', (_name, runner, lifecycleKey) => {
  test('every status the local API produces is read without a crash, and every body is valid for its documented status', async () => {
    const scenarios = [...SCENARIOS, ...lifecycleScenarios(lifecycleKey)];
    const results = await runner()(scenarios);
    withDiagnostics(() => expect(Object.fromEntries(results.map((r) => [r.name, r.status]))).toEqual(EXPECTED_STATUSES));
    checkAgainstDocument(results, scenarios);
    // Both shapes were met and told apart through the generated types.
    expect(results.filter((r) => r.read.startsWith('gateway: ')).map((r) => r.status).sort()).toEqual([401, 401, 404, 404, 413]);
    expect(results.find((r) => r.name === '400 format character in an id')!.body).toMatchObject({ field: 'items[0].productId', rule: 'characters' });
  });

  test('503 with a stalled store: read, documented, and it says the order may have been stored', async () => {
    proxy.stall();
    let results: Result[];
    try {
      results = await runner()(STALLED);
    } finally {
      proxy.release();
    }
    expect(results.map((r) => r.status)).toEqual([503]);
    checkAgainstDocument(results, STALLED);
    expect(results[0].read).toMatch(/may or may not have been stored/);
  });
});

/**
 * Every operation of the document, whatever it is, called once through the Python client's generated code for it:
 * unknown ids in the path (the token's customer for a customer id), `{}` as a body where one is taken. Whatever the
 * answer (often a 400 or 404), the client must read it and it must be documented.
 */
interface GenericCall {
  readonly name: string;
  readonly op: string;
  readonly generic: true;
  readonly tag: string;
  readonly method: string;
  readonly path: string;
  readonly token: string;
  readonly body?: object;
}

function everyOperation(): GenericCall[] {
  return Object.entries(OPENAPI.paths as Record<string, Record<string, { operationId: string; tags: string[]; requestBody?: unknown }>>)
    .flatMap(([template, item]) => Object.entries(item).map(([method, op]) => ({
      name: `${op.operationId} (generic)`,
      op: op.operationId,
      generic: true as const,
      tag: op.tags[0],
      method: method.toUpperCase(),
      path: template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'customerId' ? CUSTOMER : 'generic-unknown-id')),
      token: TOKEN,
      ...(op.requestBody !== undefined && { body: {} }),
    })));
}

test('Python: every operation of the document, called generically, is read and documented', async () => {
  const scenarios = everyOperation();
  expect(scenarios.length).toBeGreaterThanOrEqual(3);
  const results = await runPython(scenarios);
  const problems: string[] = [];
  for (const [i, r] of results.entries()) {
    const s = scenarios[i];
    const template = Object.keys(OPENAPI.paths).find((t) => new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(s.path))!;
    if (documentedBodyValid(`${s.method} ${template}`, r.status, r.body) !== true) problems.push(`${r.name}: ${r.status} ${JSON.stringify(r.body)}`);
    if (r.status >= 500) problems.push(`${r.name}: ${r.status}`);
  }
  expect(problems).toEqual([]);
});

test('the statuses covered here and the ones the docs list as untested locally make up every documented status', () => {
  const documented = new Set<string>();
  for (const item of Object.values(OPENAPI.paths) as Record<string, { responses: Record<string, unknown> }>[]) {
    for (const op of Object.values(item)) for (const s of Object.keys(op.responses)) documented.add(s);
  }
  const covered = new Set([...Object.values(EXPECTED_STATUSES), 503].map(String));
  const untestedLocally = ['429', '500'];
  expect([...documented].filter((s) => !covered.has(s) && !untestedLocally.includes(s))).toEqual([]);
  const runningLocally = fs.readFileSync(path.join(ROOT, 'docs', 'running-locally.md'), 'utf8');
  for (const s of untestedLocally) expect(runningLocally).toMatch(new RegExp(`\\| ${s} \\|`));
});
