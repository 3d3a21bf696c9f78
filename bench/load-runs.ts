/**
 * One measured load run against the local API: the API's own process, the load generator's process, and the summary
 * of what came back (latency percentiles, statuses, CPU) checked against what the table holds (acknowledged == stored).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { LoadResult, LoadSpec, orderBody } from './loadgen';
import { BENCH_TABLE, log, percentile, postOrder, round, spawnNode, Spawned, waitFor, WORK } from './support';
import { DynamoDbLocal, freePort } from '../local/dynamodb-local';
import { MetricsMode } from '../local/server';
import { ORDERS_TABLE } from '../src/contract/orders-table';

const TS = ['-r', 'ts-node/register/transpile-only'];

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return NaN;
  }
}

export interface ServerHandle { url: string; proc: Spawned; stop(): Promise<void> }

export interface ServerOptions {
  endpoint: string;
  table: string;
  metrics: MetricsMode;
  env?: Record<string, string>;
  name: string;
  /** Run the order-events consumer on the table's stream, as `local:api` does by default. Default true. */
  orderEvents?: boolean;
}

/** The local API in its own process (local/cli.ts serve), its stdout (the handler's logs) in .tmp/bench/server-<name>.log. */
export async function startServer(o: ServerOptions): Promise<ServerHandle> {
  const port = await freePort();
  const proc = spawnNode([...TS, 'local/cli.ts', 'serve', '--port', String(port), '--dynamodb-endpoint', o.endpoint, '--table', o.table,
    '--metrics', o.metrics, '--quiet', ...(o.orderEvents === false ? ['--no-events'] : [])], o.env ?? {}, serverLogFile(o.name));
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

export const serverLogFile = (name: string) => path.join(WORK, `server-${name}.log`);

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
  /** The server's process CPU over the run (warm-up seconds included) per acknowledged order (of the same span), ms. */
  serverCpuMsPerOrder: number;
  engineCpuPct: number;
  generatorLagP99Ms: number;
  loadAverage1m: number;
}

/** Runs the open-loop load generator in its own process; `onStart` fires when it starts sending. */
export async function runLoad(
  url: string, runId: string, rate: number, warmupS: number, durationS: number, onStart?: () => void,
): Promise<LoadResult> {
  const outFile = path.join(WORK, `${runId}.load.json`);
  const spec: LoadSpec = { url, rate, warmupS, durationS, runId, outFile, timeoutMs: 35_000 };
  const p = spawnNode([...TS, 'bench/loadgen.ts', JSON.stringify(spec)]);
  p.child.stderr?.on('data', (c: Buffer) => { for (const l of c.toString().split('\n')) if (l.includes(`[${runId}]`)) log(l); });
  if (onStart) void waitFor(p, /(START)/, 60_000).then(onStart, () => undefined);
  const code = await p.exited;
  if (code !== 0) throw new Error(`load generator failed (${code}): ${p.stderr()}`);
  return JSON.parse(fs.readFileSync(outFile, 'utf8')) as LoadResult;
}

/** The stored order ids of every customer whose id starts with `prefix`. */
export async function storedOrders(doc: DynamoDBDocumentClient, table: string, prefix: string): Promise<Map<string, string[]>> {
  const orderId = ORDERS_TABLE.partitionKey;
  const customerId = ORDERS_TABLE.customerIndexPartitionKey;
  const byCustomer = new Map<string, string[]>();
  for await (const page of paginateScan({ client: doc, pageSize: 1000 }, {
    TableName: table,
    FilterExpression: 'begins_with(#customer, :p)',
    ExpressionAttributeNames: { '#customer': customerId, '#order': orderId },
    ExpressionAttributeValues: { ':p': prefix },
    ProjectionExpression: '#order, #customer',
    ConsistentRead: true,
  })) {
    for (const item of page.Items ?? []) {
      const list = byCustomer.get(item[customerId]) ?? [];
      list.push(item[orderId]);
      byCustomer.set(item[customerId], list);
    }
  }
  return byCustomer;
}

export interface CpuSpent { server: number; engine: number; wallS: number }

export async function summarize(result: LoadResult, doc: DynamoDBDocumentClient, table: string, cpu: CpuSpent): Promise<RunSummary> {
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
  const stored = await storedOrders(doc, table, `${spec.runId}-`);
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
    serverCpuMsPerOrder: round((1000 * cpu.server) / Math.max(1, ackedIds.size), 4),
    engineCpuPct: round((100 * cpu.engine) / cpu.wallS, 1),
    generatorLagP99Ms: round(result.startLagP99Ms),
    loadAverage1m: round(os.loadavg()[0]),
  };
}

/** A load run at one rate, with the server's and the engine's CPU over it, summarized and logged. */
export async function measuredRun(
  server: ServerHandle, engine: DynamoDbLocal, doc: DynamoDBDocumentClient, runId: string, rate: number, warmupS: number, durationS: number,
): Promise<RunSummary> {
  log(`load ${runId}: ${rate} req/s, ${warmupS} s warm-up + ${durationS} s measured`);
  const s0 = cpuSeconds(server.proc.child.pid);
  const e0 = cpuSeconds(engine.process.pid);
  const t0 = Date.now();
  const result = await runLoad(server.url, runId, rate, warmupS, durationS);
  const cpu = { server: cpuSeconds(server.proc.child.pid) - s0, engine: cpuSeconds(engine.process.pid) - e0, wallS: (Date.now() - t0) / 1000 };
  const summary = await summarize(result, doc, BENCH_TABLE, cpu);
  log(`  -> p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms, ${summary.achievedRps} req/s, errors ${summary.errors}, ` +
    `acked ${summary.acked} stored ${summary.stored}${summary.ackedEqualsStored ? ' (equal)' : ' (MISMATCH)'}`);
  return summary;
}

/**
 * Closed-loop warm-up (a fixed number of requests, a few at a time): brings the JVM's JIT and the handler up to speed
 * without building the backlog an open-loop warm-up on a cold engine would leave behind for the measured run.
 * At most `concurrency` requests are in flight because each worker awaits its answer, whatever the client's pool.
 */
export async function warmUp(url: string, requests: number, concurrency = 8): Promise<void> {
  log(`warm-up: ${requests} requests, ${concurrency} at a time (closed loop)`);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      const i = next++;
      await postOrder(url, orderBody(`warmup-${i}`)).catch(() => undefined);
    }
  }));
}
