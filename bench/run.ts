/**
 * The benchmark: bundle size, cold init, handler CPU per order, open-loop latency/throughput of the local order API
 * at fixed rates, correctness under load (acknowledged == stored), an idempotency retry storm, fault injection, and
 * a cost estimate; compared with DESIGN.md's performance budgets.
 *
 *   bench/run.ts           full run (a few minutes); writes bench/results/latest.{json,md} and latency.png
 *   bench/run.ts --quick   bundle size, cold init and CPU per order only (seconds); prints, writes nothing
 *
 * Processes: this one owns DynamoDB Local (so it can pause and restart it); the local API runs in its own process
 * (local/cli.ts serve --dynamodb-endpoint ...), and so does the load generator (bench/loadgen.ts). Only 127.0.0.1.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { CostEstimate, dynamoItemBytes, estimateCost, PRICES_RECORDED } from './cost';
import { LoadResult, LoadSpec, orderBody } from './loadgen';
import { lineChart } from './png';
import { DynamoDbLocal, freePort, startDynamoDbLocal } from '../local/dynamodb-local';
import { bundlePathFor, MetricsMode } from '../local/server';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = process.argv.includes('--short') ? path.join(ROOT, '.tmp', 'bench', 'short-results') : path.join(ROOT, 'bench', 'results');
const WORK = path.join(ROOT, '.tmp', 'bench');
const TABLE = 'orders-bench';

/** DESIGN.md "Performance budgets". */
export const BUDGETS = {
  bundleKiB: 300,
  coldInitMs: 45,
  cpuMsPerOrder: 0.5,
  writesPerOrder: 1,
  rateRps: 1000,
  p50Ms: 5,
  p99Ms: 100,
} as const;

/** --short: a pipeline check (seconds per phase, results under .tmp/bench), not a measurement. */
const SHORT = process.argv.includes('--short');
const RATES = [100, 500, 1000];
const WARMUP_S = SHORT ? 1 : 5;
const DURATION_S = SHORT ? 3 : 20;
const SEARCH_RATES = [1200, 1400, 1600, 1800, 2000];
const SEARCH_DOWN_RATES = [800, 600];
const SEARCH_DURATION_S = SHORT ? 2 : 10;
const SEARCH_BUDGET_S = SHORT ? 1 : 90;
const COLD_INIT_RUNS = 15;
const CPU_WARMUP = 500;
const CPU_ORDERS = 4000;

const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------------------------------------------
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

interface Spawned { child: ChildProcess; stdoutBytes: () => number; stderr: () => string; exited: Promise<number | null> }

function spawnNode(args: string[], env: Record<string, string> = {}, stdoutFile?: string): Spawned {
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'pipe';
  const child = spawn(process.execPath, args, {
    cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json', NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') fs.closeSync(out);
  let bytes = 0;
  let err = '';
  child.stdout?.on('data', (c: Buffer) => { bytes += c.length; });
  child.stderr?.on('data', (c: Buffer) => { err = (err + c.toString()).slice(-20000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdoutBytes: () => bytes, stderr: () => err, exited };
}

const TS = ['-r', 'ts-node/register/transpile-only'];

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return NaN;
  }
}

function post(url: string, body: string, headers: Record<string, string> = {}, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/orders`, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// quick figures: bundle size, cold init, CPU per order
// ---------------------------------------------------------------------------------------------------------------
export interface QuickResults {
  bundleBytes: Record<MetricsMode, number>;
  emfBundleHasCloudWatchClient: boolean;
  coldInitMs: { median: number; min: number; max: number; runs: number[]; cpuMedian: number; loadAverage1m: number };
  cpu: {
    msPerOrder: number;
    wallMsPerOrder: number;
    orders: number;
    writesPerOrder: number;
    putItemCalls: number;
    non200: number;
    stdoutBytesPerOrder: number;
  };
}

const HANDLER_ENV_BASE = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  DYNAMODB_TABLE_NAME: TABLE,
  ENVIRONMENT: 'bench',
  LOG_LEVEL: 'INFO',
  ORDER_RETENTION_SECONDS: String(30 * 24 * 3600),
};

/** Measures import + module-scope client construction in fresh processes (process start-up itself excluded). */
async function coldInit(bundle: string): Promise<QuickResults['coldInitMs']> {
  // Wall time is the budget's figure; the CPU time of the same span is printed too, because other work on a shared
  // 2-core machine stretches wall time but not CPU time.
  const script = 'const c=process.cpuUsage(),t=performance.now();const m=await import(process.argv[1]);if(typeof m.handler!=="function")process.exit(3);' +
    'const u=process.cpuUsage(c);process.stderr.write("INIT "+(performance.now()-t)+" "+((u.user+u.system)/1000)+"\\n");';
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  for (let i = 0; i < COLD_INIT_RUNS; i++) {
    const p = spawnNode(['--input-type=module', '-e', script, pathToFileURL(bundle).href], { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' });
    const code = await p.exited;
    const m = /INIT ([\d.]+) ([\d.]+)/.exec(p.stderr());
    if (code !== 0 || !m) throw new Error(`cold init run failed (${code}): ${p.stderr()}`);
    runs.push(Number(m[1]));
    cpuRuns.push(Number(m[2]));
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    median: round(median(runs)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    runs: runs.map((r) => round(r)),
    cpuMedian: round(median(cpuRuns)),
    loadAverage1m: round(os.loadavg()[0]),
  };
}

/** A stand-in DynamoDB endpoint in its own process: answers every call with `{}` at once and counts PutItem. */
const STUB_DYNAMODB = `
const http=require('node:http');const counts={};
const s=http.createServer((req,res)=>{
  if(req.url==='/__counts'){res.end(JSON.stringify(counts));return;}
  const op=String(req.headers['x-amz-target']||'?').split('.').pop();counts[op]=(counts[op]||0)+1;
  req.resume();req.on('end',()=>{res.writeHead(200,{'content-type':'application/x-amz-json-1.0','content-length':'2'});res.end('{}');});
});
s.listen(0,'127.0.0.1',()=>process.stderr.write('PORT '+s.address().port+'\\n'));
process.on('SIGTERM',()=>process.exit(0));`;

/**
 * Handler CPU per order, excluding I/O: the bundle runs in its own process against a stub DynamoDB endpoint (another
 * process that answers instantly), invoked sequentially with pre-built events; process.cpuUsage() around the
 * measured invocations. It includes everything Lambda would bill as CPU for the handler: parsing, validation,
 * marshalling, the SDK's request building and signing, HTTP client work, JSON logging and EMF; it excludes
 * DynamoDB's own work and waiting.
 */
async function cpuPerOrder(bundle: string): Promise<QuickResults['cpu']> {
  const stub = spawnNode(['-e', STUB_DYNAMODB]);
  try {
    const port = await waitFor(stub, /PORT (\d+)/, 10_000);
    const body = JSON.stringify(JSON.parse(orderBody('cust-cpu')));
    const script = `
const {handler}=await import(process.argv[1]);const n=Number(process.argv[2]),warm=Number(process.argv[3]);const body=process.argv[4];
const ev=(i)=>({version:'2.0',routeKey:'POST /orders',rawPath:'/orders',rawQueryString:'',headers:{'content-type':'application/json',host:'127.0.0.1','user-agent':'bench'},
requestContext:{accountId:'000000000000',apiId:'local',domainName:'127.0.0.1',domainPrefix:'127',http:{method:'POST',path:'/orders',protocol:'HTTP/1.1',sourceIp:'127.0.0.1',userAgent:'bench'},
requestId:'r'+i,routeKey:'POST /orders',stage:'$default',time:'01/Jan/2025:00:00:00 +0000',timeEpoch:Date.now()},body,isBase64Encoded:false});
const ctx=(i)=>({awsRequestId:'00000000-0000-4000-8000-'+String(i).padStart(12,'0'),functionName:'bench',functionVersion:'$LATEST',memoryLimitInMB:'256',getRemainingTimeInMillis:()=>30000});
let bad=0;for(let i=0;i<warm;i++){const r=await handler(ev(i),ctx(i));if(r.statusCode!==200)bad++;}
const events=[],ctxs=[];for(let i=0;i<n;i++){events.push(ev(warm+i));ctxs.push(ctx(warm+i));}
const c0=process.cpuUsage(),t0=performance.now();
for(let i=0;i<n;i++){const r=await handler(events[i],ctxs[i]);if(r.statusCode!==200)bad++;}
const c=process.cpuUsage(c0),wall=performance.now()-t0;
process.stderr.write('RESULT '+JSON.stringify({cpuMs:(c.user+c.system)/1000,wallMs:wall,bad})+'\\n');`;
    const p = spawnNode(['--input-type=module', '-e', script, pathToFileURL(bundle).href, String(CPU_ORDERS), String(CPU_WARMUP), body],
      { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}` });
    const code = await p.exited;
    const m = /RESULT (\{.*\})/.exec(p.stderr());
    if (code !== 0 || !m) throw new Error(`CPU run failed (${code}): ${p.stderr()}`);
    const r = JSON.parse(m[1]) as { cpuMs: number; wallMs: number; bad: number };
    const counts = JSON.parse(await getText(`http://127.0.0.1:${port}/__counts`)) as Record<string, number>;
    const total = CPU_ORDERS + CPU_WARMUP;
    const writes = (counts.PutItem ?? 0) + (counts.UpdateItem ?? 0) + (counts.TransactWriteItems ?? 0) + (counts.BatchWriteItem ?? 0);
    return {
      msPerOrder: round(r.cpuMs / CPU_ORDERS, 4),
      wallMsPerOrder: round(r.wallMs / CPU_ORDERS, 4),
      orders: CPU_ORDERS,
      writesPerOrder: round(writes / total, 3),
      putItemCalls: counts.PutItem ?? 0,
      non200: r.bad,
      stdoutBytesPerOrder: round(p.stdoutBytes() / total, 1),
    };
  } finally {
    stub.child.kill('SIGTERM');
    await stub.exited;
  }
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => { let t = ''; res.on('data', (c) => { t += c; }); res.on('end', () => resolve(t)); }).on('error', reject);
  });
}

async function waitFor(p: Spawned, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(p.stderr());
    if (m) return m[1];
    if (p.child.exitCode !== null) throw new Error(`process exited early: ${p.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}: ${p.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function quick(): Promise<QuickResults> {
  const bundleBytes = { 'emf': 0, 'put-metric-data': 0 } as Record<MetricsMode, number>;
  for (const mode of ['emf', 'put-metric-data'] as MetricsMode[]) {
    const file = bundlePathFor(mode);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npx projen bundle`);
    bundleBytes[mode] = fs.statSync(file).size;
  }
  const emfText = fs.readFileSync(bundlePathFor('emf'), 'utf8');
  log(`bundle: emf ${bundleBytes.emf} B, put-metric-data ${bundleBytes['put-metric-data']} B`);
  log(`cold init: ${COLD_INIT_RUNS} fresh processes...`);
  const coldInitMs = await coldInit(bundlePathFor('emf'));
  log(`cold init median ${coldInitMs.median} ms wall, ${coldInitMs.cpuMedian} ms CPU (load average ${coldInitMs.loadAverage1m})`);
  log(`CPU per order: ${CPU_WARMUP} warm-up + ${CPU_ORDERS} orders against a stub endpoint...`);
  const cpu = await cpuPerOrder(bundlePathFor('emf'));
  log(`CPU per order ${cpu.msPerOrder} ms`);
  return { bundleBytes, emfBundleHasCloudWatchClient: /PutMetricData/.test(emfText), coldInitMs, cpu };
}

// ---------------------------------------------------------------------------------------------------------------
// load, correctness, faults
// ---------------------------------------------------------------------------------------------------------------
interface ServerHandle { url: string; proc: Spawned; stop(): Promise<void> }

interface ServerOptions { endpoint: string; table: string; metrics: MetricsMode; env?: Record<string, string>; name: string }

async function startServer(o: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const proc = spawnNode([...TS, 'local/cli.ts', 'serve', '--port', String(port), '--dynamodb-endpoint', o.endpoint, '--table', o.table,
    '--metrics', o.metrics, '--quiet'], o.env ?? {}, path.join(WORK, `server-${o.name}.log`));
  const url = await waitFor(proc, /READY (http:\/\/\S+)/, 60_000);
  return {
    url,
    proc,
    stop: async () => {
      if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
      await proc.exited;
    },
  };
}

export interface RunSummary {
  runId: string;
  offeredRps: number;
  durationS: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  achievedRps: number;
  statuses: Record<string, number>;
  errors: number;
  acked: number;
  stored: number;
  ackedNotStored: number;
  storedNotAcked: number;
  duplicates: number;
  ackedEqualsStored: boolean;
  serverCpuPct: number;
  engineCpuPct: number;
  generatorLagP99Ms: number;
  loadAverage1m: number;
}

async function load(url: string, runId: string, rate: number, warmupS: number, durationS: number, onStart?: () => void): Promise<LoadResult> {
  const outFile = path.join(WORK, `${runId}.load.json`);
  const spec: LoadSpec = { url, rate, warmupS, durationS, runId, outFile, timeoutMs: 35_000 };
  const p = spawnNode([...TS, 'bench/loadgen.ts', JSON.stringify(spec)]);
  p.child.stderr?.on('data', (c: Buffer) => { for (const l of c.toString().split('\n')) if (l.includes(`[${runId}]`)) log(l); });
  if (onStart) void waitFor(p, /(START)/, 60_000).then(onStart, () => undefined);
  const code = await p.exited;
  if (code !== 0) throw new Error(`load generator failed (${code}): ${p.stderr()}`);
  return JSON.parse(fs.readFileSync(outFile, 'utf8')) as LoadResult;
}

async function storedFor(doc: DynamoDBDocumentClient, table: string, prefix: string): Promise<Map<string, string[]>> {
  const byCustomer = new Map<string, string[]>();
  for await (const page of paginateScan({ client: doc, pageSize: 1000 }, {
    TableName: table,
    FilterExpression: 'begins_with(customerId, :p)',
    ExpressionAttributeValues: { ':p': prefix },
    ProjectionExpression: 'orderId, customerId',
    ConsistentRead: true,
  })) {
    for (const item of page.Items ?? []) {
      const list = byCustomer.get(item.customerId) ?? [];
      list.push(item.orderId);
      byCustomer.set(item.customerId, list);
    }
  }
  return byCustomer;
}

interface CpuSpent { server: number; engine: number; wallS: number }

async function summarize(result: LoadResult, doc: DynamoDBDocumentClient, table: string, cpu: CpuSpent): Promise<RunSummary> {
  const { spec, records } = result;
  const measured = records.filter((r) => r[0] >= spec.warmupS * 1000);
  const lat = measured.map((r) => r[1]).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const r of measured) {
    const key = r[2] === 0 ? `no answer (${r[4]})` : String(r[2]);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const ok = measured.filter((r) => r[2] >= 200 && r[2] < 300);
  const firstDue = Math.min(...measured.map((r) => r[0]));
  const lastDone = Math.max(...measured.map((r) => r[0] + r[1]));
  const ackedIds = new Set(records.filter((r) => r[2] >= 200 && r[2] < 300 && r[3]).map((r) => r[3] as string));
  const stored = await storedFor(doc, table, `${spec.runId}-`);
  const storedIds = new Set([...stored.values()].flat());
  const duplicates = [...stored.values()].filter((ids) => ids.length > 1).length;
  const ackedNotStored = [...ackedIds].filter((id) => !storedIds.has(id)).length;
  const storedNotAcked = [...storedIds].filter((id) => !ackedIds.has(id)).length;
  return {
    runId: spec.runId,
    offeredRps: spec.rate,
    durationS: spec.durationS,
    requests: measured.length,
    p50Ms: round(percentile(lat, 50)),
    p90Ms: round(percentile(lat, 90)),
    p99Ms: round(percentile(lat, 99)),
    p999Ms: round(percentile(lat, 99.9)),
    maxMs: round(lat[lat.length - 1]),
    achievedRps: round(ok.length / ((lastDone - firstDue) / 1000), 1),
    statuses,
    errors: measured.length - ok.length,
    acked: ackedIds.size,
    stored: storedIds.size,
    ackedNotStored,
    storedNotAcked,
    duplicates,
    ackedEqualsStored: ackedNotStored === 0 && storedNotAcked === 0 && duplicates === 0,
    serverCpuPct: round((100 * cpu.server) / cpu.wallS, 1),
    engineCpuPct: round((100 * cpu.engine) / cpu.wallS, 1),
    generatorLagP99Ms: round(result.startLagP99Ms),
    loadAverage1m: round(os.loadavg()[0]),
  };
}

async function measuredRun(
  server: ServerHandle, engine: DynamoDbLocal, doc: DynamoDBDocumentClient, runId: string, rate: number, warmupS: number, durationS: number,
): Promise<RunSummary> {
  log(`load ${runId}: ${rate} req/s, ${warmupS} s warm-up + ${durationS} s measured`);
  const s0 = cpuSeconds(server.proc.child.pid);
  const e0 = cpuSeconds(engine.process.pid);
  const t0 = Date.now();
  const result = await load(server.url, runId, rate, warmupS, durationS);
  const cpu = { server: cpuSeconds(server.proc.child.pid) - s0, engine: cpuSeconds(engine.process.pid) - e0, wallS: (Date.now() - t0) / 1000 };
  const summary = await summarize(result, doc, TABLE, cpu);
  log(`  -> p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms, ${summary.achievedRps} req/s, errors ${summary.errors}, ` +
    `acked ${summary.acked} stored ${summary.stored}${summary.ackedEqualsStored ? ' (equal)' : ' (MISMATCH)'}`);
  return summary;
}

const withinBudget = (s: RunSummary) => s.p99Ms <= BUDGETS.p99Ms && s.errors === 0 && s.ackedEqualsStored;

/**
 * Closed-loop warm-up (a fixed number of requests, a few at a time): brings the JVM's JIT and the handler up to speed
 * without building the backlog an open-loop warm-up on a cold engine would leave behind for the measured run.
 */
async function warmUp(url: string, requests: number, concurrency = 8): Promise<void> {
  log(`warm-up: ${requests} requests, ${concurrency} at a time (closed loop)`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      const i = next++;
      await post(url, orderBody(`warmup-${i}`), {}, agent).catch(() => undefined);
    }
  }));
  agent.destroy();
}

interface StormResult { concurrent: number; statuses: Record<string, number>; distinctOrderIds: number; rowsStored: number; pass: boolean }

async function idempotencyStorm(url: string, doc: DynamoDBDocumentClient): Promise<StormResult> {
  const concurrent = 250;
  const customerId = `storm-${Date.now()}`;
  const body = orderBody(customerId);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  log(`idempotency storm: ${concurrent} concurrent requests, one Idempotency-Key, same body`);
  const replies = await Promise.all(Array.from({ length: concurrent }, () => post(url, body, { 'idempotency-key': 'storm-key-1' }, agent).catch(() => ({ status: 0, body: '' }))));
  agent.destroy();
  const statuses: Record<string, number> = {};
  const ids = new Set<string>();
  for (const r of replies) {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status >= 200 && r.status < 300) ids.add(JSON.parse(r.body).orderId);
  }
  const stored = await storedFor(doc, TABLE, customerId);
  const rowsStored = [...stored.values()].flat().length;
  const pass = rowsStored === 1 && ids.size === 1 && (statuses['200'] ?? 0) === concurrent;
  log(`  -> statuses ${JSON.stringify(statuses)}, distinct order ids ${ids.size}, rows ${rowsStored}`);
  return { concurrent, statuses, distinctOrderIds: ids.size, rowsStored, pass };
}

interface FaultResult {
  name: string;
  description: string;
  run: RunSummary;
  faultWindowS: [number, number];
  afterRecoveryErrors: number;
  serverStillServing: boolean;
  pass: boolean;
  note: string;
}

async function faultRun(o: {
  name: string;
  description: string;
  server: ServerHandle;
  engine: () => DynamoDbLocal;
  doc: DynamoDBDocumentClient;
  table: string;
  rate: number;
  durationS: number;
  injectAtS: number;
  recoverAtS: number;
  inject: () => Promise<void> | void;
  recover: () => Promise<void> | void;
  expectErrors: boolean;
}): Promise<FaultResult> {
  log(`fault ${o.name}: ${o.rate} req/s for ${o.durationS} s; fault from ${o.injectAtS} s to ${o.recoverAtS} s`);
  let timers: NodeJS.Timeout[] = [];
  let recovered: Promise<void> = Promise.resolve();
  const t0 = Date.now();
  const result = await load(o.server.url, `fault-${o.name}`, o.rate, 0, o.durationS, () => {
    timers = [
      setTimeout(() => { log(`  inject: ${o.name}`); void o.inject(); }, o.injectAtS * 1000),
      setTimeout(() => { log(`  recover: ${o.name}`); recovered = Promise.resolve(o.recover()); }, o.recoverAtS * 1000),
    ];
  });
  timers.forEach(clearTimeout);
  await recovered;
  const summary = await summarize(result, o.doc, o.table, { server: 0, engine: 0, wallS: (Date.now() - t0) / 1000 });
  // Requests due well after recovery (engine back, backlog drained) must all succeed.
  const settleMs = (o.recoverAtS + 10) * 1000;
  const late = result.records.filter((r) => r[0] >= settleMs);
  const afterRecoveryErrors = late.filter((r) => !(r[2] >= 200 && r[2] < 300)).length;
  const probe = await post(o.server.url, orderBody(`fault-${o.name}-probe`)).catch(() => ({ status: 0, body: '' }));
  const serverStillServing = probe.status === 200;
  const only5xxOrOk = Object.keys(summary.statuses).every((k) => /^(2|5)\d\d$/.test(k));
  // Recovered: the requests due in the run's last 5 s include successes (a backlog left by the fault may still drain).
  const tail = result.records.filter((r) => r[0] >= (o.durationS - 5) * 1000);
  const servedAtEnd = tail.some((r) => r[2] >= 200 && r[2] < 300);
  const pass = summary.ackedNotStored === 0 && summary.duplicates === 0 && serverStillServing && servedAtEnd && only5xxOrOk &&
    (o.expectErrors ? summary.errors > 0 : summary.errors === 0 && summary.ackedEqualsStored);
  const note = summary.storedNotAcked > 0
    ? `${summary.storedNotAcked} stored but answered with an error (written after the handler gave up; a client retry with an Idempotency-Key would get the same order)`
    : '';
  log(`  -> statuses ${JSON.stringify(summary.statuses)}; acked-not-stored ${summary.ackedNotStored}; after recovery errors ${afterRecoveryErrors}; still serving ${serverStillServing}`);
  const faultWindowS: [number, number] = [o.injectAtS, o.recoverAtS];
  return { name: o.name, description: o.description, run: summary, faultWindowS, afterRecoveryErrors, serverStillServing, pass, note };
}

// ---------------------------------------------------------------------------------------------------------------
// full run
// ---------------------------------------------------------------------------------------------------------------
interface BudgetCheck { budget: string; measured: string; met: boolean }

async function full(): Promise<void> {
  const started = Date.now();
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const q = await quick();

  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => { while (cleanups.length) await cleanups.pop()!().catch(() => undefined); };
  const onSignal = () => { void cleanup().then(() => process.exit(130)); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // Phase 1: in-memory engine (as the local API's default) for the latency runs, the storm and the pause fault.
    log('starting DynamoDB Local (in memory)...');
    const engine = await startDynamoDbLocal();
    cleanups.push(() => engine.stop());
    const raw = engine.client();
    const doc = DynamoDBDocumentClient.from(raw);
    const server = await startServer({ endpoint: engine.endpoint, table: TABLE, metrics: 'emf', name: 'emf' });
    cleanups.push(() => server.stop());
    const logBytes0 = fs.statSync(path.join(WORK, 'server-emf.log')).size;

    // One seed order for the item size in the cost estimate.
    const seed = await post(server.url, orderBody('cust-12345'));
    const seedId = JSON.parse(seed.body).orderId as string;
    const seedItem = (await raw.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: seedId } } }))).Item ?? {};
    const itemBytes = dynamoItemBytes(seedItem);

    await warmUp(server.url, SHORT ? 500 : 5000);
    log(`warm-up: 200 req/s for ${WARMUP_S} s (open loop)`);
    await load(server.url, 'warmup', 200, WARMUP_S, 0);

    const runs: RunSummary[] = [];
    for (const rate of RATES) runs.push(await measuredRun(server, engine, doc, `load-${rate}`, rate, 3, DURATION_S));

    // Highest rate within budget: a short, time-bounded search above 1000 (or below, if 1000 missed).
    const search: RunSummary[] = [];
    const searchStart = Date.now();
    const at1000 = runs.find((r) => r.offeredRps === 1000)!;
    for (const rate of withinBudget(at1000) ? SEARCH_RATES : SEARCH_DOWN_RATES) {
      if ((Date.now() - searchStart) / 1000 > SEARCH_BUDGET_S) break;
      const s = await measuredRun(server, engine, doc, `search-${rate}`, rate, 2, SEARCH_DURATION_S);
      search.push(s);
      if (withinBudget(at1000) !== withinBudget(s) || !withinBudget(s)) break;
    }
    const passing = [...runs, ...search].filter(withinBudget).map((r) => r.offeredRps);
    const maxSustainedRps = passing.length ? Math.max(...passing) : 0;

    const storm = await idempotencyStorm(server.url, doc);
    const logBytesPerOrderServer = (fs.statSync(path.join(WORK, 'server-emf.log')).size - logBytes0) /
      Math.max(1, [...runs, ...search].reduce((s, r) => s + r.acked, 0));

    const deadPort = await freePort(); // nothing listens there: every PutMetricData call is refused
    const pmdServer = await startServer({
      endpoint: engine.endpoint,
      table: TABLE,
      metrics: 'put-metric-data',
      name: 'put-metric-data',
      env: { AWS_ENDPOINT_URL_CLOUDWATCH: `http://127.0.0.1:${deadPort}` },
    });
    cleanups.push(() => pmdServer.stop());
    await warmUp(pmdServer.url, SHORT ? 200 : 1000);
    const metricsDown = await faultRun({
      name: 'metrics-failing',
      description: `PutMetricData bundle with its CloudWatch endpoint refusing connections (127.0.0.1:${deadPort})`,
      server: pmdServer,
      engine: () => engine,
      doc,
      table: TABLE,
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
      engine: () => engine,
      doc,
      table: TABLE,
      rate: 100,
      durationS: 30,
      injectAtS: 5,
      recoverAtS: 17,
      inject: () => engine.pause(),
      recover: () => engine.resume(),
      expectErrors: true,
    });
    await server.stop();
    await engine.stop();
    cleanups.length = 0;

    // Phase 2: file-backed engine, stopped and restarted on the same port mid-run; then metrics publishing failing.
    const dbPath = path.join(WORK, 'ddb-file');
    fs.rmSync(dbPath, { recursive: true, force: true });
    log('starting DynamoDB Local (file-backed)...');
    let fileEngine = await startDynamoDbLocal({ dbPath });
    const enginePort = fileEngine.port;
    cleanups.push(() => fileEngine.stop());
    const fileDoc = DynamoDBDocumentClient.from(fileEngine.client());
    const fileServer = await startServer({ endpoint: fileEngine.endpoint, table: TABLE, metrics: 'emf', name: 'emf-file' });
    cleanups.push(() => fileServer.stop());
    await warmUp(fileServer.url, SHORT ? 200 : 2000);
    const restart = await faultRun({
      name: 'engine-stopped',
      description: 'file-backed DynamoDB Local stopped (SIGTERM) and started again on the same port and data directory',
      server: fileServer,
      engine: () => fileEngine,
      doc: fileDoc,
      table: TABLE,
      rate: 50,
      durationS: 30,
      injectAtS: 5,
      recoverAtS: 9,
      inject: () => fileEngine.stop(),
      recover: async () => { fileEngine = await startDynamoDbLocal({ dbPath, port: enginePort }); },
      expectErrors: true,
    });
    await fileServer.stop();

    await cleanup();

    // Results.
    const costInputs = { cpuMsPerOrder: q.cpu.msPerOrder, itemBytes, indexEntryBytes: itemBytes, handlerLogBytesPerOrder: logBytesPerOrderServer };
    const costs = [estimateCost(costInputs, 'emf'), estimateCost(costInputs, 'put-metric-data')];
    const budgets: BudgetCheck[] = [
      { budget: `default bundle <= ${BUDGETS.bundleKiB} KiB`, measured: `${round(q.bundleBytes.emf / 1024, 1)} KiB`, met: q.bundleBytes.emf <= BUDGETS.bundleKiB * 1024 },
      { budget: 'PutMetricData code only in the PutMetricData bundle', measured: q.emfBundleHasCloudWatchClient ? 'EMF bundle mentions PutMetricData' : 'absent from the EMF bundle', met: !q.emfBundleHasCloudWatchClient },
      { budget: `cold init <= ${BUDGETS.coldInitMs} ms`, measured: `${q.coldInitMs.median} ms (median of ${COLD_INIT_RUNS})`, met: q.coldInitMs.median <= BUDGETS.coldInitMs },
      { budget: `handler CPU per order <= ${BUDGETS.cpuMsPerOrder} ms`, measured: `${q.cpu.msPerOrder} ms`, met: q.cpu.msPerOrder <= BUDGETS.cpuMsPerOrder },
      { budget: 'exactly one DynamoDB write per order', measured: `${q.cpu.writesPerOrder} (PutItem ${q.cpu.putItemCalls} for ${CPU_ORDERS + CPU_WARMUP} orders)`, met: q.cpu.writesPerOrder === 1 },
      { budget: `p50 <= ${BUDGETS.p50Ms} ms at 1000 req/s`, measured: `${at1000.p50Ms} ms`, met: at1000.p50Ms <= BUDGETS.p50Ms },
      { budget: `p99 <= ${BUDGETS.p99Ms} ms at 1000 req/s`, measured: `${at1000.p99Ms} ms`, met: at1000.p99Ms <= BUDGETS.p99Ms },
      { budget: 'zero errors at 1000 req/s', measured: `${at1000.errors}`, met: at1000.errors === 0 },
      { budget: 'acknowledged == stored (every load run)', measured: [...runs, ...search].map((r) => `${r.offeredRps}/s: ${r.acked} acked, ${r.stored} stored, ${r.ackedNotStored} acked-not-stored`).join('; '), met: [...runs, ...search].every((r) => r.ackedEqualsStored) },
      { budget: 'idempotency storm: one row, one order id', measured: `${storm.rowsStored} row, ${storm.distinctOrderIds} id, ${JSON.stringify(storm.statuses)}`, met: storm.pass },
      { budget: 'faults: 5xx during, served after, acked orders stored', measured: [pause, restart, metricsDown].map((f) => `${f.name} ${f.pass ? 'ok' : 'FAILED'}`).join(', '), met: [pause, restart, metricsDown].every((f) => f.pass) },
    ];
    const results = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg().map((l) => round(l)), node: process.version, platform: process.platform },
      handlerCommit: gitHead(),
      durationS: round((Date.now() - started) / 1000, 0),
      budgets,
      quick: q,
      runs,
      search,
      maxSustainedRps,
      storm,
      faults: [pause, restart, metricsDown],
      cost: { pricesRecorded: PRICES_RECORDED, itemBytes, handlerLogBytesPerOrder: round(logBytesPerOrderServer, 1), estimates: costs },
    };
    fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
    fs.writeFileSync(path.join(RESULTS, 'latency.png'), chart([...runs, ...search]));
    const md = markdown(results);
    fs.writeFileSync(path.join(RESULTS, 'latest.md'), md);
    process.stdout.write(md);
    log(`\nwrote bench/results/latest.json, latest.md, latency.png (${results.durationS} s)`);
  } finally {
    await cleanup();
  }
}

function gitHead(): string {
  try {
    return execFileSync('git', ['log', '-1', '--format=%h %s', '--', 'src/handler'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

function chart(runs: RunSummary[]): Buffer {
  const pts = (f: (r: RunSummary) => number) => runs.map((r) => [r.offeredRps, f(r)] as const);
  return lineChart({
    title: 'LOCAL ORDER API LATENCY VS OFFERED LOAD (OPEN LOOP)',
    xLabel: 'OFFERED REQUESTS/S',
    yLabel: 'MS (LOG)',
    series: [
      { label: 'P50', color: [30, 120, 200], points: pts((r) => r.p50Ms) },
      { label: 'P90', color: [40, 160, 80], points: pts((r) => r.p90Ms) },
      { label: 'P99', color: [230, 120, 0], points: pts((r) => r.p99Ms) },
      { label: 'MAX', color: [200, 30, 30], points: pts((r) => r.maxMs) },
    ],
    budgets: [
      { label: 'P99 BUDGET 100', color: [230, 120, 0], y: BUDGETS.p99Ms },
      { label: 'P50 BUDGET 5', color: [30, 120, 200], y: BUDGETS.p50Ms },
    ],
  });
}

function costTable(c: CostEstimate): string {
  return [
    `**${c.mode === 'emf' ? 'Embedded metric format (default)' : 'PutMetricData'}**: $${c.totalUsdPerMillion.toFixed(2)} per million orders`,
    '',
    '| item | USD per million orders | basis |',
    '|---|---:|---|',
    ...c.lines.map((l) => `| ${l.item} | ${l.usdPerMillion.toFixed(2)} | ${l.basis} |`),
    '',
  ].join('\n');
}

function markdown(r: any): string {
  const yes = (b: boolean) => (b ? 'met' : '**not met**');
  const runRow = (s: RunSummary) => `| ${s.offeredRps} | ${s.achievedRps} | ${s.p50Ms} | ${s.p90Ms} | ${s.p99Ms} | ${s.maxMs} | ${s.errors} | ${JSON.stringify(s.statuses).replace(/"/g, '').replace(/\|/g, '/')} | ${s.acked} / ${s.stored}${s.ackedEqualsStored ? '' : ' **mismatch**'} | ${s.serverCpuPct} / ${s.engineCpuPct} | ${s.generatorLagP99Ms} | ${s.loadAverage1m} |`;
  const q = r.quick as QuickResults;
  return [
    '# Benchmark results',
    '',
    `Generated ${r.generatedAt} by \`bench/run.ts\` on ${r.machine.cpus} CPUs, Node ${r.machine.node}; handler at \`${r.handlerCommit}\`; took ${r.durationS} s.`,
    'Local figures: DynamoDB Local (Java) and the local API share the machine with the load generator; they are not AWS latencies.',
    '',
    '## Budgets (DESIGN.md)',
    '',
    '| budget | measured | |',
    '|---|---|---|',
    ...r.budgets.map((b: BudgetCheck) => `| ${b.budget} | ${b.measured} | ${yes(b.met)} |`),
    '',
    '## Handler',
    '',
    `- Bundle: EMF (default) ${q.bundleBytes.emf} B (${round(q.bundleBytes.emf / 1024, 1)} KiB); PutMetricData ${q.bundleBytes['put-metric-data']} B (${round(q.bundleBytes['put-metric-data'] / 1024, 1)} KiB).`,
    `- Cold init (import of the EMF bundle + module-scope client construction, fresh process each, process start excluded): median ${q.coldInitMs.median} ms wall (${q.coldInitMs.cpuMedian} ms CPU), min ${q.coldInitMs.min}, max ${q.coldInitMs.max} over ${q.coldInitMs.runs.length} runs; 1-minute load average ${q.coldInitMs.loadAverage1m} on ${os.cpus().length} CPUs at the time.`,
    `- CPU per order: ${q.cpu.msPerOrder} ms (user + system of the handler process over ${q.cpu.orders} sequential orders after ${CPU_WARMUP} warm-up, against a stub DynamoDB endpoint in another process that answers at once; ` +
      `includes validation, marshalling, SDK request building and signing, HTTP client, logs and EMF; excludes DynamoDB's work and all waiting). Wall time per order ${q.cpu.wallMsPerOrder} ms; ${q.cpu.writesPerOrder} DynamoDB writes per order; ${q.cpu.stdoutBytesPerOrder} B of logs per order.`,
    '',
    `## Load (open loop, separate generator process, latency from the scheduled start; ${DURATION_S} s measured after 3 s at the same rate and a ${WARMUP_S} s warm-up)`,
    '',
    '| offered req/s | achieved 2xx/s | p50 ms | p90 ms | p99 ms | max ms | errors | statuses | acked / stored | CPU % server / DynamoDB Local | generator lag p99 ms | load avg 1m |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|',
    ...r.runs.map(runRow),
    '',
    `Search for the highest rate within the p99 budget with zero errors (${SEARCH_DURATION_S} s each, bounded to ${SEARCH_BUDGET_S} s):`,
    '',
    '| offered req/s | achieved 2xx/s | p50 ms | p90 ms | p99 ms | max ms | errors | statuses | acked / stored | CPU % server / DynamoDB Local | generator lag p99 ms | load avg 1m |',
    '|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|',
    ...r.search.map(runRow),
    '',
    `**Highest rate sustained within budget: ${r.maxSustainedRps} req/s.** CPU % is of one core (200 % = both cores).`,
    '',
    '![latency](latency.png)',
    '',
    '## Idempotency retry storm',
    '',
    `${r.storm.concurrent} concurrent POSTs with one Idempotency-Key and the same body: statuses ${JSON.stringify(r.storm.statuses)}, ${r.storm.distinctOrderIds} distinct order id(s), ${r.storm.rowsStored} row(s) stored: ${r.storm.pass ? 'pass' : '**FAIL**'}.`,
    '',
    '## Fault injection',
    '',
    '| fault | window (s) | statuses | acked / stored | acked not stored | errors due 10 s after recovery | still serving | result |',
    '|---|---|---|---|---:|---:|---|---|',
    ...r.faults.map((f: FaultResult) => `| ${f.description} | ${f.faultWindowS[0]}-${f.faultWindowS[1]} | ${JSON.stringify(f.run.statuses).replace(/"/g, '')} | ${f.run.acked} / ${f.run.stored} | ${f.run.ackedNotStored} | ${f.afterRecoveryErrors} | ${f.serverStillServing} | ${f.pass ? 'pass' : '**FAIL**'} ${f.note} |`),
    '',
    '## Cost per million orders (deployed design, estimate)',
    '',
    `Prices: ${r.cost.pricesRecorded}; each constant is named, dated and sourced in \`bench/cost.ts\`. Item ${r.cost.itemBytes} B (seed example, DynamoDB sizing rules); handler logs ${r.cost.handlerLogBytesPerOrder} B per order measured at the local API. Excludes storage, PITR, KMS (DynamoDB caches data keys), alarms, dashboard and custom-metric monthly charges.`,
    '',
    ...r.cost.estimates.map(costTable),
  ].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const task = args.includes('--quick')
    ? quick().then((q) => {
      const kib = (b: number) => `${round(b / 1024, 1)} KiB`;
      process.stdout.write([
        '| figure | measured | budget | |',
        '|---|---|---|---|',
        `| bundle (EMF, default) | ${kib(q.bundleBytes.emf)} | <= ${BUDGETS.bundleKiB} KiB | ${q.bundleBytes.emf <= BUDGETS.bundleKiB * 1024 ? 'met' : 'NOT MET'} |`,
        `| bundle (PutMetricData) | ${kib(q.bundleBytes['put-metric-data'])} | - | |`,
        `| cold init (median of ${COLD_INIT_RUNS}) | ${q.coldInitMs.median} ms wall, ${q.coldInitMs.cpuMedian} ms CPU, load avg ${q.coldInitMs.loadAverage1m} | <= ${BUDGETS.coldInitMs} ms | ${q.coldInitMs.median <= BUDGETS.coldInitMs ? 'met' : 'NOT MET'} |`,
        `| CPU per order | ${q.cpu.msPerOrder} ms | <= ${BUDGETS.cpuMsPerOrder} ms | ${q.cpu.msPerOrder <= BUDGETS.cpuMsPerOrder ? 'met' : 'NOT MET'} |`,
        `| DynamoDB writes per order | ${q.cpu.writesPerOrder} | 1 | ${q.cpu.writesPerOrder === 1 ? 'met' : 'NOT MET'} |`,
        '',
      ].join('\n'));
    })
    : full();
  task.then(() => process.exit(0), (err) => { log(`benchmark failed: ${(err as Error).stack}`); process.exit(1); });
}
