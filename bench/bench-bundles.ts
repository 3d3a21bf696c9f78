/**
 * The bundles the benchmark measures besides the deployed ones, all built with the production bundle's esbuild
 * arguments (from .projenrc.ts through .projen/tasks.json): benchmark entries (bench/<name>.ts), variants of them,
 * and the order handler as it was at a baseline commit, so one run can compare before and after on the same machine.
 * Also the Node.js binaries the handler rows run on.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projenTaskArgs, ROOT, WORK } from './support';

/**
 * The main commit before priming and the SDK measures: the "today" of the cold-request budget, rebuilt and timed in
 * every run next to the current bundle.
 */
export const BASELINE_COMMIT = '0e12e7b';

/** Where .ci/run and `npx projen node24` install the Node 24 binary (the npm `node` package). */
export const NODE24_BIN = path.join(ROOT, '.tools', 'node24', 'node_modules', '.bin', 'node');

/** The default order-handler bundle's projen task, whose esbuild flags every benchmark bundle takes. */
const DEFAULT_BUNDLE_TASK = 'bundle:functions/create-order/entry-emf';

/** esbuild with the flags of a bundle task: today's default bundle's, or `task` as it was at `flagsAt` (a commit). */
function esbuild(entry: string, outfile: string, keepExternals = true, flagsAt?: { commit: string; task: string }): string {
  const flags = (flagsAt ? projenTaskArgs(flagsAt.task, flagsAt.commit) : projenTaskArgs(DEFAULT_BUNDLE_TASK))
    .filter((a) => a.startsWith('--') && !a.startsWith('--outfile='))
    .filter((a) => keepExternals || !a.startsWith('--external:'));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'esbuild'), [entry, ...flags, `--outfile=${outfile}`, '--log-level=error'], { cwd: ROOT, stdio: 'inherit' });
  return outfile;
}

/** Bundles bench/<name>.ts like the production handler; `keepExternals: false` bundles what the handler leaves out. */
export function bundleLikeProduction(name: string, o: { keepExternals?: boolean; outName?: string } = {}): string {
  return esbuild(`bench/${name}.ts`, path.join(WORK, o.outName ?? name, 'index.mjs'), o.keepExternals ?? true);
}

/** The order-handler entries at the baseline commit (then under src/handler/), one per metrics publisher. */
export type BaselineEntry = 'entry-emf' | 'entry-put-metric-data';

/**
 * An order-handler bundle as it was at `commit`: its src/ and its bundling flags (from that commit's
 * .projen/tasks.json), so the cold-request budget credits what the bundling changed since, too. esbuild runs in the
 * project root, as the bundle task does. Undefined if git cannot.
 */
export function baselineHandlerBundle(entry: BaselineEntry, commit = BASELINE_COMMIT): string | undefined {
  const dir = path.join(WORK, `baseline-${commit}`);
  try {
    if (!fs.existsSync(path.join(dir, 'src'))) {
      fs.mkdirSync(dir, { recursive: true });
      // Under .tmp/ in the project, so esbuild resolves the same node_modules as the production bundle.
      const tar = execFileSync('git', ['archive', commit, 'src'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
    }
    return esbuild(path.join(dir, 'src', 'handler', `${entry}.ts`), path.join(dir, 'out', entry, 'index.mjs'), true, { commit, task: `bundle:handler/${entry}` });
  } catch {
    return undefined;
  }
}

export interface NodeBinary { readonly label: string; readonly path: string; readonly version: string }

/** This process's Node, and the project's Node 24 when it is installed (BENCH_NODE24 may point at another one). */
export function nodeBinaries(): NodeBinary[] {
  const found: NodeBinary[] = [{ label: `Node ${process.versions.node.split('.')[0]}`, path: process.execPath, version: process.version }];
  const node24 = process.env.BENCH_NODE24 || NODE24_BIN;
  if (fs.existsSync(node24)) {
    const version = execFileSync(node24, ['--version']).toString().trim();
    if (version !== process.version) found.push({ label: `Node ${version.replace(/^v/, '').split('.')[0]}`, path: node24, version });
  }
  return found;
}
