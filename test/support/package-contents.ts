/**
 * What the published package must hold, checked on a list of its files: by the npm package test on `npm pack`'s list,
 * and by the binding tests on the tarball embedded in the wheel and the jar.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ORDER_EVENT_SCHEMA_FILE, STATUS_CHANGED_SCHEMA_FILE } from '../../generators/order-event-schema';

const ROOT = path.join(__dirname, '..', '..');

/** The bundle tasks projen generated: the entry file under src/ and the output file under assets/. */
export function bundleTasks(): { entry: string; outfile: string }[] {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  return Object.values(tasks as Record<string, { steps?: { execArgs?: string[] }[] }>)
    .flatMap((task) => task.steps ?? [])
    .map((step) => step.execArgs ?? [])
    .filter((args) => args[0] === 'esbuild')
    .map((args) => ({
      entry: args.find((a) => a.startsWith('src/'))!,
      outfile: args.find((a) => a.startsWith('--outfile='))!.slice('--outfile='.length),
    }));
}

/** Folders under src/ whose files are a function's sources: the folders of the bundle entries. */
export function functionDirs(): string[] {
  return [...new Set(bundleTasks().map((t) => t.entry.split('/')[1]))];
}

/**
 * The top-level files the package holds besides lib/ and assets/; openapi.json is the API's document, which
 * `OrderProcessingPlatform.OPENAPI_DOCUMENT_PATH` points at.
 */
export const TOP_LEVEL_FILES = ['.jsii', 'API.md', 'LICENSE', 'README.md', 'openapi.json', 'package.json'];

/** Documents the package ships for its users outside lib/ and assets/: the OrderCreated detail schema. */
export const SHIPPED_SCHEMAS = [ORDER_EVENT_SCHEMA_FILE, STATUS_CHANGED_SCHEMA_FILE];

/**
 * What is wrong with a package holding `files` (paths relative to the package root), one line each; empty when
 * nothing is: a function's unbundled sources (lib/<function folder>/), a missing bundle, entry point or shipped schema,
 * or anything outside lib/, assets/, the top-level package files and the shipped schemas.
 */
export function packageContentProblems(files: string[]): string[] {
  const problems: string[] = [];
  for (const dir of functionDirs()) {
    const leaked = files.filter((f) => f.startsWith(`lib/${dir}/`));
    if (leaked.length > 0) problems.push(`unbundled function sources: ${leaked.length} files under lib/${dir}/`);
  }
  for (const { outfile } of bundleTasks()) {
    if (!files.includes(outfile)) problems.push(`missing bundle ${outfile}`);
  }
  for (const required of [...TOP_LEVEL_FILES, ...SHIPPED_SCHEMAS, 'lib/index.js', 'lib/index.d.ts']) {
    if (!files.includes(required)) problems.push(`missing ${required}`);
  }
  for (const file of files) {
    const allowed = /^(lib|assets)\//.test(file) || TOP_LEVEL_FILES.includes(file) || SHIPPED_SCHEMAS.includes(file);
    if (!allowed) problems.push(`not part of the library: ${file}`);
  }
  return problems;
}
