/**
 * The first request after a cold start, as a user meets it, for every function bundle: in a fresh process per run,
 * the bundle's import (the init, priming and rehearsal included), its first invocation, then warm invocations one
 * after another, against DynamoDB Local (and, for the consumer, the local PutEvents stand-in). The order handler's
 * bundles are timed next to the same bundles at the baseline commit (before priming), rebuilt in the same run. Rows
 * are interleaved run by run, so a change in the shared machine's speed touches them alike.
 *
 * The modelled cold request judges it as Lambda runs it: the init runs with the full CPU, an invocation gets
 * memory / 1,769 MB of a vCPU. So it is the init's wall time plus the first invocation's CPU time scaled by that share;
 * the first invocation's I/O wait is left out on purpose (a CPU share does not slow it).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { baselineHandlerBundle, BASELINE_COMMIT, BaselineEntry, bundleLikeProduction, NodeBinary } from './bench-bundles';
import { BUDGETS } from './budgets';
import type { RequestKind } from './lambda-requests';
import { orderBody } from './loadgen';
import { log, median, ROOT, round, spawnNode } from './support';
import { FUNCTION_DEFAULTS } from '../src/contract/platform';

export const COLD_REQUEST_RUNS = 15;
export const WARM_INVOCATIONS = 30;
/** The customer the read function lists (the order handler's cold-request orders are this customer's). */
export const COLD_CUSTOMER = 'cust-cold';

/** A function bundle the cold request is timed for. */
export interface ColdBundle {
  /** Its directory under assets/, e.g. `functions/create-order/entry-emf`. */
  readonly name: string;
  readonly file: string;
  readonly kind: RequestKind;
  /** The order handler's entry at the baseline commit, for the bundles that have one. */
  readonly baseline?: BaselineEntry;
}

export interface ColdRequestRow {
  readonly bundle: string;
  readonly build: 'current' | 'baseline';
  readonly node: string;
  readonly runs: number;
  /** Medians over the runs, ms. */
  readonly initMs: number;
  readonly firstMs: number;
  /** CPU time of the first invocation (process.cpuUsage), ms. */
  readonly firstCpuMs: number;
  /** Median over runs of each run's init + first invocation (wall). */
  readonly coldRequestMs: number;
  /** Median over runs of each run's init + first invocation CPU x 1769 / memory MB. */
  readonly modelledMs: number;
  /** Median over runs of each run's warm-invocation median. */
  readonly warmP50Ms: number;
  readonly non200: number;
}

export interface ColdRequest {
  readonly baselineCommit: string;
  readonly memoryMb: number;
  readonly rows: ColdRequestRow[];
  readonly loadAverage1m: number;
}

interface Sample { initMs: number; firstMs: number; firstCpuMs: number; warmMs: number[]; statuses: number[]; node: string }

/** The modelled cold request of one run: init wall time + first invocation CPU at the function's share of a vCPU. */
export const modelledColdRequest = (initMs: number, firstCpuMs: number, memoryMb = FUNCTION_DEFAULTS.memorySizeMb) =>
  initMs + (firstCpuMs * BUDGETS.mbPerVcpu) / memoryMb;

async function oneColdStart(
  bundle: ColdBundle, file: string, requests: string, node: NodeBinary, env: Record<string, string>,
): Promise<Sample> {
  const p = spawnNode([path.join(ROOT, 'bench', 'time-first-request.mjs'), pathToFileURL(file).href, String(WARM_INVOCATIONS),
    pathToFileURL(requests).href, bundle.kind, String(FUNCTION_DEFAULTS.memorySizeMb), orderBody(COLD_CUSTOMER), COLD_CUSTOMER],
  env, undefined, node.path);
  const code = await p.exited;
  const m = /FIRST (\{.*\})/.exec(p.stderr());
  if (code !== 0 || !m) throw new Error(`cold request run of ${bundle.name} failed (${code}): ${p.stderr()}`);
  return JSON.parse(m[1]) as Sample;
}

export async function coldRequest(
  bundles: readonly ColdBundle[], nodes: readonly NodeBinary[], env: Record<string, string>, runs = COLD_REQUEST_RUNS,
): Promise<ColdRequest> {
  const requests = bundleLikeProduction('lambda-requests');
  const rows = nodes.flatMap((node) => bundles.flatMap((b) => {
    const baseline = b.baseline && baselineHandlerBundle(b.baseline);
    if (b.baseline && !baseline) log(`cold request: could not rebuild ${b.baseline} at ${BASELINE_COMMIT}; only the current bundle is timed`);
    return [
      { bundle: b, build: 'current' as const, file: b.file, node },
      ...(baseline ? [{ bundle: b, build: 'baseline' as const, file: baseline, node }] : []),
    ];
  }));
  const samples: Sample[][] = rows.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, row] of rows.entries()) samples[k].push(await oneColdStart(row.bundle, row.file, requests, row.node, env));
  }
  return {
    baselineCommit: BASELINE_COMMIT,
    memoryMb: FUNCTION_DEFAULTS.memorySizeMb,
    loadAverage1m: round(os.loadavg()[0]),
    rows: rows.map((row, k) => {
      const s = samples[k];
      return {
        bundle: row.bundle.name,
        build: row.build,
        node: s[0].node,
        runs: s.length,
        initMs: round(median(s.map((x) => x.initMs))),
        firstMs: round(median(s.map((x) => x.firstMs))),
        firstCpuMs: round(median(s.map((x) => x.firstCpuMs))),
        coldRequestMs: round(median(s.map((x) => x.initMs + x.firstMs))),
        modelledMs: round(median(s.map((x) => modelledColdRequest(x.initMs, x.firstCpuMs)))),
        warmP50Ms: round(median(s.map((x) => median(x.warmMs)))),
        non200: s.reduce((n, x) => n + x.statuses.filter((c) => c !== 200).length, 0),
      };
    }),
  };
}
