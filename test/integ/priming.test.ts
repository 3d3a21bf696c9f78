/**
 * Priming and rehearsal during init (src/functions/runtime/prime.ts, rehearsal.ts), on the real bundles: with the
 * service unreachable the init still ends within the priming timeout, with one warning and no error; with DynamoDB
 * Local (and the PutEvents stand-in) reachable it ends without a line of output, and the rehearsal's request reached
 * nothing: the table stays empty, nothing is published, no metric is sent. "Ready" is the moment the bundle's import,
 * top-level await included, has finished.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { BundleRunner, bundleEnv, EMF_BUNDLE, EVENTS_BUNDLE, EVENTS_PMD_BUNDLE, LIFECYCLE_BUNDLE, PMD_BUNDLE, READ_BUNDLE } from './bundle-runner';
import { createOrdersTable, DynamoDbLocal, freePort, startDynamoDbLocal } from '../../local/dynamodb-local';
import { EventBridgeStub, startEventBridgeStub } from '../../local/eventbridge-stub';
import { ORDER_EVENTS_ENV, ORDER_LIFECYCLE_ENV, READ_API_ENV } from '../../src/contract/platform';
import { PRIME_TIMEOUT_MS } from '../../src/functions/runtime/prime';
import { orderEvent, SEED_BODY } from '../functions/create-order/support';
import { insertRecord } from '../functions/order-events/support';

const TABLE = 'orders-priming';
/** Process start and the import itself on a busy shared machine, on top of the priming timeout. */
const INIT_SLACK_MS = 4_000;
const BUNDLES = [
  ['order handler (EMF)', EMF_BUNDLE], ['order handler (PutMetricData)', PMD_BUNDLE], ['read function', READ_BUNDLE],
  ['status-change function', LIFECYCLE_BUNDLE],
] as const;

const runners: BundleRunner[] = [];
afterAll(async () => { await Promise.all(runners.map((r) => r.close())); });

function env(endpoint: string): Record<string, string> {
  return bundleEnv(TABLE, {
    [READ_API_ENV.access]: 'IAM',
    [ORDER_LIFECYCLE_ENV.cancelAccess]: 'IAM',
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
    // The engine's own first reads (a cold JVM) can outlast the priming timeout on a busy machine: take them here.
    for (let i = 0; i < 3; i++) await engine.client().send(new ScanCommand({ TableName: TABLE, Select: 'COUNT', ConsistentRead: true }));
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

describe('the order-events consumer bundles', () => {
  const CONSUMERS = [['consumer (EMF)', EVENTS_BUNDLE], ['consumer (PutMetricData)', EVENTS_PMD_BUNDLE]] as const;
  const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/shop-priming-orders';
  let stub: EventBridgeStub;
  // Stands in for CloudWatch: counts PutMetricData requests and accepts them.
  let metricsServer: http.Server;
  let metricsRequests = 0;
  beforeAll(async () => {
    stub = await startEventBridgeStub();
    metricsServer = http.createServer((req, res) => {
      metricsRequests++;
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'text/xml' }); res.end('<PutMetricDataResponse/>'); });
    });
    await new Promise<void>((resolve) => metricsServer.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await stub?.stop();
    await new Promise((resolve) => metricsServer.close(resolve));
  });

  const consumerEnv = (eventBridgeEndpoint: string) => bundleEnv(TABLE, {
    [ORDER_EVENTS_ENV.bus]: BUS,
    [ORDER_EVENTS_ENV.source]: 'shop.orders',
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridgeEndpoint,
    AWS_ENDPOINT_URL_CLOUDWATCH: `http://127.0.0.1:${(metricsServer.address() as net.AddressInfo).port}`,
  });

  test.each(CONSUMERS)('%s: init primes with one DescribeEventBus, rehearses without a line of output, publishes nothing', async (_name, bundle) => {
    const before = { describe: stub.describeRequests, puts: stub.requests, events: stub.events.length, metrics: metricsRequests };
    const runner = await BundleRunner.start(bundle, consumerEnv(stub.url));
    runners.push(runner);
    expect(stub.describeRequests).toBe(before.describe + 1);
    expect(stub.requests).toBe(before.puts);
    expect(stub.events).toHaveLength(before.events);
    expect(metricsRequests).toBe(before.metrics);
    expect(runner.stdout).toEqual([]);
    expect(runner.stderr).not.toMatch(/Unhandled|Uncaught|Error\b/);
    // The handler that was rehearsed serves the first real batch: one event reaches the stand-in.
    const res = await runner.invokeWith({ Records: [insertRecord(7)] });
    expect(res.error).toBeUndefined();
    expect(res.result).toEqual({ batchItemFailures: [] });
    expect(stub.events).toHaveLength(before.events + 1);
  });

  test.each(CONSUMERS)('%s: EventBridge refusing connections: init ends at once, with one priming warning', async (_name, bundle) => {
    const port = await freePort();
    const t0 = Date.now();
    const runner = await BundleRunner.start(bundle, consumerEnv(`http://127.0.0.1:${port}`));
    runners.push(runner);
    expect(Date.now() - t0).toBeLessThan(PRIME_TIMEOUT_MS + INIT_SLACK_MS);
    expect(runner.stdout).toEqual([expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/^EventBridge client priming (failed|timed out)$/) })]);
    expect(runner.stderr).not.toMatch(/Unhandled|Uncaught|Error\b/);
  });
});
