/**
 * What the built bundles contain (not timing: the benchmark measures and prints init time and latency).
 * The default bundle must stay small and carry no CloudWatch client; the other must carry it.
 */
import * as fs from 'node:fs';
import { EMF_BUNDLE, PMD_BUNDLE } from './bundle-runner';
const read = (file: string) => {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen bundle\``);
  return fs.readFileSync(file, 'utf8');
};

test('the default (EMF) bundle is at most 300 KiB and has no CloudWatch client', () => {
  const code = read(EMF_BUNDLE);
  expect(Buffer.byteLength(code)).toBeLessThanOrEqual(300 * 1024);
  expect(code).not.toContain('PutMetricData');
  expect(code).toContain('PutItem');
});

test('the PutMetricData bundle carries the CloudWatch client', () => {
  expect(read(PMD_BUNDLE)).toContain('PutMetricData');
});

test('both bundles export handler from an ES module', () => {
  for (const file of [EMF_BUNDLE, PMD_BUNDLE]) expect(read(file)).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\b/);
});
