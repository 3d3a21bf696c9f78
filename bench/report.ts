/**
 * The benchmark's reports: the results document (bench/results/latest.json), its Markdown rendering (latest.md),
 * the latency chart (latency.svg), and the table `--quick` prints. Rendering reads only the results and the plan,
 * so a committed latest.json renders to its committed latest.md.
 */
import { BudgetCheck, BUDGETS } from './budgets';
import { CostEstimate } from './cost';
import { EventsLagResult } from './events-lag';
import { FaultResult } from './faults';
import { handlerBudgets, handlerSection, QuickResults } from './handler-figures';
import { StormResult } from './idempotency-storm';
import { RunSummary } from './load-runs';
import { BenchPlan } from './plan';
import { lineChartSvg } from './svg-chart';

export interface BenchResults {
  generatedAt: string;
  machine: { cpus: number; loadAverageAtEnd: number[]; node: string; platform: string };
  handlerCommit: string;
  durationS: number;
  budgets: BudgetCheck[];
  quick: QuickResults;
  runs: RunSummary[];
  search: RunSummary[];
  maxSustainedRps: number;
  /** The local API's CPU per acknowledged order at a fixed rate (access log off), with the run it comes from. */
  overhead: RunSummary;
  storm: StormResult;
  faults: FaultResult[];
  cost: { pricesRecorded: string; itemBytes: number; handlerLogBytesPerOrder: number; estimates: CostEstimate[] };
  /** Order events at a steady rate (stream -> consumer bundle -> PutEvents stand-in); absent in runs made before it. */
  events?: EventsLagResult;
}

export const CHART_FILE = 'latency.svg';

/** Latency percentiles against offered load over the latency runs and the search, with the latency budgets. */
export function latencyChart(runs: readonly RunSummary[]): string {
  const pts = (f: (r: RunSummary) => number) => runs.map((r) => [r.offeredRps, f(r)] as const);
  return lineChartSvg({
    title: 'Local order API latency vs offered load (open loop)',
    xLabel: 'offered requests/s',
    yLabel: 'ms (log)',
    series: [
      { label: 'p50', color: '#1e78c8', points: pts((r) => r.p50Ms) },
      { label: 'p90', color: '#28a050', points: pts((r) => r.p90Ms) },
      { label: 'p99', color: '#e67800', points: pts((r) => r.p99Ms) },
      { label: 'max', color: '#c81e1e', points: pts((r) => r.maxMs) },
    ],
    budgets: [
      { label: `p99 within which a rate is sustained: ${BUDGETS.p99Ms} ms`, color: '#e67800', y: BUDGETS.p99Ms },
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

const yes = (b: boolean | null) => (b === null ? 'no verdict' : b ? 'met' : '**not met**');

function budgetTable(checks: readonly BudgetCheck[], yesNo: (met: boolean | null) => string): string[] {
  return [
    '| budget | measured | |',
    '|---|---|---|',
    ...checks.map((b) => `| ${b.budget} | ${b.measured} | ${yesNo(b.met)} |`),
  ];
}

const runHeader = [
  '| offered req/s | achieved 2xx/s | p50 ms | p90 ms | p99 ms | max ms | errors | statuses | acked / stored | CPU % server / DynamoDB Local | generator lag p99 ms | load avg 1m |',
  '|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|',
];
const runRow = (s: RunSummary) => `| ${s.offeredRps} | ${s.achievedRps} | ${s.p50Ms} | ${s.p90Ms} | ${s.p99Ms} | ${s.maxMs} | ${s.errors} | ${JSON.stringify(s.statuses).replace(/"/g, '').replace(/\|/g, '/')} | ${s.acked} / ${s.stored}${s.ackedEqualsStored ? '' : ' **mismatch**'} | ${s.serverCpuPct} / ${s.engineCpuPct} | ${s.generatorLagP99Ms} | ${s.loadAverage1m} |`;

export function markdown(r: BenchResults, plan: BenchPlan): string {
  return [
    '# Benchmark results',
    '',
    `Generated ${r.generatedAt} by \`bench/run.ts\` on ${r.machine.cpus} CPUs, Node ${r.machine.node}; handler and its bundle flags at \`${r.handlerCommit}\`; took ${r.durationS} s.`,
    'Local figures: DynamoDB Local (Java) and the local API share the machine with the load generator; they are not AWS latencies.',
    '',
    '## Budgets',
    '',
    ...budgetTable(r.budgets, yes),
    '',
    ...handlerSection(r.quick, r.machine.cpus),
    '',
    `## Load (open loop, separate generator process, latency from the scheduled start; ${plan.durationS} s measured after 3 s at the same rate and a ${plan.warmupS} s warm-up)`,
    '',
    ...runHeader,
    ...r.runs.map(runRow),
    '',
    `Search for the highest rate within the p99 budget with zero errors (${plan.searchDurationS} s each, bounded to ${plan.searchBudgetS} s):`,
    '',
    ...runHeader,
    ...r.search.map(runRow),
    '',
    `**Highest rate sustained within budget: ${r.maxSustainedRps} req/s.** CPU % is of one core (200 % = both cores).`,
    '',
    `The local API's overhead: ${r.overhead.offeredRps} req/s for ${r.overhead.durationS} s (after 3 s at the same rate), the server started with its access log off; its process CPU (/proc, user + system) over the whole window divided by the orders it acknowledged: **${r.overhead.serverCpuMsPerOrder} ms per order**.`,
    '',
    ...runHeader,
    runRow(r.overhead),
    '',
    `![latency](${CHART_FILE})`,
    '',
    '## Idempotency retry storm',
    '',
    `${r.storm.concurrent} concurrent POSTs with one Idempotency-Key and the same body: statuses ${JSON.stringify(r.storm.statuses)}, ${r.storm.distinctOrderIds} distinct order id(s), ${r.storm.rowsStored} row(s) stored: ${r.storm.pass ? 'pass' : '**FAIL**'}.`,
    '',
    ...eventsSection(r.events),
    '## Fault injection',
    '',
    '| fault | window (s) | statuses | acked / stored | acked not stored | errors due 10 s after recovery | still serving | result |',
    '|---|---|---|---|---:|---:|---|---|',
    ...r.faults.map((f) => `| ${f.description} | ${f.faultWindowS[0]}-${f.faultWindowS[1]} | ${JSON.stringify(f.run.statuses).replace(/"/g, '')} | ${f.run.acked} / ${f.run.stored} | ${f.run.ackedNotStored} | ${f.afterRecoveryErrors} | ${f.serverStillServing} | ${f.pass ? 'pass' : '**FAIL**'} ${f.note} |`),
    '',
    '## Cost per million orders (deployed design, estimate)',
    '',
    `Prices: ${r.cost.pricesRecorded}; each constant is named, dated and sourced in \`bench/cost.ts\`. Item ${r.cost.itemBytes} B (seed example, DynamoDB sizing rules); handler logs ${r.cost.handlerLogBytesPerOrder} B per order measured at the local API. Excludes storage, PITR, KMS (DynamoDB caches data keys), alarms, dashboard and custom-metric monthly charges.`,
    '',
    ...r.cost.estimates.map(costTable),
  ].join('\n');
}

/** The order-events section: lag from an order being taken to its PutEvents, and events == orders. */
function eventsSection(e: EventsLagResult | undefined): string[] {
  if (!e) return [];
  return [
    '## Order events',
    '',
    `${e.rate} orders/s for ${e.seconds} s through the local API with order events on: the consumer bundle on the table's stream (polled every 250 ms, about as often as Lambda polls a stream), publishing to the local PutEvents stand-in.`,
    '',
    '| orders acked | events | orders without an event | duplicate events | events == orders | lag p50 | lag p99 | lag max |',
    '|---:|---:|---:|---:|---|---:|---:|---:|',
    `| ${e.ordersAcked} | ${e.events} | ${e.ordersWithoutEvent} | ${e.duplicateEvents} | ${e.eventsEqualOrders ? 'yes' : '**NO**'} | ${e.lagMs.p50} ms | ${e.lagMs.p99} ms | ${e.lagMs.max} ms |`,
    '',
    'Lag is from the order\'s `orderTimestamp` (set just before its write) to the stand-in receiving the PutEvents request. On AWS the stream poll, the batching window and the PutEvents round trip set it instead.',
    '',
  ];
}

/** What `--quick` prints: the handler's budget rows and the handler section. */
export function quickReport(q: QuickResults): string {
  return [
    ...budgetTable(handlerBudgets(q), (met) => (met === null ? 'no verdict' : met ? 'met' : 'NOT MET')),
    '',
    ...handlerSection(q),
    '',
  ].join('\n');
}
