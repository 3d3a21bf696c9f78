/** Helpers shared by the benchmark's modules: child processes, waiting on their output, small statistics. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
/** Scratch space of the benchmark (gitignored). */
export const WORK = path.join(ROOT, '.tmp', 'bench');
/** The table every benchmark server and handler process writes to. */
export const BENCH_TABLE = 'orders-bench';

export const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The command-line arguments (esbuild's, for a bundle task) of a projen task, read from the generated
 * .projen/tasks.json; .projenrc.ts is their source.
 */
/** The arguments of a projen task: today's (.projen/tasks.json), or as they were at `commit`. */
export function projenTaskArgs(task: string, commit?: string): string[] {
  const text = commit === undefined
    ? fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')
    : execFileSync('git', ['show', `${commit}:.projen/tasks.json`], { cwd: ROOT, encoding: 'utf8' });
  const tasks = JSON.parse(text).tasks;
  if (!tasks[task]) throw new Error(`no projen task ${task} in .projen/tasks.json${commit ? ` at ${commit}` : ''}`);
  return tasks[task].steps.flatMap((s: { execArgs?: string[] }) => s.execArgs ?? []);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export interface Spawned {
  child: ChildProcess;
  stdoutBytes: () => number;
  /** The first 64 KiB of stdout (from its file, when it goes to one): where the local API prints READY. */
  stdoutHead: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * A Node.js child process in the project root; stdout is counted (or written to a file), stderr is kept. `node` is
 * the binary, by default this process's own.
 */
export function spawnNode(args: string[], env: Record<string, string> = {}, stdoutFile?: string, node = process.execPath): Spawned {
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'pipe';
  const child = spawn(node, args, {
    cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', NODE_NO_WARNINGS: '1', ...env }, stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') fs.closeSync(out);
  let bytes = 0;
  let err = '';
  let head = '';
  child.stdout?.on('data', (c: Buffer) => { bytes += c.length; if (head.length < 65536) head += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { err = (err + c.toString()).slice(-20000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stdoutHead = () => (stdoutFile ? readHead(stdoutFile) : head);
  return { child, stdoutBytes: () => bytes, stdoutHead, stderr: () => err, exited };
}

function readHead(file: string): string {
  if (!fs.existsSync(file)) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    return buf.toString('utf8', 0, fs.readSync(fd, buf, 0, buf.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

export async function getText(url: string): Promise<string> {
  return (await fetch(url)).text();
}

/** POSTs an order body to `<url>/orders`; a request that gets no answer rejects. */
export async function postOrder(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.text() };
}

/** Resolves with the first capture group once `pattern` appears on the process's stderr. */
export async function waitFor(p: Spawned, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(p.stderr()) ?? pattern.exec(p.stdoutHead());
    if (m) return m[1];
    if (p.child.exitCode !== null) throw new Error(`process exited early: ${p.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}: ${p.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
