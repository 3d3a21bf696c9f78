/**
 * What the built bundles contain (not timing: the benchmark measures and prints init time and latency).
 * The default bundle must stay small and carry no CloudWatch client; the other must carry it.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import { EMF_BUNDLE, EVENTS_BUNDLE, EVENTS_PMD_BUNDLE, LIFECYCLE_BUNDLE, PMD_BUNDLE, READ_BUNDLE } from './bundle-runner';
import { projenTaskArgs } from '../../bench/support';
import { BUNDLE_BUDGET_BYTES, HANDLER_BUNDLES, ORDER_EVENTS_BUNDLES, ORDER_LIFECYCLE_BUNDLE, READ_API_BUNDLE } from '../../src/contract/platform';
const read = (file: string) => {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen bundle\``);
  return fs.readFileSync(file, 'utf8');
};

// The title is a plain string so docs/decisions.md can cite it; the test itself checks BUNDLE_BUDGET_BYTES.
test('the default (EMF) bundle is at most 300 KiB and has no CloudWatch client', () => {
  expect(BUNDLE_BUDGET_BYTES).toBe(300 * 1024); // the figure in the title
  const code = read(EMF_BUNDLE);
  expect(Buffer.byteLength(code)).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  expect(code).not.toContain('PutMetricData');
  expect(code).toContain('PutItem');
});

test('the PutMetricData bundle carries the CloudWatch client', () => {
  expect(read(PMD_BUNDLE)).toContain('PutMetricData');
});

test('the read bundle is within the budget, reads (GetItem, Query) and carries no write command', () => {
  const code = read(READ_BUNDLE);
  expect(Buffer.byteLength(code)).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  expect(code).toContain('GetItem');
  expect(code).toContain('Query');
  for (const write of ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'PutMetricData']) expect(code).not.toContain(write);
});

test('the status-change bundle is within the budget, updates, and carries no other write, no read and no CloudWatch client', () => {
  const code = read(LIFECYCLE_BUNDLE);
  expect(Buffer.byteLength(code)).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
  expect(code).toContain('UpdateItem');
  for (const other of ['PutItemCommand', 'GetItemCommand', 'QueryCommand', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'PutMetricData']) {
    expect(code).not.toContain(other);
  }
});

test('the consumer bundles are within the budget and publish events; only the PutMetricData one carries the CloudWatch client', () => {
  for (const file of [EVENTS_BUNDLE, EVENTS_PMD_BUNDLE]) {
    const code = read(file);
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    expect(code).toContain('PutEvents');
    expect(code).not.toContain('PutItemCommand');
  }
  expect(read(EVENTS_BUNDLE)).not.toContain('PutMetricData');
  expect(read(EVENTS_PMD_BUNDLE)).toContain('PutMetricData');
});

test('every bundle exports handler from an ES module', () => {
  for (const file of [EMF_BUNDLE, PMD_BUNDLE, READ_BUNDLE, LIFECYCLE_BUNDLE, EVENTS_BUNDLE, EVENTS_PMD_BUNDLE]) {
    expect(read(file)).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
  }
});

/** The `--external:` packages of a projen bundle task (.projenrc.ts is their source). */
function declaredExternals(task: string): string[] {
  return projenTaskArgs(task).filter((a) => a.startsWith('--external:')).map((a) => a.slice('--external:'.length));
}

// A dynamic import() of a bundled module makes esbuild wrap that module, and every module it shares with the static
// graph, in a lazy initialiser that V8 parses twice at cold start. Only Node built-ins and declared externals may be
// imported dynamically, so that the module graph is evaluated once, at top level.
// projen names a bundle task after the bundle's directory under assets/.
const bundleTask = (bundleDir: string) => `bundle:${bundleDir.replace(/^assets\//, '')}`;

test.each([
  [HANDLER_BUNDLES.embeddedMetricFormat, EMF_BUNDLE],
  [HANDLER_BUNDLES.putMetricData, PMD_BUNDLE],
  [READ_API_BUNDLE, READ_BUNDLE],
  [ORDER_LIFECYCLE_BUNDLE, LIFECYCLE_BUNDLE],
  [ORDER_EVENTS_BUNDLES.embeddedMetricFormat, EVENTS_BUNDLE],
  [ORDER_EVENTS_BUNDLES.putMetricData, EVENTS_PMD_BUNDLE],
])('the %s bundle imports dynamically only Node built-ins and declared externals', (bundleDir, file) => {
  const code = read(file);
  const externals = declaredExternals(bundleTask(bundleDir));
  expect(externals).toContain('@smithy/core/event-streams');
  const dynamic = [...code.matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]);
  expect(dynamic.length).toBeGreaterThan(0);
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  expect(dynamic.filter((spec) => !builtins.has(spec) && !externals.includes(spec))).toEqual([]);
  // esbuild's rewrite of a dynamic import of a bundled module (counted, so a failure does not print the bundle)
  expect(code.split('Promise.resolve().then(()=>(').length - 1).toBe(0);
});

// An ES import of a Node built-in makes Node build a module facade that reads every export once, getters included
// (for node:process, the set of allowed NODE_OPTIONS flags and the diagnostic-report module): milliseconds of every
// cold start. .projenrc.ts aliases each built-in to bundling/node-builtins/, which hands over the built-in itself.
test.each([EMF_BUNDLE, PMD_BUNDLE, READ_BUNDLE, LIFECYCLE_BUNDLE, EVENTS_BUNDLE, EVENTS_PMD_BUNDLE])('%s imports no Node built-in as an ES module', (file) => {
  const code = read(file);
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const esImports = [
    ...[...code.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]),
    ...[...code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
    ...[...code.matchAll(/\bimport\s*["']([^"']+)["']/g)].map((m) => m[1]),
  ];
  expect(esImports.filter((spec) => builtins.has(spec))).toEqual([]);
  // The built-ins arrive through process.getBuiltinModule instead, crypto (SigV4) among them.
  expect(/getBuiltinModule\(["']node:crypto["']\)/.test(code)).toBe(true);
});
