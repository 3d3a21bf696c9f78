/**
 * Open-loop load generator, run as its own process by bench/run.ts so its CPU is not the server's.
 *
 * Request i is due at t0 + i/rate. A timer wakes up and starts every due request, however many the server still has
 * in flight; latency counts from the due time, not from when the request was actually written, so a slow server (or
 * a late generator) shows up as latency instead of silently lowering the rate (no coordinated omission). Each
 * request carries its own customerId (`<runId>-<i>`) so the benchmark can match acknowledged and stored orders one by one.
 *
 * Usage: loadgen.ts '<json LoadSpec>'  -> writes a LoadResult JSON to spec.outFile; progress on stderr.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { SEED_EXAMPLE_ORDER } from '../local/seed-example';

export interface LoadSpec {
  readonly url: string;
  readonly rate: number;
  /** Requests due in the first warmupS seconds are sent and checked but left out of latency figures. */
  readonly warmupS: number;
  readonly durationS: number;
  readonly runId: string;
  readonly outFile: string;
  /** Give up on a request after this long (counted as an error "timeout"). */
  readonly timeoutMs: number;
}

/** The body and headers of one request of a run: an order with the request's own customer id. */
function requestOf(spec: LoadSpec, i: number): { path: string; body: string; headers: Record<string, string> } {
  return { path: '/orders', body: orderBody(`${spec.runId}-${i}`), headers: { 'content-type': 'application/json' } };
}

/** One request: due offset from t0 (ms), latency from due time (ms), HTTP status (0 = no answer), order id if 2xx. */
export type RequestRecord = [dueMs: number, latencyMs: number, status: number, orderId: string | null, error: string | null];

export interface LoadResult {
  readonly spec: LoadSpec;
  readonly records: RequestRecord[];
  /** How late the generator started requests (ms): its own lag, which is also inside the latencies. */
  readonly startLagP99Ms: number;
  readonly startLagMaxMs: number;
  readonly wallS: number;
}

export function orderBody(customerId: string): string {
  return JSON.stringify({ ...SEED_EXAMPLE_ORDER, customerId });
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`load is only ever sent to 127.0.0.1, not ${target.hostname}`);
  // node:http rather than global fetch, on purpose. Measured on the busy 2-core build machine (load average 7-14) against a stub that
  // answers at once (3,000 requests at 500 req/s): fetch (undici) spent about 1.3 ms of CPU per request against about
  // 0.3 ms for http.request, and fell seconds behind its schedule (start lag p99 4.6 s against 0.15 s), which would be
  // charged to the server as latency. The rest of the benchmark, where the client's cost is not measured, uses fetch.
  // Unbounded sockets: an open-loop generator must never queue requests behind its own connection pool.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
  const total = Math.round(spec.rate * (spec.warmupS + spec.durationS));
  const intervalMs = 1000 / spec.rate;
  const records: RequestRecord[] = new Array(total);
  const lags: number[] = [];
  let done = 0;
  let started = 0;
  const t0 = performance.now() + 50;

  const fire = (i: number) => {
    const due = i * intervalMs;
    lags.push(performance.now() - t0 - due);
    const request = requestOf(spec, i);
    const body = request.body;
    let settled = false;
    const finish = (status: number, orderId: string | null, error: string | null) => {
      if (settled) return;
      settled = true;
      records[i] = [due, performance.now() - t0 - due, status, orderId, error];
      done++;
    };
    const req = http.request(new URL(request.path, target), {
      method: 'POST', agent, headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        let orderId: string | null = null;
        if (status >= 200 && status < 300) {
          try { orderId = JSON.parse(Buffer.concat(chunks).toString()).orderId ?? null; } catch { orderId = null; }
        }
        finish(status, orderId, null);
      });
      res.on('error', (e) => finish(0, null, e.message));
    });
    req.setTimeout(spec.timeoutMs, () => { finish(0, null, 'timeout'); req.destroy(); });
    req.on('error', (e: NodeJS.ErrnoException) => finish(0, null, e.code ?? e.message));
    req.end(body);
  };

  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    process.stderr.write(`  [${spec.runId}] ${s.toFixed(0)}s sent ${started}/${total} answered ${done}\n`);
  }, 5000);

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now() - t0;
      while (started < total && started * intervalMs <= now) fire(started++);
      if (started < total) {
        setTimeout(tick, Math.max(0, started * intervalMs - (performance.now() - t0)));
      } else {
        resolve();
      }
    };
    setTimeout(() => { process.stderr.write('START\n'); tick(); }, 50);
  });
  // Every request either answers or times out.
  while (done < total) await new Promise((r) => setTimeout(r, 20));
  clearInterval(progress);
  agent.destroy();
  lags.sort((a, b) => a - b);
  return {
    spec,
    records,
    startLagP99Ms: lags[Math.floor(lags.length * 0.99)] ?? 0,
    startLagMaxMs: lags[lags.length - 1] ?? 0,
    wallS: (performance.now() - t0) / 1000,
  };
}

if (require.main === module) {
  const spec = JSON.parse(process.argv[2]) as LoadSpec;
  run(spec).then(
    (result) => { fs.writeFileSync(spec.outFile, JSON.stringify(result)); process.exit(0); },
    (err) => { process.stderr.write(`loadgen: ${(err as Error).stack}\n`); process.exit(1); },
  );
}
