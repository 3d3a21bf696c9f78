/**
 * Priming during init (src/functions/runtime/prime.ts), on the real bundles: with DynamoDB unreachable the init still ends
 * within the priming timeout, with one warning and no error; with DynamoDB Local reachable it ends without a warning
 * and writes nothing. "Ready" is the moment the bundle's import, top-level await included, has finished.
 */
import * as net from 'node:net';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { BundleRunner, bundleEnv, EMF_BUNDLE, PMD_BUNDLE, READ_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, freePort, startDynamoDbLocal } from '../../local/dynamodb-local';
import { READ_API_ENV } from '../../src/contract/platform';
import { PRIME_TIMEOUT_MS } from '../../src/functions/runtime/prime';
import { orderEvent, SEED_BODY } from '../functions/create-order/support';

const TABLE = 'orders-priming';
/** Process start and the import itself on a busy shared machine, on top of the priming timeout. */
const INIT_SLACK_MS = 4_000;
const BUNDLES = [['order handler (EMF)', EMF_BUNDLE], ['order handler (PutMetricData)', PMD_BUNDLE], ['read function', READ_BUNDLE]] as const;

const runners: BundleRunner[] = [];
afterAll(async () => { await Promise.all(runners.map((r) => r.close())); });

function env(endpoint: string): Record<string, string> {
  return bundleEnv(TABLE, {
    [READ_API_ENV.access]: 'IAM',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    // The PutMetricData bundle's metrics go nowhere: this test is about DynamoDB.
    AWS_ENDPOINT_URL_CLOUDWATCH: endpoint,
  });
}

async function timedStart(bundle: string, endpoint: string): Promise<{ runner: BundleRunner; initMs: number }> {
  const t0 = Date.now();
  const runner = await BundleRunner.start(bundle, env(endpoint));
  runners.push(runner);
  return { runner, initMs: Date.now() - t0 };
}

const primingWarnings = (r: BundleRunner) => r.stdout.filter((l) => typeof l.message === 'string' && /priming/.test(l.message as string));

describe('DynamoDB that accepts connections and never answers', () => {
  let blackhole: net.Server;
  let connections = 0;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    blackhole = net.createServer((s) => { connections++; sockets.push(s); s.on('error', () => undefined); });
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => blackhole.close(resolve));
  });

  test.each(BUNDLES)('%s: init ends within the priming timeout, with one warning', async (_name, bundle) => {
    const before = connections;
    const port = (blackhole.address() as net.AddressInfo).port;
    const { runner, initMs } = await timedStart(bundle, `http://127.0.0.1:${port}`);
    expect(initMs).toBeGreaterThanOrEqual(PRIME_TIMEOUT_MS);
    expect(initMs).toBeLessThan(PRIME_TIMEOUT_MS + INIT_SLACK_MS);
    // The priming request really went out, and its failure was logged once, as a warning.
    expect(connections).toBeGreaterThan(before);
    expect(primingWarnings(runner)).toEqual([expect.objectContaining({ level: 'WARN', message: 'DynamoDB client priming timed out', timeoutMs: PRIME_TIMEOUT_MS })]);
    expect(runner.stderr).not.toMatch(/Unhandled|Uncaught|Error\b/);
  });
});

describe('DynamoDB refusing connections (nothing listens on its port)', () => {
  test.each(BUNDLES)('%s: init ends at once, with one warning', async (_name, bundle) => {
    const port = await freePort();
    const { runner, initMs } = await timedStart(bundle, `http://127.0.0.1:${port}`);
    expect(initMs).toBeLessThan(PRIME_TIMEOUT_MS + INIT_SLACK_MS);
    const warnings = primingWarnings(runner);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'WARN' });
    expect(String(warnings[0].message)).toMatch(/^DynamoDB client priming (failed|timed out)$/);
    expect(runner.stderr).not.toMatch(/Unhandled|Uncaught|Error\b/);
  });

  test('the order handler primed against a dead endpoint still answers: 503, not a crash', async () => {
    const port = await freePort();
    const { runner } = await timedStart(EMF_BUNDLE, `http://127.0.0.1:${port}`);
    const res = await runner.invoke(orderEvent(SEED_BODY));
    expect(res.error).toBeUndefined();
    expect(res.result!.statusCode).toBe(503);
  });
});

describe('DynamoDB Local reachable', () => {
  let engine: DynamoDbLocal;
  beforeAll(async () => {
    engine = await startDynamoDbLocal();
    await createOrdersTable(engine.client(), TABLE);
  });
  afterAll(async () => { await engine?.stop(); });

  test.each(BUNDLES)('%s: priming logs nothing and writes nothing', async (_name, bundle) => {
    const { runner } = await timedStart(bundle, engine.endpoint);
    expect(primingWarnings(runner)).toEqual([]);
    expect(runner.stdout).toEqual([]);
    const scan = await engine.client().send(new ScanCommand({ TableName: TABLE, Select: 'COUNT', ConsistentRead: true }));
    expect(scan.Count).toBe(0);
  });
});
