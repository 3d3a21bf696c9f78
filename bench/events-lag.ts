/**
 * Order events in the benchmark: at a steady order rate against a running local API with order events on, how long
 * from an order being taken (its orderTimestamp, set by the handler just before the write) to the consumer's
 * PutEvents reaching the local EventBridge stand-in, p50/p99, and whether every acknowledged order produced exactly
 * one event. Locally the lag is dominated by the stream poll interval (250 ms, about Lambda's 4 polls a second).
 *
 * Alone: npx ts-node --transpile-only --project tsconfig.dev.json bench/events-lag.ts [--rate 20] [--seconds 10] [--url URL]
 * (without --url it starts its own local API on a free port).
 */
import * as http from 'node:http';
import { SEED_EXAMPLE_ORDER } from '../local/seed-example';
import { startLocalOrderApi } from '../local/server';

export interface EventsLagOptions {
  /** Base URL of a local API started with order events on. */
  readonly url: string;
  /** Orders per second, sent open loop at even spacing. */
  readonly rate: number;
  readonly seconds: number;
  /** How long to wait for the last events after the last order. Default 15 s. */
  readonly drainTimeoutMs?: number;
}

export interface EventsLagResult {
  readonly rate: number;
  readonly seconds: number;
  /** Orders the API acknowledged with 200. */
  readonly ordersAcked: number;
  readonly ordersFailed: number;
  /** Events whose orderId is one of the acknowledged orders. */
  readonly events: number;
  readonly ordersWithoutEvent: number;
  readonly duplicateEvents: number;
  /** events == orders: every acknowledged order has exactly one event. */
  readonly eventsEqualOrders: boolean;
  readonly lagMs: { readonly p50: number; readonly p99: number; readonly max: number };
}

function request(url: string, method: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: keepAlive, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface LocalEvent { receivedAt: number; detail: { orderId: string; orderTimestamp: number } }

async function events(url: string): Promise<LocalEvent[]> {
  const res = await request(`${url}/_local/events`, 'GET');
  if (res.status !== 200) throw new Error(`GET /_local/events answered ${res.status}: is the local API running with order events on?`);
  return (JSON.parse(res.body) as { events: LocalEvent[] }).events;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function measureEventsLag(options: EventsLagOptions): Promise<EventsLagResult> {
  await events(options.url); // fails early and clearly when events are off
  const total = Math.round(options.rate * options.seconds);
  const body = JSON.stringify(SEED_EXAMPLE_ORDER);
  const acked = new Set<string>();
  let failed = 0;
  const start = Date.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sends.push(request(`${options.url}/orders`, 'POST', body).then(
      (res) => { if (res.status === 200) acked.add(JSON.parse(res.body).orderId); else failed++; },
      () => { failed++; },
    ));
  }
  await Promise.all(sends);

  const deadline = Date.now() + (options.drainTimeoutMs ?? 15_000);
  let mine: LocalEvent[] = [];
  for (;;) {
    mine = (await events(options.url)).filter((e) => acked.has(e.detail.orderId));
    if (new Set(mine.map((e) => e.detail.orderId)).size >= acked.size || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const firstByOrder = new Map<string, LocalEvent>();
  for (const e of mine) if (!firstByOrder.has(e.detail.orderId)) firstByOrder.set(e.detail.orderId, e);
  const lags = [...firstByOrder.values()].map((e) => e.receivedAt - e.detail.orderTimestamp).sort((a, b) => a - b);
  return {
    rate: options.rate,
    seconds: options.seconds,
    ordersAcked: acked.size,
    ordersFailed: failed,
    events: mine.length,
    ordersWithoutEvent: acked.size - firstByOrder.size,
    duplicateEvents: mine.length - firstByOrder.size,
    eventsEqualOrders: mine.length === acked.size && firstByOrder.size === acked.size,
    lagMs: { p50: percentile(lags, 50), p99: percentile(lags, 99), max: lags[lags.length - 1] ?? NaN },
  };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const rate = Number(arg('rate') ?? 20);
  const seconds = Number(arg('seconds') ?? 10);
  if (!(rate > 0) || !(seconds > 0)) throw new Error('--rate and --seconds must be positive numbers');
  const given = arg('url');
  const api = given ? undefined : await startLocalOrderApi({ port: 0, eventLog: () => undefined, logLevel: 'WARN' });
  try {
    const result = await measureEventsLag({ url: given ?? api!.url, rate, seconds });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.eventsEqualOrders) process.exitCode = 1;
  } finally {
    keepAlive.destroy();
    await api?.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`events-lag: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
