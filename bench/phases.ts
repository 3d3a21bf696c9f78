/**
 * The two phases of the full benchmark, each with the DynamoDB Local it needs:
 * - in memory (as the local API's default): the latency runs, the rate search, the idempotency storm, metrics
 *   publishing failing and the engine frozen;
 * - file-backed, so it can be stopped and started again on the same data mid-run.
 * Every process a phase starts is stopped when the phase ends, whatever happens; see {@link Cleanups}.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BUDGETS, sustainedWithinBudget } from './budgets';
import { dynamoItemBytes } from './cost';
import { faultRun, FaultResult } from './faults';
import { idempotencyStorm, StormResult } from './idempotency-storm';
import { measuredRun, runLoad, RunSummary, serverLogFile, startServer, warmUp } from './load-runs';
import { orderBody } from './loadgen';
import { BenchPlan } from './plan';
import { searchHighestSustainedRate } from './rate-search';
import { BENCH_TABLE, log, postOrder, WORK } from './support';
import { freePort, startDynamoDbLocal } from '../local/dynamodb-local';
import { ORDERS_TABLE } from '../src/contract/orders-table';

/** Stop functions, run last-started first; also on SIGINT/SIGTERM, so no engine or server outlives the benchmark. */
export class Cleanups {
  private readonly stops: Array<() => Promise<void>> = [];
  defer(stop: () => Promise<void>): void { this.stops.push(stop); }
  async run(): Promise<void> {
    while (this.stops.length) await this.stops.pop()!().catch(() => undefined);
  }
}

export interface InMemoryPhase {
  /** DynamoDB size of a stored seed order, for the cost estimate. */
  itemBytes: number;
  runs: RunSummary[];
  search: RunSummary[];
  maxSustainedRps: number;
  /** A fixed-rate run whose server CPU per acknowledged order is the local API's overhead. */
  overhead: RunSummary;
  storm: StormResult;
  /** Handler log bytes per acknowledged order over the latency runs and the search, from the server's stdout. */
  handlerLogBytesPerOrder: number;
  pause: FaultResult;
  metricsDown: FaultResult;
}

export async function inMemoryPhase(plan: BenchPlan, cleanups: Cleanups): Promise<InMemoryPhase> {
  log('starting DynamoDB Local (in memory)...');
  const engine = await startDynamoDbLocal();
  cleanups.defer(() => engine.stop());
  const raw = engine.client();
  const doc = DynamoDBDocumentClient.from(raw);
  // The intake path alone: on AWS the order-events consumer is another function on other instances, so here it
  // would only take CPU from the handler it never shares a Lambda instance with. Events have their own phase.
  const server = await startServer({ endpoint: engine.endpoint, table: BENCH_TABLE, metrics: 'emf', name: 'emf', orderEvents: false });
  cleanups.defer(() => server.stop());
  const logBytes0 = fs.statSync(serverLogFile('emf')).size;

  // One seed order for the item size in the cost estimate.
  const seed = await postOrder(server.url, orderBody('cust-12345'));
  const seedId = JSON.parse(seed.body).orderId as string;
  const key = { [ORDERS_TABLE.partitionKey]: { S: seedId } };
  const seedItem = (await raw.send(new GetItemCommand({ TableName: BENCH_TABLE, Key: key }))).Item ?? {};
  const itemBytes = dynamoItemBytes(seedItem);

  await warmUp(server.url, plan.short ? 500 : 5000);
  log(`warm-up: 200 req/s for ${plan.warmupS} s (open loop)`);
  await runLoad(server.url, 'warmup', 200, plan.warmupS, 0);

  const runs: RunSummary[] = [];
  for (const rate of plan.rates) runs.push(await measuredRun(server, engine, doc, `load-${rate}`, rate, 3, plan.durationS));

  const searchStart = Date.now();
  const { trials: search, highestSustainedRps: maxSustainedRps } = await searchHighestSustainedRate(
    (rate) => measuredRun(server, engine, doc, `search-${rate}`, rate, 2, plan.searchDurationS),
    sustainedWithinBudget,
    {
      known: runs.map((r) => ({ rate: r.offeredRps, sustained: sustainedWithinBudget(r) })),
      stepUp: plan.searchStepUpRps,
      resolution: plan.searchResolutionRps,
      ceiling: plan.searchCeilingRps,
      mayContinue: () => (Date.now() - searchStart) / 1000 <= plan.searchBudgetS,
    },
  );

  // The local API's overhead: CPU per order at a fixed rate inside what the machine sustains, so queueing does not
  // enter it (the server runs with its access log off, --quiet).
  const overhead = await measuredRun(server, engine, doc, `overhead-${BUDGETS.localApiOverheadRps}`, BUDGETS.localApiOverheadRps, 3, plan.durationS);

  const storm = await idempotencyStorm(server.url, doc);
  const handlerLogBytesPerOrder = (fs.statSync(serverLogFile('emf')).size - logBytes0) /
    Math.max(1, [...runs, ...search, overhead].reduce((s, r) => s + r.acked, 0));

  const deadPort = await freePort(); // nothing listens there: every PutMetricData call is refused
  const pmdServer = await startServer({
    endpoint: engine.endpoint,
    table: BENCH_TABLE,
    metrics: 'put-metric-data',
    name: 'put-metric-data',
    env: { AWS_ENDPOINT_URL_CLOUDWATCH: `http://127.0.0.1:${deadPort}` },
    orderEvents: false,
  });
  cleanups.defer(() => pmdServer.stop());
  await warmUp(pmdServer.url, plan.short ? 200 : 1000);
  const metricsDown = await faultRun({
    name: 'metrics-failing',
    description: `PutMetricData bundle with its CloudWatch endpoint refusing connections (127.0.0.1:${deadPort})`,
    server: pmdServer,
    doc,
    table: BENCH_TABLE,
    rate: 100,
    durationS: 15,
    injectAtS: 0,
    recoverAtS: 0,
    inject: () => undefined,
    recover: () => undefined,
    expectErrors: false,
  });
  await pmdServer.stop();

  const pause = await faultRun({
    name: 'engine-paused',
    description: 'DynamoDB Local frozen with SIGSTOP for 12 s (longer than the handler\'s 10 s store deadline), then SIGCONT',
    server,
    doc,
    table: BENCH_TABLE,
    rate: 100,
    durationS: 30,
    injectAtS: 5,
    recoverAtS: 17,
    inject: () => engine.pause(),
    recover: () => engine.resume(),
    expectErrors: true,
  });
  await cleanups.run();
  return { itemBytes, runs, search, maxSustainedRps, overhead, storm, handlerLogBytesPerOrder, pause, metricsDown };
}

export async function fileBackedPhase(plan: BenchPlan, cleanups: Cleanups): Promise<FaultResult> {
  const dbPath = path.join(WORK, 'ddb-file');
  fs.rmSync(dbPath, { recursive: true, force: true });
  log('starting DynamoDB Local (file-backed)...');
  let fileEngine = await startDynamoDbLocal({ dbPath });
  const enginePort = fileEngine.port;
  cleanups.defer(() => fileEngine.stop());
  const fileDoc = DynamoDBDocumentClient.from(fileEngine.client());
  const fileServer = await startServer({ endpoint: fileEngine.endpoint, table: BENCH_TABLE, metrics: 'emf', name: 'emf-file', orderEvents: false });
  cleanups.defer(() => fileServer.stop());
  await warmUp(fileServer.url, plan.short ? 200 : 2000);
  const restart = await faultRun({
    name: 'engine-stopped',
    description: 'file-backed DynamoDB Local stopped (SIGTERM) and started again on the same port and data directory',
    server: fileServer,
    doc: fileDoc,
    table: BENCH_TABLE,
    rate: 50,
    durationS: 30,
    injectAtS: 5,
    recoverAtS: 9,
    inject: () => fileEngine.stop(),
    recover: async () => { fileEngine = await startDynamoDbLocal({ dbPath, port: enginePort }); },
    expectErrors: true,
  });
  await cleanups.run();
  return restart;
}
