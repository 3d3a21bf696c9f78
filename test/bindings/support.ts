/**
 * Helpers for the binding tests: build the Python wheel and the Java jar with jsii-pacmak, run the consumer apps in
 * examples/, and compare what they synthesize. Every step runs as a child process with its own timeout and prints
 * progress to stderr, because a step can take minutes on a 2-core machine and jest only reports at the end.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PYTHON_VENVS } from '../support/python-tools';

export const ROOT = path.join(__dirname, '..', '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const DIST_PYTHON = path.join(ROOT, 'dist', 'python');
export const DIST_JAVA = path.join(ROOT, 'dist', 'java');
/** Synth output of the consumer apps; under .tmp/ (git- and npm-ignored) so a failed run can be inspected. */
export const WORK_DIR = path.join(ROOT, '.tmp', 'bindings');

/** Stack and construct ids shared by the three parity apps. */
export const PARITY_STACK = 'OrderProcessingProd';
/** Stack id shared by the three production apps (custom domain, backups, VPC). */
export const PRODUCTION_STACK = 'OrderProcessingProductionReady';

/** The Maven coordinates .projenrc.ts publishes under (publishToMaven). */
export const MAVEN_GROUP_PATH = ['io', 'github', 'orderprocessing'];
export const MAVEN_ARTIFACT = 'cdk-order-processing-platform';

const started = Date.now();

/** One progress line on stderr, with the time since the test file started. */
export function progress(message: string): void {
  process.stderr.write(`[bindings +${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Resolve with a non-zero status instead of rejecting (for the apps that must fail). */
  readonly allowFailure?: boolean;
  /** Extra explanation appended to the error when the command fails. */
  readonly hint?: (output: string) => string | undefined;
}

/**
 * Runs a command to completion. Asynchronous on purpose: jest's timeout cannot interrupt a blocking spawnSync, and
 * the child gets its own process group so a timeout kills Maven's or pip's children too.
 */
export function run(label: string, cmd: string, args: string[], options: RunOptions): Promise<RunResult> {
  progress(`${label}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${label}: could not start ${cmd}: ${err.message}` +
        ((err as NodeJS.ErrnoException).code === 'ENOENT' ? ` (is ${cmd} installed and on PATH?)` : '')));
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      const seconds = (Date.now() - t0) / 1000;
      progress(`${label}: ${timedOut ? 'TIMED OUT' : `exit ${status}`} after ${seconds.toFixed(1)}s`);
      const result = { status, stdout, stderr, seconds };
      if (timedOut) {
        reject(new Error(`${label} timed out after ${options.timeoutMs / 1000}s.\n${tail(stdout + stderr)}`));
      } else if (status !== 0 && !options.allowFailure) {
        const hint = options.hint?.(stdout + stderr);
        reject(new Error(`${label} failed (exit ${status}): ${cmd} ${args.join(' ')}\n${hint ? `${hint}\n` : ''}${tail(stdout + stderr)}`));
      } else {
        resolve(result);
      }
    });
  });
}

function tail(output: string, lines = 60): string {
  return output.split('\n').slice(-lines).join('\n');
}

/** Memoizes an async step so several tests can await it and it runs once. */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= step());
}

export function bin(name: string): string {
  return path.join(ROOT, 'node_modules', '.bin', name);
}

/** Versions the TypeScript side builds with; the Python and Java apps must pin the same ones. */
export function typescriptVersions(): { cdk: string; constructs: string; library: string } {
  const read = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8')).version as string;
  return {
    cdk: read(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json')),
    constructs: read(path.join(ROOT, 'node_modules', 'constructs', 'package.json')),
    library: read(path.join(ROOT, 'package.json')),
  };
}

/** Requirement lines of examples/python/requirements.txt: the Python CDK the bindings-python venv holds. */
export function pythonRequirements(): string[] {
  return PYTHON_VENVS['bindings-python']();
}

/** A `<name>value</name>` property of examples/java/pom.xml. */
export function pomProperty(name: string): string | undefined {
  const pom = fs.readFileSync(path.join(EXAMPLES, 'java', 'pom.xml'), 'utf8');
  return new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]*)</${name.replace(/\./g, '\\.')}>`).exec(pom)?.[1];
}

/** The pinned feature flags, passed to every app as CDK_CONTEXT_JSON (how the CDK CLI passes cdk.json context). */
export function featureFlags(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'feature-flags.json'), 'utf8'));
}

/**
 * The environment an app runs with: the caller's, minus anything CDK_* that could change synthesis (a default
 * account or Region, stray context), plus the output directory and the pinned feature flags. jsii's Node version
 * warnings are silenced so they do not drown the output a failing test prints.
 */
export function appEnv(outdir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('CDK_')) env[k] = v;
  }
  env.CDK_OUTDIR = outdir;
  env.CDK_CONTEXT_JSON = JSON.stringify(featureFlags());
  env.JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION = '1';
  env.JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION = '1';
  env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = '1';
  return env;
}

/** A fresh, empty output directory for one app. */
export function freshOutdir(name: string): string {
  const dir = path.join(WORK_DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Newest modification time of the files under `dir` (0 when it does not exist). */
export function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * The files of the npm tarball jsii-pacmak embeds in a wheel or a jar, relative to the package root. Both are zip
 * archives holding one `<name>@<version>.jsii.tgz` member; python3 (which the binding tests need anyway) reads the
 * zip and tar lists the tarball, whose entries all sit under `package/`.
 */
export async function embeddedPackageFiles(archive: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-package-'));
  try {
    const tarball = path.join(dir, 'package.tgz');
    const extract = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      "members = [n for n in z.namelist() if n.endswith('.jsii.tgz')]",
      "if len(members) != 1: sys.exit('expected one embedded .jsii.tgz in %s, found: %s' % (sys.argv[1], members))",
      "open(sys.argv[2], 'wb').write(z.read(members[0]))",
    ].join('\n');
    await run(`extract the npm tarball from ${path.basename(archive)}`, 'python3', ['-c', extract, archive, tarball], { timeoutMs: 120_000 });
    const { stdout } = await run('list the embedded npm tarball', 'tar', ['-tzf', tarball], { timeoutMs: 120_000 });
    return stdout.split('\n').filter((l) => l.length > 0 && !l.endsWith('/')).map((l) => l.replace(/^package\//, '')).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The local Maven repository (~/.m2/repository), shared by jsii-pacmak's build and the consumer app. */
export function mavenLocalRepository(): string {
  return path.join(os.homedir(), '.m2', 'repository');
}

export interface Synthesized {
  readonly template: unknown;
  readonly assets: { files?: Record<string, unknown>; dockerImages?: Record<string, unknown> };
}

/** A stack's template and asset manifest from an app's output directory (the parity stack unless named). */
export function readSynth(outdir: string, stackName: string = PARITY_STACK): Synthesized {
  const read = (name: string) => {
    const file = path.join(outdir, name);
    if (!fs.existsSync(file)) {
      throw new Error(`${file} was not written; the output directory holds: ${fs.readdirSync(outdir).join(', ') || 'nothing'}`);
    }
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  };
  return { template: read(`${stackName}.template.json`), assets: read(`${stackName}.assets.json`) };
}

/**
 * Paths where two JSON values differ, with both values, at most `limit` of them: a readable failure message for two
 * templates of several hundred lines, where a raw deep-equality diff would be unreadable.
 */
export function jsonDifferences(expected: unknown, actual: unknown, limit = 25): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (out.length >= limit) return;
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(`${at}: TypeScript ${JSON.stringify(a)?.slice(0, 300)} != ${JSON.stringify(b)?.slice(0, 300)}`);
    }
  };
  walk(expected, actual, '$');
  return out;
}

/** Hashes of the file assets (the handler bundle among them) and Docker image assets of an asset manifest. */
export function assetHashes(assets: Synthesized['assets']): { files: string[]; dockerImages: string[] } {
  return {
    files: Object.keys(assets.files ?? {}).sort(),
    dockerImages: Object.keys(assets.dockerImages ?? {}).sort(),
  };
}

/**
 * The text of an error the construct raised, out of a failed app's output. Python prints a traceback and Maven
 * prefixes its lines with `[ERROR] `; the message itself is the same text in every language.
 */
export function normalizeErrorOutput(output: string): string {
  return output.split('\n').map((l) => l.replace(/^\[ERROR\] ?/, '')).join('\n');
}
