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
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleLikeProduction, nodeBinaries } from './bench-bundles';
import { BudgetCheck, BUDGETS } from './budgets';
import { ColdBundle, ColdRequest, coldRequest, ColdRequestRow, WARM_INVOCATIONS } from './cold-request';
import { orderBody } from './loadgen';
import { SDK_CALLS, SDK_ROUNDS, sdkPutItemFloor, SdkPutItemFigure } from './sdk-floor';
import { startStubDynamoDb, StubDynamoDb } from './stub-dynamodb';
import { BENCH_TABLE, log, median, percentile, ROOT, round, spawnNode, WORK } from './support';
import { createOrdersTable, startDynamoDbLocal } from '../local/dynamodb-local';
import { startEventBridgeStub } from '../local/eventbridge-stub';
import { bundlePathFor, MetricsMode } from '../local/server';
import {
  FUNCTION_DEFAULTS, HANDLER_BUNDLES, HANDLER_ENV, ORDER_EVENTS_BUNDLES, ORDER_EVENTS_ENV, READ_API_BUNDLE, READ_API_ENV,
} from '../src/contract/platform';

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
  /** The SDK-client-only bundle with every credential provider and nested client bundled (no externals). */
  sdkClientAllProviders: Spread;
  /** `node:https` alone, and `node:http` then `node:https`: what loading node:http too would add. */
  httpsAlone: Spread;
  httpAndHttps: Spread;
  /** The same built-ins as nodeBuiltinsAlone, taken through ES imports (a module facade each), as bundles did before. */
  nodeBuiltinsAsEsImports: Spread;
  /** nodeBuiltinsAlone, then a read of globalThis.ReadableStream, as the SDK's own body collector does. */
  nodeBuiltinsThenWebStreams: Spread;
  /** Sizes of the two SDK-client-only bundles, bytes. */
  sdkClientBytes: number;
  sdkClientAllProvidersBytes: number;
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

/** Every function bundle the build makes, in the order the report lists them. */
export const FUNCTION_BUNDLES: readonly Omit<ColdBundle, 'file'>[] = [
  { name: HANDLER_BUNDLES.embeddedMetricFormat, kind: 'create-order', baseline: 'entry-emf' },
  { name: HANDLER_BUNDLES.putMetricData, kind: 'create-order', baseline: 'entry-put-metric-data' },
  { name: READ_API_BUNDLE, kind: 'read-orders' },
  { name: ORDER_EVENTS_BUNDLES.embeddedMetricFormat, kind: 'order-events' },
  { name: ORDER_EVENTS_BUNDLES.putMetricData, kind: 'order-events' },
];
const bundleFile = (name: string) => path.join(ROOT, name, 'index.mjs');
/** `assets/functions/create-order/entry-emf` -> `create-order/entry-emf`. */
export const shortName = (name: string) => name.replace(/^assets\/functions\//, '');

export interface QuickResults {
  bundleBytes: Record<MetricsMode, number>;
  /** The size of every function bundle, bytes. */
  bundleSizes: { bundle: string; bytes: number }[];
  emfBundleHasCloudWatchClient: boolean;
  coldInitMs: ColdInit;
  /** The budget's figure: the handler's CPU per order with a store that does no I/O. */
  cpuWithoutIo: CpuPerOrder;
  /** The same orders through the real DynamoDB client to a stub endpoint; counts the writes per order. */
  cpuWithSdk: CpuPerOrder & { writesPerOrder: number; putItemCalls: number };
  /** The SDK's PutItem alone, same client configuration and item, per variant ('as-store' is the floor). */
  sdkPutItem: SdkPutItemFigure[];
  /** Init + first invocation of every bundle, and of the order handler's at the baseline commit, per Node.js binary. */
  coldRequest: ColdRequest;
  /** CPU per order on the project's Node 24, when installed. */
  node24?: { version: string; cpuWithoutIo: CpuPerOrder; cpuWithSdk: CpuPerOrder; sdkPutItem: SdkPutItemFigure[] };
}

// ---------------------------------------------------------------------------------------------------------------
// cold init
// ---------------------------------------------------------------------------------------------------------------
/**
 * The public Node built-ins a bundle's import loads (its init, priming against `endpoint` included), in load order:
 * measured in a fresh process from process.moduleLoadList, since the bundles take built-ins through
 * process.getBuiltinModule rather than import statements. Built-ins they load by themselves (https loads tls and
 * net) are among them.
 */
export async function builtinsLoadedAtInit(bundleUrl: string, env: Record<string, string>, node = process.execPath): Promise<string[]> {
  const probe = [
    "const { builtinModules } = process.getBuiltinModule('node:module');",
    'const before = new Set(process.moduleLoadList);',
    'await import(process.argv[1]);',
    'const pub = new Set(builtinModules);',
    "const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));",
    "process.stderr.write('BUILTINS ' + JSON.stringify(loaded.filter((m) => pub.has(m))) + '\\n');",
  ].join('\n');
  const p = spawnNode(['--input-type=module', '-e', probe, bundleUrl], env, undefined, node);
  const code = await p.exited;
  const m = /BUILTINS (\[.*\])/.exec(p.stderr());
  if (code !== 0 || !m) throw new Error(`built-ins probe failed (${code}): ${p.stderr()}`);
  return (JSON.parse(m[1]) as string[]).map((b) => `node:${b}`);
}

async function timeImport(url: string, preload: string[], endpoint: string): Promise<{ wall: number; cpu: number }> {
  // The endpoint answers the priming GetItem at once, so the init holds the SDK's work, not a network's latency.
  const p = spawnNode([path.join(ROOT, 'bench', 'time-import.mjs'), url, preload.join(',')], { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: endpoint });
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

async function coldInit(bundle: string, stub: StubDynamoDb): Promise<ColdInit> {
  const nodeBuiltins = await builtinsLoadedAtInit(pathToFileURL(bundle).href, { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: stub.endpoint });
  fs.mkdirSync(WORK, { recursive: true });
  const builtinsOnly = path.join(WORK, 'node-builtins-of-bundle.mjs');
  // Taken as the bundle takes them: the built-in itself, without an ES module facade.
  fs.writeFileSync(builtinsOnly, nodeBuiltins.map((m) => `process.getBuiltinModule('${m}');`).join('\n') + '\n');
  const builtinsAsEsImports = path.join(WORK, 'node-builtins-as-es-imports.mjs');
  fs.writeFileSync(builtinsAsEsImports, nodeBuiltins.map((m) => `import '${m}';`).join('\n') + '\n');
  const builtinsThenWebStreams = path.join(WORK, 'node-builtins-then-web-streams.mjs');
  fs.writeFileSync(builtinsThenWebStreams, fs.readFileSync(builtinsOnly, 'utf8') + 'void globalThis.ReadableStream;\n');
  const emptyModule = path.join(WORK, 'empty-module.mjs');
  fs.writeFileSync(emptyModule, 'export {};\n');
  const httpsAlone = path.join(WORK, 'https-alone.mjs');
  fs.writeFileSync(httpsAlone, "import 'node:https';\n");
  const httpAndHttps = path.join(WORK, 'http-and-https.mjs');
  fs.writeFileSync(httpAndHttps, "import 'node:http';\nimport 'node:https';\n");
  const sdkClient = bundleLikeProduction('dynamodb-client-only');
  const sdkClientAll = bundleLikeProduction('dynamodb-client-only', { keepExternals: false, outName: 'dynamodb-client-only-all-providers' });
  const url = (file: string) => pathToFileURL(file).href;
  const rows = {
    bare: { target: url(bundle), preload: [] },
    afterRuntimeModules: { target: url(bundle), preload: ['node:http'] },
    sdkClientOnly: { target: url(sdkClient), preload: [] },
    sdkClientAllProviders: { target: url(sdkClientAll), preload: [] },
    nodeBuiltinsAlone: { target: url(builtinsOnly), preload: [] },
    nodeBuiltinsAsEsImports: { target: url(builtinsAsEsImports), preload: [] },
    nodeBuiltinsThenWebStreams: { target: url(builtinsThenWebStreams), preload: [] },
    httpsAlone: { target: url(httpsAlone), preload: [] },
    httpAndHttps: { target: url(httpAndHttps), preload: [] },
    emptyModule: { target: url(emptyModule), preload: [] },
  };
  type Row = keyof typeof rows;
  const samples = Object.fromEntries(Object.keys(rows).map((r) => [r, []])) as unknown as Record<Row, { wall: number; cpu: number }[]>;
  // Round-robin over the rows, so a change in the machine's speed touches them alike.
  for (let i = 0; i < COLD_INIT_RUNS; i++) {
    for (const row of Object.keys(rows) as Row[]) samples[row].push(await timeImport(rows[row].target, rows[row].preload, stub.endpoint));
  }
  return {
    runs: COLD_INIT_RUNS,
    bare: spread(samples.bare),
    afterRuntimeModules: spread(samples.afterRuntimeModules),
    nodeBuiltinsAlone: spread(samples.nodeBuiltinsAlone),
    sdkClientOnly: spread(samples.sdkClientOnly),
    emptyModule: spread(samples.emptyModule),
    sdkClientAllProviders: spread(samples.sdkClientAllProviders),
    httpsAlone: spread(samples.httpsAlone),
    httpAndHttps: spread(samples.httpAndHttps),
    nodeBuiltinsAsEsImports: spread(samples.nodeBuiltinsAsEsImports),
    nodeBuiltinsThenWebStreams: spread(samples.nodeBuiltinsThenWebStreams),
    sdkClientBytes: fs.statSync(sdkClient).size,
    sdkClientAllProvidersBytes: fs.statSync(sdkClientAll).size,
    nodeBuiltins,
    loadAverage1m: round(os.loadavg()[0]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CPU per order
// ---------------------------------------------------------------------------------------------------------------
// Invokes the bundle's handler sequentially with pre-built API Gateway events; process.cpuUsage() around the
// measured invocations (after a warm-up, so the JIT has settled).
const INVOKE_SEQUENTIALLY = `
const [bundleUrl,requestsUrl,nArg,warmArg,body,memoryMb]=process.argv.slice(1);const n=Number(nArg),warm=Number(warmArg);
const {invocation,succeeded}=await import(requestsUrl);const {handler}=await import(bundleUrl);
const o={body,customerId:'cust-cpu',memoryMb:Number(memoryMb)};
let bad=0;for(let i=0;i<warm;i++){const {event,context}=invocation('create-order',i,o);if(!succeeded('create-order',await handler(event,context)))bad++;}
const calls=[];for(let i=0;i<n;i++)calls.push(invocation('create-order',warm+i,o));
const c0=process.cpuUsage(),t0=performance.now();
for(let i=0;i<n;i++){if(!succeeded('create-order',await handler(calls[i].event,calls[i].context)))bad++;}
const c=process.cpuUsage(c0),wall=performance.now()-t0;
process.stderr.write('RESULT '+JSON.stringify({cpuMs:(c.user+c.system)/1000,wallMs:wall,bad})+'\\n');`;

async function invokeSequentially(bundle: string, env: Record<string, string>, node?: string): Promise<CpuPerOrder> {
  const requests = pathToFileURL(bundleLikeProduction('lambda-requests')).href;
  const p = spawnNode(['--input-type=module', '-e', INVOKE_SEQUENTIALLY, pathToFileURL(bundle).href, requests, String(CPU_ORDERS), String(CPU_WARMUP),
    orderBody('cust-cpu'), String(FUNCTION_DEFAULTS.memorySizeMb)], env, undefined, node);
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

async function cpuWithoutIo(node?: string): Promise<CpuPerOrder> {
  const r = await invokeSequentially(bundleLikeProduction('handler-without-io'), HANDLER_ENV_BASE, node);
  if (r.non200 !== 0) throw new Error(`the handler without I/O answered ${r.non200} orders with an error`);
  return r;
}

/**
 * The handler's CPU per order through the SDK and the SDK's PutItem alone, interleaved: one handler pass (which gives
 * the stub the item to copy), then SDK_ROUNDS rounds of the PutItem variants, each followed by another handler pass.
 * The handler's figure is its median pass; measured one after the other instead, the ratio swung from 1.04x to 1.49x
 * between two runs on the shared machine.
 */
async function cpuWithSdkAndFloor(bundle: string, stub: StubDynamoDb, node?: string) {
  const passes = [await cpuWithSdk(bundle, stub, node)];
  const sdkPutItem = await sdkPutItemFloor(stub, HANDLER_ENV_BASE, node, async () => { passes.push(await cpuWithSdk(bundle, stub, node)); });
  const sorted = [...passes].sort((a, b) => a.msPerOrder - b.msPerOrder);
  const withSdk = sorted[Math.floor(sorted.length / 2)];
  // The write count is judged on the worst pass, not the median one.
  return { withSdk: { ...withSdk, writesPerOrder: Math.max(...passes.map((p) => p.writesPerOrder)) }, sdkPutItem };
}

async function cpuWithSdk(bundle: string, stub: StubDynamoDb, node?: string): Promise<QuickResults['cpuWithSdk']> {
  const before = await stub.counts();
  const r = await invokeSequentially(bundle, { ...HANDLER_ENV_BASE, AWS_ENDPOINT_URL_DYNAMODB: stub.endpoint }, node);
  const after = await stub.counts();
  const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
  const writes = delta('PutItem') + delta('UpdateItem') + delta('TransactWriteItems') + delta('BatchWriteItem');
  return { ...r, writesPerOrder: round(writes / (CPU_ORDERS + CPU_WARMUP), 3), putItemCalls: delta('PutItem') };
}

/**
 * The cold request of every bundle against DynamoDB Local (the reads list the orders the order handler's runs
 * stored), the consumer against the local PutEvents stand-in, and the PutMetricData bundles against a CloudWatch
 * stand-in that accepts every call at once.
 */
export async function coldRequestOfEveryBundle(nodes: ReturnType<typeof nodeBinaries>, runs?: number): Promise<ColdRequest> {
  const engine = await startDynamoDbLocal();
  const events = await startEventBridgeStub();
  const cloudWatch = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-length': '0' }); res.end(); }); });
  await new Promise<void>((resolve) => cloudWatch.listen(0, '127.0.0.1', resolve));
  try {
    await createOrdersTable(engine.client(), BENCH_TABLE);
    return await coldRequest(FUNCTION_BUNDLES.map((b) => ({ ...b, file: bundleFile(b.name) })), nodes, {
      ...HANDLER_ENV_BASE,
      AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: events.url,
      AWS_ENDPOINT_URL_CLOUDWATCH: `http://127.0.0.1:${(cloudWatch.address() as AddressInfo).port}`,
      [READ_API_ENV.access]: 'IAM',
      [ORDER_EVENTS_ENV.bus]: 'arn:aws:events:us-east-1:000000000000:event-bus/bench-orders',
      [ORDER_EVENTS_ENV.source]: 'bench.orders',
    }, runs);
  } finally {
    await new Promise((resolve) => cloudWatch.close(resolve));
    await events.stop();
    await engine.stop();
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
  const stub = await startStubDynamoDb();
  try {
    log(`cold init: ${COLD_INIT_RUNS} rounds of 8 fresh processes...`);
    const coldInitMs = await coldInit(bundlePathFor('emf'), stub);
    log(`cold init median ${coldInitMs.bare.median} ms (after the runtime's modules ${coldInitMs.afterRuntimeModules.median} ms; SDK client alone ${coldInitMs.sdkClientOnly.median} ms; Node built-ins alone ${coldInitMs.nodeBuiltinsAlone.median} ms)`);
    log(`CPU per order: ${CPU_WARMUP} warm-up + ${CPU_ORDERS} orders, without I/O and through the SDK to a stub endpoint...`);
    const withoutIo = await cpuWithoutIo();
    const { withSdk, sdkPutItem } = await cpuWithSdkAndFloor(bundlePathFor('emf'), stub);
    log(`CPU per order ${withoutIo.msPerOrder} ms without I/O, ${withSdk.msPerOrder} ms with the SDK call; the SDK's PutItem alone ${sdkPutItem[0].cpuMsPerCall} ms`);
    const nodes = nodeBinaries();
    const node24 = nodes.find((n) => n.version.startsWith('v24.'));
    let node24Figures: QuickResults['node24'];
    if (node24 && node24.path !== process.execPath) {
      log(`CPU per order on ${node24.version} (${path.relative(ROOT, node24.path)})...`);
      const cpuWithoutIo24 = await cpuWithoutIo(node24.path);
      const on24 = await cpuWithSdkAndFloor(bundlePathFor('emf'), stub, node24.path);
      node24Figures = { version: node24.version, cpuWithoutIo: cpuWithoutIo24, cpuWithSdk: on24.withSdk, sdkPutItem: on24.sdkPutItem };
    }
    log(`cold request: ${nodes.map((n) => n.version).join(', ')}; every bundle, and the order handler's at the baseline, against DynamoDB Local...`);
    const cold = await coldRequestOfEveryBundle(nodes);
    for (const r of cold.rows) {
      log(`  ${shortName(r.bundle)} ${r.build} on ${r.node}: init ${r.initMs} ms + first ${r.firstMs} ms (CPU ${r.firstCpuMs} ms); modelled ${r.modelledMs} ms; warm p50 ${r.warmP50Ms} ms`);
    }
    return {
      bundleBytes,
      bundleSizes: FUNCTION_BUNDLES.map((b) => ({ bundle: b.name, bytes: fs.statSync(bundleFile(b.name)).size })),
      emfBundleHasCloudWatchClient: /PutMetricData/.test(emfText),
      coldInitMs,
      cpuWithoutIo: withoutIo,
      cpuWithSdk: withSdk,
      sdkPutItem,
      coldRequest: cold,
      node24: node24Figures,
    };
  } finally {
    await stub.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// reporting
// ---------------------------------------------------------------------------------------------------------------

const ratio = (a: number, b: number) => `${round(a / b, 2)}x`;

/** The rows of the cold request that judge `cur`: the baseline of the same bundle on the same Node, if any. */
function baselineOf(q: QuickResults, cur: ColdRequestRow): ColdRequestRow | undefined {
  return q.coldRequest.rows.find((r) => r.build === 'baseline' && r.bundle === cur.bundle && r.node === cur.node);
}

/** The bundles' rows of the budget table; each budget relative to a floor is judged on figures of the same run. */
export function handlerBudgets(q: QuickResults): BudgetCheck[] {
  const c = q.coldInitMs;
  const asStore = q.sdkPutItem.find((v) => v.variant === 'as-store')!;
  const share = `${BUDGETS.mbPerVcpu} / ${q.coldRequest.memoryMb} MB`;
  const perBundle = q.coldRequest.rows.filter((r) => r.build === 'current').flatMap((cur): BudgetCheck[] => {
    const base = baselineOf(q, cur);
    const name = shortName(cur.bundle);
    const firstLimit = round(BUDGETS.firstInvocationFactor * cur.warmP50Ms + BUDGETS.firstInvocationExtraMs);
    const modelled = `modelled cold request of ${name} (init + first invocation CPU x ${share}, ${cur.node})`;
    return [
      {
        budget: `first invocation of ${name} <= ${BUDGETS.firstInvocationFactor} x warm p50 + ${BUDGETS.firstInvocationExtraMs} ms (${cur.node})`,
        measured: `${cur.firstMs} ms vs warm p50 ${cur.warmP50Ms} ms: limit ${firstLimit} ms, ${ratio(cur.firstMs, cur.warmP50Ms)} warm p50`,
        met: cur.firstMs <= firstLimit,
      },
      base
        ? {
          budget: `${modelled} <= ${BUDGETS.modelledColdRequestFactor} x the baseline ${q.coldRequest.baselineCommit}'s`,
          measured: `${cur.modelledMs} ms (init ${cur.initMs} + CPU ${cur.firstCpuMs}) vs ${base.modelledMs} ms (init ${base.initMs} + CPU ${base.firstCpuMs}): ` +
            `limit ${round(BUDGETS.modelledColdRequestFactor * base.modelledMs)} ms, ${ratio(cur.modelledMs, base.modelledMs)}`,
          met: cur.modelledMs <= BUDGETS.modelledColdRequestFactor * base.modelledMs,
        }
        : {
          // The read and events functions had no baseline before priming: their modelled figure is information.
          budget: `${modelled}${FUNCTION_BUNDLES.find((b) => b.name === cur.bundle)?.baseline ? ': baseline not rebuilt, no verdict' : ''}`,
          measured: `${cur.modelledMs} ms (init ${cur.initMs} + CPU ${cur.firstCpuMs})`,
          met: null,
        },
    ];
  });
  return [
    { budget: `default bundle <= ${BUDGETS.bundleKiB} KiB`, measured: `${round(q.bundleBytes.emf / 1024, 1)} KiB`, met: q.bundleBytes.emf <= BUDGETS.bundleKiB * 1024 },
    { budget: 'PutMetricData code only in the PutMetricData bundle', measured: q.emfBundleHasCloudWatchClient ? 'EMF bundle mentions PutMetricData' : 'absent from the EMF bundle', met: !q.emfBundleHasCloudWatchClient },
    {
      // Retired: the rehearsal compiles the handler during the unthrottled init on purpose, so init grows by design.
      budget: 'bundle init vs the SDK-client-only init (both primed as the handler primes; same flags): no verdict, the rehearsal adds to the init on purpose',
      measured: `${c.bare.median} ms vs ${c.sdkClientOnly.median} ms: +${round(c.bare.median - c.sdkClientOnly.median)} ms, ${ratio(c.bare.median, c.sdkClientOnly.median)} (medians of ${c.runs} interleaved runs)`,
      met: null,
    },
    ...perBundle,
    {
      budget: `handler CPU per order <= ${BUDGETS.cpuMsPerOrder} ms, excluding I/O`,
      measured: `${q.cpuWithoutIo.msPerOrder} ms`,
      met: q.cpuWithoutIo.msPerOrder <= BUDGETS.cpuMsPerOrder,
    },
    {
      budget: `handler CPU per order with I/O <= ${BUDGETS.cpuWithIoFactor} x the SDK's PutItem alone (same client configuration, same item)`,
      measured: `${q.cpuWithSdk.msPerOrder} ms vs ${asStore.cpuMsPerCall} ms: ${ratio(q.cpuWithSdk.msPerOrder, asStore.cpuMsPerCall)}`,
      met: q.cpuWithSdk.msPerOrder <= BUDGETS.cpuWithIoFactor * asStore.cpuMsPerCall,
    },
    {
      budget: 'exactly one DynamoDB write per order',
      measured: `${q.cpuWithSdk.writesPerOrder} (PutItem ${q.cpuWithSdk.putItemCalls} for ${CPU_ORDERS + CPU_WARMUP} orders)`,
      met: q.cpuWithSdk.writesPerOrder === BUDGETS.writesPerOrder,
    },
  ];
}

/** Each SDK measure tried, its effect measured in this run, and whether the bundles use it. */
export function sdkMeasuresTable(q: QuickResults): string[] {
  const c = q.coldInitMs;
  const v = (name: string) => q.sdkPutItem.find((x) => x.variant === name)!;
  const pct = (after: number, before: number) => `${round((100 * (after - before)) / before, 1)} %`;
  const cur = q.coldRequest.rows.find((r) => r.build === 'current' && r.bundle === HANDLER_BUNDLES.embeddedMetricFormat);
  const base = cur && baselineOf(q, cur);
  return [
    '| SDK measure | without | with | effect | in the bundles |',
    '|---|---:|---:|---:|---|',
    `| \`cacheMiddleware: true\` (CPU per PutItem, the deadline given with withDeadline()) | ${v('cache-off').cpuMsPerCall} ms | ${v('as-store').cpuMsPerCall} ms | ${pct(v('as-store').cpuMsPerCall, v('cache-off').cpuMsPerCall)} | yes |`,
    `| the deadline beside the call (withDeadline()) instead of the per-call \`abortSignal\` option, which makes the SDK skip its cache (CPU per PutItem) | ${v('per-call-option').cpuMsPerCall} ms | ${v('as-store').cpuMsPerCall} ms | ${pct(v('as-store').cpuMsPerCall, v('per-call-option').cpuMsPerCall)} | yes: without it the cache never applies |`,
    `| credential providers and nested clients Lambda never evaluates left out (HANDLER_EXTERNALS; SDK-client-only bundle init) | ${c.sdkClientAllProviders.median} ms, ${round(c.sdkClientAllProvidersBytes / 1024, 1)} KiB | ${c.sdkClientOnly.median} ms, ${round(c.sdkClientBytes / 1024, 1)} KiB | ${pct(c.sdkClientOnly.median, c.sdkClientAllProviders.median)} init, ${pct(c.sdkClientBytes, c.sdkClientAllProvidersBytes)} size | yes (the credentials are in Lambda's environment) |`,
    `| Node built-ins taken as CommonJS (process.getBuiltinModule, through the \`--alias\` flags from .projenrc.ts) instead of ES imports, whose facades read every export once (import of the built-ins the bundle loads) | ${c.nodeBuiltinsAsEsImports.median} ms | ${c.nodeBuiltinsAlone.median} ms | ${round(c.nodeBuiltinsAlone.median - c.nodeBuiltinsAsEsImports.median, 2)} ms | yes |`,
    `| response bodies collected without asking whether they are web streams (collectNodeStream: reading globalThis.ReadableStream loads Node's web-streams implementation) | ${c.nodeBuiltinsThenWebStreams.median} ms | ${c.nodeBuiltinsAlone.median} ms | ${round(c.nodeBuiltinsAlone.median - c.nodeBuiltinsThenWebStreams.median, 2)} ms | yes |`,
    `| \`node:http\` not loaded where \`node:https\` serves (import of node:https alone vs node:http + node:https) | ${c.httpAndHttps.median} ms | ${c.httpsAlone.median} ms | ${round(c.httpAndHttps.median - c.httpsAlone.median, 2)} ms | yes, by the SDK itself: this version's HTTP handler loads node:http only for an http:// endpoint; the built-ins the bundle loads during its init (against a local http:// endpoint) are ${c.nodeBuiltins.join(', ')}. On Lambda the runtime has loaded node:http before the handler anyway |`,
    '| `requestChecksumCalculation` / `responseChecksumValidation: \'WHEN_REQUIRED\'` | - | - | none | not applicable: the DynamoDB client of this SDK version has no flexible-checksum middleware and no such settings |',
    base && cur
      ? `| priming and rehearsal during init (default bundle, first invocation, ${cur.node}, DynamoDB Local) | ${base.firstMs} ms (init ${base.initMs}; modelled ${base.modelledMs}) | ${cur.firstMs} ms (init ${cur.initMs}; modelled ${cur.modelledMs}) | ${pct(cur.firstMs, base.firstMs)} first invocation, ${pct(cur.coldRequestMs, base.coldRequestMs)} init + first, ${pct(cur.modelledMs, base.modelledMs)} modelled | yes |`
      : '| priming during init | - | - | baseline not rebuilt | yes |',
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
    row('only the AWS SDK\'s DynamoDB client, constructed and primed as the handler does (`bench/dynamodb-client-only.ts`, same esbuild flags)', c.sdkClientOnly),
    row(`only the Node built-ins the bundle loads during its init, taken as it takes them (${c.nodeBuiltins.join(', ')})`, c.nodeBuiltinsAlone),
    row('an empty module (the harness itself)', c.emptyModule),
    row('only the SDK\'s DynamoDB client with every credential provider bundled (no externals)', c.sdkClientAllProviders),
    row('the same built-ins through ES imports', c.nodeBuiltinsAsEsImports),
    row('the built-ins, then a read of globalThis.ReadableStream', c.nodeBuiltinsThenWebStreams),
    row('node:https alone', c.httpsAlone),
    row('node:http, then node:https', c.httpAndHttps),
    '',
    `- Every bundle: its size, and its cold request in a fresh process per run: the import (the init: priming and the rehearsal included), the first invocation, then ${WARM_INVOCATIONS} warm invocations one after another, against DynamoDB Local (the consumer against the local PutEvents stand-in, the PutMetricData bundles against a CloudWatch stand-in that answers at once); the order handler's bundles at ${q.coldRequest.baselineCommit} (before priming) rebuilt from their own sources with their own bundling flags and timed in the same rounds; medians of ${q.coldRequest.rows[0]?.runs ?? 0} runs each; 1-minute load average ${q.coldRequest.loadAverage1m}. Modelled cold request = init wall time + first invocation CPU (process.cpuUsage) x ${BUDGETS.mbPerVcpu} / ${q.coldRequest.memoryMb} MB: Lambda runs the init with the full CPU and an invocation with its memory's share of a vCPU; I/O wait is left out.`,
    '',
    '| bundle | build | Node | size KiB | init ms | first invocation ms | first invocation CPU ms | init + first ms | modelled cold request ms | warm p50 ms | non-200 |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...q.coldRequest.rows.map((r) => {
      const size = r.build === 'current' ? q.bundleSizes.find((b) => b.bundle === r.bundle) : undefined;
      return `| ${shortName(r.bundle)} | ${r.build === 'current' ? 'current' : `baseline ${q.coldRequest.baselineCommit}`} | ${r.node} | ${size ? round(size.bytes / 1024, 1) : '-'} | ` +
        `${r.initMs} | ${r.firstMs} | ${r.firstCpuMs} | ${r.coldRequestMs} | ${r.modelledMs} | ${r.warmP50Ms} | ${r.non200} |`;
    }),
    '',
    '### SDK measures',
    '',
    ...sdkMeasuresTable(q),
    '',
    `- Handler CPU per order, ${q.cpuWithoutIo.orders} sequential orders after ${CPU_WARMUP} warm-up, user + system time of the handler process:`,
    `  - without I/O (budget figure; \`bench/handler-without-io.ts\`, production esbuild flags, a store that answers at once): ${cpu(q.cpuWithoutIo)}. Parsing, validation, money, idempotency, the record, the response, JSON logs and EMF.`,
    `  - with the AWS SDK's DynamoDB call to a stub endpoint in another process that answers at once (median of ${SDK_ROUNDS + 1} fresh processes, interleaved with the SDK's PutItem alone): ${cpu(q.cpuWithSdk)}; adds marshalling, the SDK's middleware, SigV4 signing and the HTTP client. ${q.cpuWithSdk.writesPerOrder} DynamoDB writes per order; ${q.cpuWithSdk.stdoutBytesPerOrder} B of logs per order.`,
    `  - the SDK's PutItem alone (\`bench/sdk-put-item-alone.ts\`: the item the handler stored, the handler's client configuration, the same stub; median of ${q.sdkPutItem[0]?.rounds ?? 0} fresh processes of ${SDK_CALLS} calls): ${q.sdkPutItem.map((x) => `${x.variant} ${x.cpuMsPerCall} ms`).join(', ')}.`,
    ...(q.node24 ? [
      `  - on ${q.node24.version} (the runtime the construct deploys): without I/O ${cpu(q.node24.cpuWithoutIo)}; with the SDK call ${cpu(q.node24.cpuWithSdk)}; the SDK's PutItem alone ${q.node24.sdkPutItem.map((x) => `${x.variant} ${x.cpuMsPerCall} ms`).join(', ')}.`,
    ] : []),
  ];
}
