/**
 * The first request after a cold start, as a user meets it: in a fresh process per run, the bundle's import (the
 * init, priming included), its first invocation, then warm invocations one after another, all against DynamoDB
 * Local. Rows, interleaved run by run so a change in the shared machine's speed touches them alike: the current
 * default bundle and the same bundle at the baseline commit (before priming), on each Node.js binary available.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { baselineHandlerBundle, BASELINE_COMMIT, NodeBinary } from './bench-bundles';
import { orderBody } from './loadgen';
import { log, median, ROOT, round, spawnNode } from './support';
import { FUNCTION_DEFAULTS } from '../src/contract/platform';

export const COLD_REQUEST_RUNS = 15;
export const WARM_INVOCATIONS = 30;

export interface ColdRequestRow {
  readonly bundle: 'current' | 'baseline';
  readonly node: string;
  readonly runs: number;
  /** Medians over the runs, ms. */
  readonly initMs: number;
  readonly firstMs: number;
  /** Median over runs of each run's init + first invocation. */
  readonly coldRequestMs: number;
  /** Median over runs of each run's warm-invocation median. */
  readonly warmP50Ms: number;
  readonly non200: number;
}

export interface ColdRequest { readonly baselineCommit: string; readonly rows: ColdRequestRow[]; readonly loadAverage1m: number }

interface Sample { initMs: number; firstMs: number; warmMs: number[]; statuses: number[]; node: string }

async function oneColdStart(bundle: string, node: NodeBinary, env: Record<string, string>): Promise<Sample> {
  const p = spawnNode([path.join(ROOT, 'bench', 'time-first-request.mjs'), pathToFileURL(bundle).href, String(WARM_INVOCATIONS),
    orderBody('cust-cold'), String(FUNCTION_DEFAULTS.memorySizeMb)], env, undefined, node.path);
  const code = await p.exited;
  const m = /FIRST (\{.*\})/.exec(p.stderr());
  if (code !== 0 || !m) throw new Error(`cold request run failed (${code}): ${p.stderr()}`);
  return JSON.parse(m[1]) as Sample;
}

export async function coldRequest(
  current: string, nodes: readonly NodeBinary[], env: Record<string, string>, runs = COLD_REQUEST_RUNS,
): Promise<ColdRequest> {
  const baseline = baselineHandlerBundle();
  if (!baseline) log(`cold request: could not rebuild the bundle at ${BASELINE_COMMIT}; only the current bundle is timed`);
  const rows = nodes.flatMap((node) => [
    { bundle: 'current' as const, file: current, node },
    ...(baseline ? [{ bundle: 'baseline' as const, file: baseline, node }] : []),
  ]);
  const samples: Sample[][] = rows.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, row] of rows.entries()) samples[k].push(await oneColdStart(row.file, row.node, env));
  }
  return {
    baselineCommit: BASELINE_COMMIT,
    loadAverage1m: round(os.loadavg()[0]),
    rows: rows.map((row, k) => {
      const s = samples[k];
      return {
        bundle: row.bundle,
        node: s[0].node,
        runs: s.length,
        initMs: round(median(s.map((x) => x.initMs))),
        firstMs: round(median(s.map((x) => x.firstMs))),
        coldRequestMs: round(median(s.map((x) => x.initMs + x.firstMs))),
        warmP50Ms: round(median(s.map((x) => median(x.warmMs)))),
        non200: s.reduce((n, x) => n + x.statuses.filter((c) => c !== 200).length, 0),
      };
    }),
  };
}
