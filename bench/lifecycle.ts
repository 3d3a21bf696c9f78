/**
 * The lifecycle's benchmark rows, on DynamoDB Local (`npx projen bench:lifecycle`; writes bench/results/lifecycle.md):
 * - transition CPU with I/O: the status-change handler (request parsing, the decision, the UpdateItem through the
 *   platform's client, the view, the response, logs and EMF) against the SDK's UpdateItem alone, the same request
 *   through a client built the same way; process CPU per call, after a warm-up, in this process (the engine is another);
 * - the bundle's size, its init (import with priming) and first invocation against warm p50, in fresh processes;
 * - events == transitions under a steady mixed load (create, confirm, ship, cancel), with the consumer bundle on the
 *   table's stream, and the lag from a change to its event.
 * Not part of `npx projen bench` (its report and budgets are the other functions'); this prints and writes its own.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createOrdersTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../local/dynamodb-local';
import { startLocalOrderEvents, StreamHandler } from '../local/order-events';
import { SEED_EXAMPLE_ORDER } from '../local/seed-example';
import { HANDLER_ENV, ORDER_EVENTS_BUNDLE, ORDER_LIFECYCLE_BUNDLE, ORDER_LIFECYCLE_ENV } from '../src/contract/platform';
import { createStatusChangeHandler } from '../src/functions/change-order-status/change-order-status';
import { readStatusRequest } from '../src/functions/change-order-status/core/request';
import { changeOf } from '../src/functions/change-order-status/core/transition';
import { DynamoOrderStatusStore, updateOf } from '../src/functions/change-order-status/io/dynamo-status-store';
import { createOrderHandler } from '../src/functions/create-order/create-order';
import { DynamoOrderStore } from '../src/functions/create-order/io/dynamo-store';
import { createDynamoDbClient } from '../src/functions/runtime/aws-clients';
import { createEmfPublisher } from '../src/functions/runtime/emf-publisher';
import { createLogger } from '../src/functions/runtime/logger';
import { cancelEvent, statusEvent } from '../test/functions/change-order-status/support';
import { lambdaContext, orderEvent } from '../test/functions/create-order/support';

const ROOT = path.resolve(__dirname, '..');
const TABLE = 'orders-bench-lifecycle';
const EVENTS_TABLE = 'orders-bench-lifecycle-events';
const BUNDLE = path.join(ROOT, ORDER_LIFECYCLE_BUNDLE, 'index.mjs');
const CPU_WARMUP = 300;
const CPU_CALLS = 2000;
const COLD_RUNS = 7;
const WARM_CALLS = 30;
const LOAD_SECONDS = 10;
const LOAD_RATE = 40;

// ts-node compiles this file to CommonJS, where `import()` would become `require()`, which cannot load an ES module.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;
const nowhere = () => undefined;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const engine = await startDynamoDbLocal();
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
    [HANDLER_ENV.tableName]: TABLE,
    [HANDLER_ENV.logLevel]: 'ERROR',
    [ORDER_LIFECYCLE_ENV.cancelAccess]: 'IAM',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  });
  const admin: DynamoDBClient = engine.client();
  await createOrdersTable(admin, TABLE, { stream: true });
  const lines: string[] = [];
  const row = (line: string) => { lines.push(line); process.stdout.write(`${line}\n`); };
  try {
    const create = createOrderHandler({
      config: { tableName: TABLE, metricsDimensionValue: 'bench', logLevel: 'ERROR' },
      store: new DynamoOrderStore(createDynamoDbClient(), TABLE),
      metrics: createEmfPublisher({ namespace: 'bench', dimensionName: 'Environment', dimensionValue: 'bench', write: nowhere }),
      logger: createLogger('ERROR', nowhere),
    });
    const place = async () => {
      const res = await create(orderEvent(SEED_EXAMPLE_ORDER), lambdaContext()) as { statusCode: number; body: string };
      if (res.statusCode !== 200) throw new Error(`create answered ${res.statusCode}`);
      return JSON.parse(res.body).orderId as string;
    };
    const placeMany = async (n: number) => { const ids: string[] = []; for (let i = 0; i < n; i++) ids.push(await place()); return ids; };

    // --- CPU per transition, with I/O, against the SDK's UpdateItem alone ----------------------------------------
    const change = createStatusChangeHandler({
      config: { tableName: TABLE, logLevel: 'INFO', cancelAccess: 'IAM', metricsDimensionValue: 'bench' },
      store: new DynamoOrderStatusStore(createDynamoDbClient(), TABLE),
      // As deployed: an INFO log line and an EMF line per change, written (here to nowhere).
      metrics: createEmfPublisher({ namespace: 'bench', dimensionName: 'Environment', dimensionValue: 'bench', write: nowhere }),
      logger: createLogger('INFO', nowhere),
    });
    const sdk = createDynamoDbClient();
    const forHandler = await placeMany(CPU_WARMUP + CPU_CALLS);
    const forSdk = await placeMany(CPU_WARMUP + CPU_CALLS);
    const cpuOf = async (ids: string[], call: (id: string) => Promise<void>) => {
      for (const id of ids.slice(0, CPU_WARMUP)) await call(id);
      const t = process.cpuUsage();
      for (const id of ids.slice(CPU_WARMUP)) await call(id);
      const u = process.cpuUsage(t);
      return (u.user + u.system) / CPU_CALLS; // microseconds per call
    };
    const handlerCpu = await cpuOf(forHandler, async (id) => {
      const r = await change(statusEvent(id, { status: 'confirmed' }), lambdaContext()) as { statusCode: number };
      if (r.statusCode !== 200) throw new Error(`change answered ${r.statusCode}`);
    });
    // The very request the handler sends, built once per call as the store builds it.
    const sdkCpu = await cpuOf(forSdk, async (id) => {
      const input = updateOf(changeOf(readStatusRequest(statusEvent(id, { status: 'confirmed' })), Date.now()));
      await sdk.send(new UpdateItemCommand({ TableName: TABLE, ...input }));
    });
    const ratio = handlerCpu / sdkCpu;
    row('| measure | figure | budget | verdict |');
    row('|---|---|---|---|');
    row(`| transition CPU with I/O (handler, per change) | ${handlerCpu.toFixed(0)} µs | | |`);
    row(`| the SDK's UpdateItem alone (same request, same client settings) | ${sdkCpu.toFixed(0)} µs | | |`);
    row(`| ratio | ${ratio.toFixed(2)} | <= 1.25 | ${ratio <= 1.25 ? 'pass' : 'FAIL'} |`);

    // --- The bundle: size, init, first invocation ----------------------------------------------------------------
    const size = fs.statSync(BUNDLE).size;
    row(`| bundle size (${ORDER_LIFECYCLE_BUNDLE}/index.mjs) | ${(size / 1024).toFixed(1)} KiB | <= 300 KiB | ${size <= 300 * 1024 ? 'pass' : 'FAIL'} |`);
    const inits: number[] = [];
    const firsts: number[] = [];
    const warms: number[] = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      const ids = await placeMany(WARM_CALLS + 1);
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(__dirname, 'time-first-change.mjs'), pathToFileURL(BUNDLE).href, ids.join(',')],
          { env: { PATH: process.env.PATH, ...pick(process.env) }, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => { err += d; });
        child.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`cold run exited ${code}: ${err}`))));
      });
      const m = /FIRST (.*)/.exec(out);
      if (!m) throw new Error(`no FIRST line: ${out}`);
      const r = JSON.parse(m[1]) as { initMs: number; firstMs: number; warmMs: number[]; statuses: number[] };
      if (r.statuses.some((s) => s !== 200)) throw new Error(`cold run statuses ${r.statuses}`);
      inits.push(r.initMs);
      firsts.push(r.firstMs);
      warms.push(median(r.warmMs));
    }
    const warmP50 = median(warms);
    const firstBudget = 1.5 * warmP50 + 2;
    row(`| init (import with priming), median of ${COLD_RUNS} fresh processes | ${median(inits).toFixed(1)} ms | | |`);
    row(`| first invocation, median | ${median(firsts).toFixed(2)} ms | <= 1.5 x warm p50 + 2 ms = ${firstBudget.toFixed(2)} ms | ${median(firsts) <= firstBudget ? 'pass' : 'FAIL'} |`);
    row(`| warm invocation p50 (${WARM_CALLS} per process) | ${warmP50.toFixed(2)} ms | | |`);
    row(`| modelled cold request (init + first invocation) | ${(median(inits) + median(firsts)).toFixed(1)} ms | | |`);

    // --- Events == transitions under a steady mixed load ----------------------------------------------------------
    // A table of its own, so the consumer starts with an empty stream and counts only this load's changes.
    await createOrdersTable(admin, EVENTS_TABLE, { stream: true });
    const loadCreate = createOrderHandler({
      config: { tableName: EVENTS_TABLE, metricsDimensionValue: 'bench', logLevel: 'ERROR' },
      store: new DynamoOrderStore(createDynamoDbClient(), EVENTS_TABLE),
      metrics: createEmfPublisher({ namespace: 'bench', dimensionName: 'Environment', dimensionValue: 'bench', write: nowhere }),
      logger: createLogger('ERROR', nowhere),
    });
    const loadChange = createStatusChangeHandler({
      config: { tableName: EVENTS_TABLE, logLevel: 'INFO', cancelAccess: 'IAM', metricsDimensionValue: 'bench' },
      store: new DynamoOrderStatusStore(createDynamoDbClient(), EVENTS_TABLE),
      metrics: createEmfPublisher({ namespace: 'bench', dimensionName: 'Environment', dimensionValue: 'bench', write: nowhere }),
      logger: createLogger('INFO', nowhere),
    });
    let failures = 0;
    // On a loaded machine DynamoDB Local can miss the client's 3 s timeout: such a request is counted, not fatal.
    const loadPlace = async (): Promise<string | undefined> => {
      const res = await loadCreate(orderEvent(SEED_EXAMPLE_ORDER), lambdaContext()) as { statusCode: number; body: string };
      if (res.statusCode !== 200) { failures++; return undefined; }
      return JSON.parse(res.body).orderId as string;
    };
    const changeOk = async (event: ReturnType<typeof statusEvent>): Promise<boolean> => {
      const res = await loadChange(event, lambdaContext()) as { statusCode: number };
      if (res.statusCode !== 200) failures++;
      return res.statusCode === 200;
    };
    const placed = (id: string | undefined) => { if (id !== undefined) { pending.push(id); creates++; } };
    const pending: string[] = [];
    const confirmed: string[] = [];
    let creates = 0;
    const events = await startLocalOrderEvents({
      dynamoDbEndpoint: engine.endpoint,
      tableName: EVENTS_TABLE,
      load: async (file) => (await importEsm(pathToFileURL(file).href)).handler as StreamHandler,
      bundlePath: path.join(ROOT, ORDER_EVENTS_BUNDLE, 'index.mjs'),
      log: nowhere,
      pollIntervalMs: 50,
    });
    try {
      const before = events.stub.events.length;
      let transitions = 0;
      const ops = ['create', 'confirm', 'ship', 'cancel'] as const;
      const t0 = Date.now();
      const total = LOAD_SECONDS * LOAD_RATE;
      const inflight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = t0 + (i * 1000) / LOAD_RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        const op = ops[i % ops.length];
        inflight.push((async () => {
          if (op === 'create' || (op === 'confirm' && pending.length === 0)) { placed(await loadPlace()); return; }
          if (op === 'confirm') {
            const id = pending.shift()!;
            if (await changeOk(statusEvent(id, { status: 'confirmed' }))) { transitions++; confirmed.push(id); }
            return;
          }
          if (op === 'ship' && confirmed.length > 0) {
            const id = confirmed.shift()!;
            if (await changeOk(statusEvent(id, { status: 'shipped' }))) transitions++;
            return;
          }
          const id = pending.shift() ?? confirmed.shift();
          if (id === undefined) { placed(await loadPlace()); return; }
          if (await changeOk(cancelEvent(id, { reason: 'bench' }))) transitions++;
        })());
      }
      await Promise.all(inflight);
      const expected = creates + transitions;
      const deadline = Date.now() + 30_000;
      while (events.stub.events.length - before < expected && Date.now() < deadline) await sleep(100);
      const mine = events.stub.events.slice(before);
      const changed = mine.filter((e) => e.detailType === 'OrderStatusChanged');
      const lags = changed.map((e) => e.receivedAt - Date.parse(JSON.parse(e.detail).changedAt));
      row(`| steady mixed load (${LOAD_RATE}/s for ${LOAD_SECONDS} s): creates / transitions / failed requests | ${creates} / ${transitions} / ${failures} | | |`);
      row(`| OrderCreated / OrderStatusChanged events | ${mine.length - changed.length} / ${changed.length} | events == transitions | ${changed.length === transitions && mine.length === expected ? 'pass' : 'FAIL'} |`);
      row(`| event lag after a change, p50 / p99 / max (local poller every 50 ms) | ${pct(lags, 0.5)} / ${pct(lags, 0.99)} / ${Math.max(...lags)} ms | | |`);
    } finally {
      await events.stop();
    }
  } finally {
    admin.destroy();
    await engine.stop();
  }
  const header = [
    '# The lifecycle\'s benchmark rows',
    '',
    `Measured by \`npx ts-node --transpile-only --project tsconfig.dev.json bench/lifecycle.ts\` on ${new Date().toISOString()}, ` +
      `Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, against DynamoDB Local.`,
    '',
  ];
  fs.writeFileSync(path.join(__dirname, 'results', 'lifecycle.md'), `${[...header, ...lines].join('\n')}\n`);
}

/** The environment a cold-start process gets: what the construct sets, local credentials and endpoint. */
function pick(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE', HANDLER_ENV.tableName, HANDLER_ENV.logLevel, ORDER_LIFECYCLE_ENV.cancelAccess];
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]!]));
}

main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
