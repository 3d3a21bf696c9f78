/**
 * The benchmark: every bundle's size and cold request (init, first invocation, warm invocations, the modelled cold
 * request), cold init, handler CPU per order, open-loop latency/throughput of the local order API at fixed rates, a
 * search for the highest rate within budget and its CPU per order at a fixed rate, correctness under load
 * (acknowledged == stored), an idempotency retry storm, fault injection, order events, and a cost estimate.
 * This file only puts the pieces in order; each job is a module of its own.
 *
 *   bench/run.ts           full run (a few minutes); writes bench/results/latest.{json,md} and latency.svg
 *   bench/run.ts --quick   bundle size, cold init and CPU per order only (seconds); prints, writes nothing
 *   bench/run.ts --short   the full pipeline with seconds per phase, results under .tmp/bench: a check, not a measurement
 *
 * Processes: this one owns DynamoDB Local (so it can pause and restart it); the local API runs in its own process
 * (local/cli.ts serve --dynamodb-endpoint ...), and so does the load generator (bench/loadgen.ts). Only 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetCheck, BUDGETS } from './budgets';
import { estimateCost, PRICES_RECORDED } from './cost';
import { EventsLagResult, measureEventsLag } from './events-lag';
import { FaultResult } from './faults';
import { handlerBudgets, quick, QuickResults } from './handler-figures';
import { Cleanups, fileBackedPhase, InMemoryPhase, inMemoryPhase } from './phases';
import { BenchPlan, benchPlan } from './plan';
import { BenchResults, CHART_FILE, latencyChart, markdown, quickReport } from './report';
import { log, ROOT, round, WORK } from './support';
import { startLocalOrderApi } from '../local/server';

/** The budget table of a full run: the bundles' rows, then the local API's overhead, load, correctness and faults. */
export function fullBudgets(q: QuickResults, p: InMemoryPhase, faults: readonly FaultResult[]): BudgetCheck[] {
  const loadRuns = [...p.runs, ...p.search, p.overhead];
  const asStore = q.sdkPutItem.find((v) => v.variant === 'as-store')!;
  // Every budget is a ratio to a floor measured in the same run, or a size: absolute local rates measure this machine
  // and DynamoDB Local, not the deployed platform, so the fixed-rate runs are reported (table, chart) but not judged.
  return [
    ...handlerBudgets(q),
    {
      budget: `local API overhead: the server's CPU per acknowledged order at ${p.overhead.offeredRps} req/s (access log off) <= ${BUDGETS.localApiOverheadFactor} x the SDK's PutItem alone (same run)`,
      measured: `${p.overhead.serverCpuMsPerOrder} ms vs ${asStore.cpuMsPerCall} ms: limit ${round(BUDGETS.localApiOverheadFactor * asStore.cpuMsPerCall, 4)} ms, ` +
        `${round(p.overhead.serverCpuMsPerOrder / asStore.cpuMsPerCall, 2)}x (${p.overhead.acked} orders acknowledged)`,
      met: p.overhead.acked > 0 && p.overhead.serverCpuMsPerOrder <= BUDGETS.localApiOverheadFactor * asStore.cpuMsPerCall,
    },
    { budget: 'acknowledged == stored (every load run)', measured: loadRuns.map((r) => `${r.offeredRps}/s: ${r.acked} acked, ${r.stored} stored, ${r.ackedNotStored} acked-not-stored`).join('; '), met: loadRuns.every((r) => r.ackedEqualsStored) },
    { budget: 'idempotency storm: one row, one order id', measured: `${p.storm.rowsStored} row, ${p.storm.distinctOrderIds} id, ${JSON.stringify(p.storm.statuses)}`, met: p.storm.pass },
    { budget: 'faults: 5xx during, served after, acked orders stored', measured: faults.map((f) => `${f.name} ${f.pass ? 'ok' : 'FAILED'}`).join(', '), met: faults.every((f) => f.pass) },
  ];
}

export interface FullRun { started: number; q: QuickResults; p: InMemoryPhase; restart: FaultResult; handlerCommit: string; events?: EventsLagResult }

/** The results document of a full run, from the handler's figures and the two phases. */
export function assembleResults(o: FullRun): BenchResults {
  const { q, p } = o;
  // Lambda bills all of the handler's CPU time, the SDK's included.
  const costInputs = {
    cpuMsPerOrder: q.cpuWithSdk.msPerOrder,
    itemBytes: p.itemBytes,
    indexEntryBytes: p.itemBytes,
    // The figure as latest.json records it, so the committed results re-assemble to the same estimate.
    handlerLogBytesPerOrder: round(p.handlerLogBytesPerOrder, 1),
  };
  const faults = [p.pause, o.restart, p.metricsDown];
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((l) => round(l)), node: process.version, platform: process.platform },
    handlerCommit: o.handlerCommit,
    durationS: round((Date.now() - o.started) / 1000, 0),
    budgets: [...fullBudgets(q, p, faults), ...(o.events ? [{
      budget: 'order events: one OrderCreated per acknowledged order (events == orders)',
      measured: `${o.events.ordersAcked} orders, ${o.events.events} events, ${o.events.ordersWithoutEvent} without, ${o.events.duplicateEvents} duplicates; lag p50 ${o.events.lagMs.p50} ms, p99 ${o.events.lagMs.p99} ms`,
      met: o.events.eventsEqualOrders,
    }] : [])],
    quick: q,
    runs: p.runs,
    search: p.search,
    maxSustainedRps: p.maxSustainedRps,
    overhead: p.overhead,
    storm: p.storm,
    faults,
    ...(o.events && { events: o.events }),
    cost: {
      pricesRecorded: PRICES_RECORDED,
      itemBytes: p.itemBytes,
      handlerLogBytesPerOrder: round(p.handlerLogBytesPerOrder, 1),
      estimates: [estimateCost(costInputs, 'emf'), estimateCost(costInputs, 'put-metric-data')],
    },
  };
}

/** Writes latest.json, latest.md and the chart into `dir`; returns the Markdown. */
export function writeResults(dir: string, results: BenchResults, plan: BenchPlan): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, CHART_FILE), latencyChart([...results.runs, ...results.search]));
  const md = markdown(results, plan);
  fs.writeFileSync(path.join(dir, 'latest.md'), md);
  return md;
}

/** Order events at a steady rate, on a local API of their own (in this process, events on, its own engine). */
async function eventsPhase(plan: BenchPlan, cleanups: Cleanups): Promise<EventsLagResult> {
  log('\n== order events: stream -> consumer bundle -> PutEvents stand-in');
  const api = await startLocalOrderApi({ port: 0, logLevel: 'WARN', eventLog: () => undefined });
  cleanups.defer(() => api.stop());
  const result = await measureEventsLag({ url: api.url, rate: EVENTS_RATE, seconds: plan.short ? 3 : EVENTS_SECONDS });
  log(`events: ${result.ordersAcked} orders, ${result.events} events, lag p50 ${result.lagMs.p50} ms, p99 ${result.lagMs.p99} ms`);
  await api.stop();
  return result;
}
/** A steady order rate well inside the local API's capacity, so the lag measured is the events path's own. */
const EVENTS_RATE = 50;
const EVENTS_SECONDS = 20;

/** The last commit that changed a function or the bundle flags: what the figures belong to. */
function gitHead(): string {
  try {
    return execFileSync('git', ['log', '-1', '--format=%h %s', '--', 'src/functions', 'src/contract', '.projenrc.ts'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

async function full(plan: BenchPlan): Promise<void> {
  const started = Date.now();
  const resultsDir = plan.short ? path.join(WORK, 'short-results') : path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(WORK, { recursive: true });
  const q = await quick();

  const cleanups = new Cleanups();
  const onSignal = () => { void cleanups.run().then(() => process.exit(130)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const p = await inMemoryPhase(plan, cleanups);
    const restart = await fileBackedPhase(plan, cleanups);
    const events = await eventsPhase(plan, cleanups);
    const results = assembleResults({ started, q, p, restart, handlerCommit: gitHead(), events });
    process.stdout.write(writeResults(resultsDir, results, plan));
    log(`\nwrote ${path.relative(ROOT, resultsDir)}/latest.json, latest.md, ${CHART_FILE} (${results.durationS} s)`);
  } finally {
    await cleanups.run();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const task = args.includes('--quick')
    ? quick().then((q) => { process.stdout.write(quickReport(q)); })
    : full(benchPlan(args.includes('--short')));
  task.then(() => process.exit(0), (err) => { log(`benchmark failed: ${(err as Error).stack}`); process.exit(1); });
}
