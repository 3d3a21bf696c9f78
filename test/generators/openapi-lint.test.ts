/**
 * The shipped openapi.json passes two third-party linters with their own rule sets unchanged: Redocly's `recommended`
 * and Spectral's `spectral:oas`, with zero errors and zero warnings. Each linter also runs on a copy with known
 * faults, so a linter that checks nothing cannot pass this test.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OPENAPI_FILE } from '../../generators/openapi-file';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const SPECTRAL_RULESET = path.join(__dirname, 'spectral.yaml');
// No telemetry and no update check: the tests run offline.
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' };

interface Problem { readonly rule: string; readonly severity: string; readonly message: string }

/** Runs a linter that exits non-zero on findings; returns its stdout either way. */
function run(bin: string, args: string[]): string {
  try {
    return execFileSync(path.join(BIN, bin), args, { cwd: ROOT, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (out === undefined || out === '') throw e;
    return out;
  }
}

function redocly(file: string): Problem[] {
  const out = JSON.parse(run('redocly', ['lint', file, '--extends=recommended', '--format=json']));
  return (out.problems as { ruleId: string; severity: string; message: string }[])
    .map((p) => ({ rule: p.ruleId, severity: p.severity, message: p.message }));
}

function spectral(file: string): Problem[] {
  const out = JSON.parse(run('spectral', ['lint', file, '--ruleset', SPECTRAL_RULESET, '--format', 'json', '--fail-severity', 'hint', '--quiet']) || '[]');
  const names = ['error', 'warning', 'info', 'hint'];
  return (out as { code: string; severity: number; message: string }[])
    .map((p) => ({ rule: p.code, severity: names[p.severity], message: p.message }));
}

/** openapi.json without servers, tags, contact and license: what both linters flagged before. */
function faultyCopy(): string {
  const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));
  delete doc.servers;
  delete doc.tags;
  delete doc.info.contact;
  delete doc.info.license;
  for (const item of Object.values(doc.paths) as Record<string, { tags?: string[] }>[]) for (const op of Object.values(item)) delete op.tags;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-lint-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
}

const faulty = faultyCopy();

test('Redocly recommended: no errors, no warnings', () => {
  expect(redocly(OPENAPI_FILE)).toEqual([]);
});

test('Spectral spectral:oas: no errors, no warnings', () => {
  expect(spectral(OPENAPI_FILE)).toEqual([]);
});

test('control: both linters flag a copy without servers, tags, contact and license', () => {
  expect(redocly(faulty).map((p) => p.rule)).toEqual(expect.arrayContaining(['no-empty-servers', 'info-license']));
  expect(spectral(faulty).map((p) => p.rule)).toEqual(expect.arrayContaining(['oas3-api-servers', 'info-contact', 'operation-tags']));
});
