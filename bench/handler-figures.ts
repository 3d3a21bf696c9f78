/**
 * The handler's own figures, each judged against a performance budget: bundle size, cold init, and CPU per order.
 *
 * Cold init is timed in interleaved fresh processes, so that a change in the shared machine's speed during the run
 * touches every row alike:
 * - the bundle in a bare Node.js process (the budget's figure: nothing loaded before it);
 * - the bundle after `node:http` is loaded, as Lambda's Node.js runtime loads it for its Runtime API client before it
 *   imports the handler (aws-lambda-nodejs-runtime-interface-client, RAPIDClient);
 * - only the AWS SDK's DynamoDB client, bundled with the same flags: the floor the SDK sets under the handler;
 * - the Node.js built-ins the bundle imports statically, alone: the part of the figure that is Node loading its own
 *   modules, which no bundling choice can remove;
 * - an empty module: the harness's own floor.
 *
 * CPU per order is measured twice: without I/O (the budget's definition; the store answers at once) and with the
 * AWS SDK's DynamoDB call against a stub endpoint (request building, signing, the HTTP client).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BudgetCheck, BUDGETS } from './budgets';
import { orderBody } from './loadgen';
import { BENCH_TABLE, getText, log, median, percentile, projenTaskArgs, ROOT, round, spawnNode, waitFor, WORK } from './support';
import { bundlePathFor, MetricsMode } from '../local/server';
import { FUNCTION_DEFAULTS, HANDLER_ENV } from '../src/shared/contract';

export const COLD_INIT_RUNS = 25;
export const CPU_WARMUP = 500;
export const CPU_ORDERS = 4000;

/** The environment the construct gives the handler (names from the contract), with local credentials and region. */
export const HANDLER_ENV_BASE: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  [HANDLER_ENV.tableName]: BENCH_TABLE,
  [HANDLER_ENV.environment]: 'bench',
  [HANDLER_ENV.logLevel]: FUNCTION_DEFAULTS.logLevel,
  [HANDLER_ENV.orderRetentionSeconds]: String(FUNCTION_DEFAULTS.devOrderRetentionDays * 24 * 3600),
};

export interface Spread { median: number; p10: number; p90: number; min: number; max: number; cpuMedian: number }

export interface ColdInit {
  runs: number;
  /** The bundle imported by a bare process. */
  bare: Spread;
  /** The bundle imported after node:http, as in Lambda's Node.js runtime. */
  afterRuntimeModules: Spread;
  /** Only the Node.js built-ins the bundle imports statically. */
  nodeBuiltinsAlone: Spread;
  /** Only the SDK's DynamoDB client, same flags: the floor under the bundle. */
  sdkClientOnly: Spread;
  /** An empty module: what the harness itself costs. */
  emptyModule: Spread;
  nodeBuiltins: string[];
  loadAverage1m: number;
}

export interface CpuPerOrder {
  msPerOrder: number;
  wallMsPerOrder: number;
  orders: number;
  non200: number;
  stdoutBytesPerOrder: number;
}

export interface QuickResults {
  bundleBytes: Record<MetricsMode, number>;
  emfBundleHasCloudWatchClient: boolean;
  coldInitMs: ColdInit;
  /** The budget's figure: the handler's CPU per order with a store that does no I/O. */
  cpuWithoutIo: CpuPerOrder;
  /** The same orders through the real DynamoDB client to a stub endpoint; counts the writes per order. */
  cpuWithSdk: CpuPerOrder & { writesPerOrder: number; putItemCalls: number };
}

// ---------------------------------------------------------------------------------------------------------------
// cold init
// ---------------------------------------------------------------------------------------------------------------
/** The `node:` modules an ES module bundle imports statically (its top-level import statements, not import()). */
export function staticNodeImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](node:[a-z_/0-9]+)["']/g)) found.add(m[1]);
  return [...found].sort();
}

async function timeImport(url: string, preload: string[]): Promise<{ wall: number; cpu: number }> {
  const p = spawnNode([path.join(ROOT, 'bench', 'time-import.mjs'), url, preload.join(',')], { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' });
  const code = await p.exited;
  const m = /INIT ([\d.]+) ([\d.]+)/.exec(p.stderr());
  if (code !== 0 || !m) throw new Error(`cold init run failed (${code}): ${p.stderr()}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) };
}

function spread(samples: { wall: number; cpu: number }[]): Spread {
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  return {
    median: round(median(walls)),
    p10: round(percentile(walls, 10)),
    p90: round(percentile(walls, 90)),
    min: round(walls[0]),
    max: round(walls[walls.length - 1]),
    cpuMedian: round(median(samples.map((s) => s.cpu))),
  };
}

async function coldInit(bundle: string, bundleCode: string): Promise<ColdInit> {
  const nodeBuiltins = staticNodeImports(bundleCode);
  fs.mkdirSync(WORK, { recursive: true });
  const builtinsOnly = path.join(WORK, 'node-builtins-of-bundle.mjs');
  fs.writeFileSync(builtinsOnly, nodeBuiltins.map((m) => `import '${m}';`).join('\n') + '\n');
  const emptyModule = path.join(WORK, 'empty-module.mjs');
  fs.writeFileSync(emptyModule, 'export {};\n');
  const url = (file: string) => pathToFileURL(file).href;
  const rows = {
    bare: { target: url(bundle), preload: [] },
    afterRuntimeModules: { target: url(bundle), preload: ['node:http'] },
    sdkClientOnly: { target: url(bundleLikeProduction('dynamodb-client-only')), preload: [] },
    nodeBuiltinsAlone: { target: url(builtinsOnly), preload: [] },
    emptyModule: { target: url(emptyModule), preload: [] },
  };
  type Row = keyof typeof rows;
  const samples = Object.fromEntries(Object.keys(rows).map((r) => [r, []])) as unknown as Record<Row, { wall: number; cpu: number }[]>;
  // Round-robin over the rows, so a change in the machine's speed touches them alike.
  for (let i = 0; i < COLD_INIT_RUNS; i++) {
    for (const row of Object.keys(rows) as Row[]) samples[row].push(await timeImport(rows[row].target, rows[row].preload));
  }
  return {
    runs: COLD_INIT_RUNS,
    bare: spread(samples.bare),
    afterRuntimeModules: spread(samples.afterRuntimeModules),
    nodeBuiltinsAlone: spread(samples.nodeBuiltinsAlone),
    sdkClientOnly: spread(samples.sdkClientOnly),
    emptyModule: spread(samples.emptyModule),
    nodeBuiltins,
    loadAverage1m: round(os.loadavg()[0]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CPU per order
// ---------------------------------------------------------------------------------------------------------------
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

// Invokes the bundle's handler sequentially with pre-built API Gateway events; process.cpuUsage() around the
// measured invocations (after a warm-up, so the JIT has settled).
const INVOKE_SEQUENTIALLY = `
const {handler}=await import(process.argv[1]);const n=Number(process.argv[2]),warm=Number(process.argv[3]);const body=process.argv[4];const memoryMb=process.argv[5];
const ev=(i)=>({version:'2.0',routeKey:'POST /orders',rawPath:'/orders',rawQueryString:'',headers:{'content-type':'application/json',host:'127.0.0.1','user-agent':'bench'},
requestContext:{accountId:'000000000000',apiId:'local',domainName:'127.0.0.1',domainPrefix:'127',http:{method:'POST',path:'/orders',protocol:'HTTP/1.1',sourceIp:'127.0.0.1',userAgent:'bench'},
requestId:'r'+i,routeKey:'POST /orders',stage:'$default',time:'01/Jan/2025:00:00:00 +0000',timeEpoch:Date.now()},body,isBase64Encoded:false});
const ctx=(i)=>({awsRequestId:'00000000-0000-4000-8000-'+String(i).padStart(12,'0'),functionName:'bench',functionVersion:'$LATEST',memoryLimitInMB:memoryMb,getRemainingTimeInMillis:()=>30000});
let bad=0;for(let i=0;i<warm;i++){const r=await handler(ev(i),ctx(i));if(r.statusCode!==200)bad++;}
const events=[],ctxs=[];for(let i=0;i<n;i++){events.push(ev(warm+i));ctxs.push(ctx(warm+i));}
const c0=process.cpuUsage(),t0=performance.now();
for(let i=0;i<n;i++){const r=await handler(events[i],ctxs[i]);if(r.statusCode!==200)bad++;}
const c=process.cpuUsage(c0),wall=performance.now()-t0;
process.stderr.write('RESULT '+JSON.stringify({cpuMs:(c.user+c.system)/1000,wallMs:wall,bad})+'\\n');`;

async function invokeSequentially(bundle: string, env: Record<string, string>): Promise<CpuPerOrder> {
  const p = spawnNode(['--input-type=module', '-e', INVOKE_SEQUENTIALLY, pathToFileURL(bundle).href, String(CPU_ORDERS), String(CPU_WARMUP), orderBody('cust-cpu'), String(FUNCTION_DEFAULTS.memorySizeMb)], env);
  const code = await p.exited;
  const m = /RESULT (\{.*\})/.exec(p.stderr());
  if (code !== 0 || !m) throw new Error(`CPU run failed (${code}): ${p.stderr()}`);
  const r = JSON.parse(m[1]) as { cpuMs: number; wallMs: number; bad: number };
  return {
    msPerOrder: round(r.cpuMs / CPU_ORDERS, 4),
    wallMsPerOrder: round(r.wallMs / CPU_ORDERS, 4),
    orders: CPU_ORDERS,
    non200: r.bad,
    stdoutBytesPerOrder: round(p.stdoutBytes() / (CPU_ORDERS + CPU_WARMUP), 1),
  };
}

/**
 * Bundles a benchmark entry (bench/<name>.ts) with exactly the esbuild arguments of the production bundle task
 * (from .projenrc.ts, through .projen/tasks.json), so the measured code is minified and targeted as the deployed handler.
 */
function bundleLikeProduction(name: string): string {
  const outfile = path.join(WORK, name, 'index.mjs');
  const flags = projenTaskArgs('bundle:handler/entry-emf').filter((a) => a.startsWith('--') && !a.startsWith('--outfile='));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'esbuild'), [`bench/${name}.ts`, ...flags, `--outfile=${outfile}`, '--log-level=warning'], { cwd: ROOT, stdio: 'inherit' });
  return outfile;
}

async function cpuWithoutIo(): Promise<CpuPerOrder> {
  const r = await invokeSequentially(bundleLikeProduction('handler-without-io'), HANDLER_ENV_BASE);
  if (r.non200 !== 0) throw new Error(`the handler without I/O answered ${r.non200} orders with an error`);
  return r;
}

async function cpuWithSdk(bundle: string): Promise<QuickResults['cpuWithSdk']> {
  const stub = spawnNode(['-e', STUB_DYNAMODB]);
  try {
    const port = await waitFor(stub, /PORT (\d+)/, 10_000);
    const r = await invokeSequentially(bundle, { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}` });
    const counts = JSON.parse(await getText(`http://127.0.0.1:${port}/__counts`)) as Record<string, number>;
    const writes = (counts.PutItem ?? 0) + (counts.UpdateItem ?? 0) + (counts.TransactWriteItems ?? 0) + (counts.BatchWriteItem ?? 0);
    return { ...r, writesPerOrder: round(writes / (CPU_ORDERS + CPU_WARMUP), 3), putItemCalls: counts.PutItem ?? 0 };
  } finally {
    stub.child.kill('SIGTERM');
    await stub.exited;
  }
}

// ---------------------------------------------------------------------------------------------------------------
export async function quick(): Promise<QuickResults> {
  const bundleBytes = { 'emf': 0, 'put-metric-data': 0 } as Record<MetricsMode, number>;
  for (const mode of ['emf', 'put-metric-data'] as MetricsMode[]) {
    const file = bundlePathFor(mode);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npx projen bundle`);
    bundleBytes[mode] = fs.statSync(file).size;
  }
  const emfText = fs.readFileSync(bundlePathFor('emf'), 'utf8');
  log(`bundle: emf ${bundleBytes.emf} B, put-metric-data ${bundleBytes['put-metric-data']} B`);
  log(`cold init: ${COLD_INIT_RUNS} rounds of 5 fresh processes...`);
  const coldInitMs = await coldInit(bundlePathFor('emf'), emfText);
  log(`cold init median ${coldInitMs.bare.median} ms (after the runtime's modules ${coldInitMs.afterRuntimeModules.median} ms; SDK client alone ${coldInitMs.sdkClientOnly.median} ms; Node built-ins alone ${coldInitMs.nodeBuiltinsAlone.median} ms)`);
  log(`CPU per order: ${CPU_WARMUP} warm-up + ${CPU_ORDERS} orders, without I/O and through the SDK to a stub endpoint...`);
  const withoutIo = await cpuWithoutIo();
  const withSdk = await cpuWithSdk(bundlePathFor('emf'));
  log(`CPU per order ${withoutIo.msPerOrder} ms without I/O, ${withSdk.msPerOrder} ms with the SDK call`);
  return { bundleBytes, emfBundleHasCloudWatchClient: /PutMetricData/.test(emfText), coldInitMs, cpuWithoutIo: withoutIo, cpuWithSdk: withSdk };
}

// ---------------------------------------------------------------------------------------------------------------
// reporting
// ---------------------------------------------------------------------------------------------------------------
const ms = (s: Spread) => `${s.median} ms (p10 ${s.p10}, p90 ${s.p90})`;

/** The handler's rows of the budget table. Each budget is judged on the figure it is defined on (the bare-process median, CPU without I/O). */
export function handlerBudgets(q: QuickResults): BudgetCheck[] {
  const c = q.coldInitMs;
  return [
    { budget: `default bundle <= ${BUDGETS.bundleKiB} KiB`, measured: `${round(q.bundleBytes.emf / 1024, 1)} KiB`, met: q.bundleBytes.emf <= BUDGETS.bundleKiB * 1024 },
    { budget: 'PutMetricData code only in the PutMetricData bundle', measured: q.emfBundleHasCloudWatchClient ? 'EMF bundle mentions PutMetricData' : 'absent from the EMF bundle', met: !q.emfBundleHasCloudWatchClient },
    {
      budget: `cold init <= ${BUDGETS.coldInitMs} ms`,
      measured: `${ms(c.bare)} in a bare process, median of ${c.runs}; ${c.afterRuntimeModules.median} ms after node:http as in Lambda's runtime; the SDK client alone ${c.sdkClientOnly.median} ms`,
      met: c.bare.median <= BUDGETS.coldInitMs,
    },
    {
      budget: `handler CPU per order <= ${BUDGETS.cpuMsPerOrder} ms, excluding I/O`,
      measured: `${q.cpuWithoutIo.msPerOrder} ms (${q.cpuWithSdk.msPerOrder} ms with the SDK's DynamoDB call)`,
      met: q.cpuWithoutIo.msPerOrder <= BUDGETS.cpuMsPerOrder,
    },
    {
      budget: 'exactly one DynamoDB write per order',
      measured: `${q.cpuWithSdk.writesPerOrder} (PutItem ${q.cpuWithSdk.putItemCalls} for ${CPU_ORDERS + CPU_WARMUP} orders)`,
      met: q.cpuWithSdk.writesPerOrder === BUDGETS.writesPerOrder,
    },
  ];
}

/** The "Handler" section of the results: every figure with how it was measured. */
export function handlerSection(q: QuickResults, cpus = os.cpus().length): string[] {
  const c = q.coldInitMs;
  const row = (what: string, s: Spread) => `| ${what} | ${s.median} | ${s.p10} | ${s.p90} | ${s.min} | ${s.max} | ${s.cpuMedian} |`;
  const cpu = (r: CpuPerOrder) => `${r.msPerOrder} ms CPU (${r.wallMsPerOrder} ms wall) per order`;
  return [
    '## Handler',
    '',
    `- Bundle: EMF (default) ${q.bundleBytes.emf} B (${round(q.bundleBytes.emf / 1024, 1)} KiB); PutMetricData ${q.bundleBytes['put-metric-data']} B (${round(q.bundleBytes['put-metric-data'] / 1024, 1)} KiB).`,
    `- Cold init: the import of the EMF bundle, which constructs its clients at module scope, timed by \`bench/time-import.mjs\` inside fresh processes (process start excluded); ${c.runs} runs of each row, interleaved; 1-minute load average ${c.loadAverage1m} on ${cpus} CPUs at the end.`,
    '',
    '| import | median ms | p10 | p90 | min | max | CPU median ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('the bundle, bare process (budget figure)', c.bare),
    row('the bundle, after node:http (loaded first by Lambda\'s Node.js runtime)', c.afterRuntimeModules),
    row('only the AWS SDK\'s DynamoDB client, constructed as the handler does (`bench/dynamodb-client-only.ts`, same esbuild flags)', c.sdkClientOnly),
    row(`only the Node built-ins the bundle imports statically (${c.nodeBuiltins.join(', ')})`, c.nodeBuiltinsAlone),
    row('an empty module (the harness itself)', c.emptyModule),
    '',
    `- Handler CPU per order, ${q.cpuWithoutIo.orders} sequential orders after ${CPU_WARMUP} warm-up, user + system time of the handler process:`,
    `  - without I/O (budget figure; \`bench/handler-without-io.ts\`, production esbuild flags, a store that answers at once): ${cpu(q.cpuWithoutIo)}. Parsing, validation, money, idempotency, the record, the response, JSON logs and EMF.`,
    `  - with the AWS SDK's DynamoDB call to a stub endpoint in another process that answers at once: ${cpu(q.cpuWithSdk)}; adds marshalling, the SDK's middleware, SigV4 signing and the HTTP client. ${q.cpuWithSdk.writesPerOrder} DynamoDB writes per order; ${q.cpuWithSdk.stdoutBytesPerOrder} B of logs per order.`,
  ];
}
