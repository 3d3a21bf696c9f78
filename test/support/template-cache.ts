/**
 * Synthesized templates of the named variants (test/support/variants.ts), shared across test files and runs.
 *
 * Synthesis is what the construct tests spend their time on: aws-cdk-lib validates every synthesized template with a
 * WebAssembly rule engine that each test file (its own module registry) would load again. So the first test file that
 * asks for a template synthesizes every variant missing from the cache, in one process, and writes them as JSON under
 * .tmp/synth-cache/<key>/; every later file and run reads them. The key hashes every input of a template (src/,
 * assets/, the variants and fixtures, the lockfile, the aws-cdk-lib version and the Node major), so a change to any of
 * them synthesizes afresh and a stale template is never read.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { VARIANTS, VariantName } from './variants';
import { OrderProcessingPlatform } from '../../src';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = path.join(ROOT, '.tmp', 'synth-cache');
const KEY_INPUTS = ['src', 'assets', 'test/support/variants.ts', 'test/support/production-fixtures.ts',
  'test/support/template-cache.ts', 'package-lock.json', 'node_modules/aws-cdk-lib/package.json'];

function hashInto(hash: ReturnType<typeof createHash>, file: string): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) { hash.update(`missing:${path.relative(ROOT, file)}\n`); return; }
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(file).sort()) hashInto(hash, path.join(file, entry));
    return;
  }
  hash.update(`${path.relative(ROOT, file)}\n`).update(fs.readFileSync(file));
}

let cacheDir: string | undefined;
/** The directory for this state of the inputs; computed once per test file. */
export function templateCacheDir(): string {
  if (!cacheDir) {
    const hash = createHash('sha256').update(`node${process.versions.node.split('.')[0]}\n`);
    for (const input of KEY_INPUTS) hashInto(hash, path.join(ROOT, input));
    cacheDir = path.join(CACHE_ROOT, hash.digest('hex').slice(0, 16));
  }
  return cacheDir;
}

export interface Built {
  readonly app: App;
  readonly stack: Stack;
  readonly platform: OrderProcessingPlatform;
}

/** A fresh app and environment-agnostic stack `TestStack` holding the platform `Orders` of the variant, not synthesized. */
export function buildVariant(name: VariantName): Built {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, 'TestStack');
  const platform = new OrderProcessingPlatform(stack, 'Orders', VARIANTS[name](stack));
  return { app, stack, platform };
}

/** Writes the file whole or not at all, so a concurrent reader never sees half a template. */
function writeAtomically(file: string, text: string): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

const LOCK_STALE_MS = 10 * 60_000;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Synthesizes every variant that has no cached template yet (all of them in one process: one rule-engine load). A lock
 * directory makes a second jest worker wait for the first instead of synthesizing the same variants beside it.
 */
function fillCache(dir: string): void {
  fs.mkdirSync(CACHE_ROOT, { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    try { fs.mkdirSync(lock); break; } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    // Templates of an earlier state of the inputs are never read again.
    for (const old of fs.readdirSync(CACHE_ROOT)) {
      const other = path.join(CACHE_ROOT, old);
      if (other !== dir && other !== lock && !old.endsWith('.lock')) fs.rmSync(other, { recursive: true, force: true });
    }
    for (const name of Object.keys(VARIANTS) as VariantName[]) {
      const file = path.join(dir, `${name}.json`);
      if (fs.existsSync(file)) continue;
      const { stack } = buildVariant(name);
      writeAtomically(file, JSON.stringify(Template.fromStack(stack).toJSON()));
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

const loaded = new Map<VariantName, Template>();
/** The synthesized template of the variant (Template.fromStack of buildVariant(name)), from the cache. */
export function templateOf(name: VariantName): Template {
  let template = loaded.get(name);
  if (!template) {
    const file = path.join(templateCacheDir(), `${name}.json`);
    if (!fs.existsSync(file)) fillCache(templateCacheDir());
    template = Template.fromJSON(JSON.parse(fs.readFileSync(file, 'utf8')));
    loaded.set(name, template);
  }
  return template;
}

/** The variant's cached template, plus a fresh platform and stack of the same props for what a template cannot show. */
export function platformOf(name: VariantName): Built & { readonly template: Template } {
  return { ...buildVariant(name), template: templateOf(name) };
}
