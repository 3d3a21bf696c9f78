/**
 * Schemathesis (a property-based API fuzzer, from pip) runs every operation of the shipped openapi.json against the
 * local API, in both authorization set-ups: no answer may be a 5xx, and every answer's status, content type, headers
 * and body must be the document's. A copy of the document with a false promise must fail, so the run can fail.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OPENAPI_FILE } from '../../generators/openapi-file';
import { unsignedToken } from '../../local/jwt-authorizer';
import { LocalApiProcess, startLocalApiProcess } from '../support/local-api-process';
import { OPENAPI } from '../support/openapi-conformance';
import { venvExecutable } from '../support/python-tools';

const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance';
const OPERATIONS = Object.values(OPENAPI.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);

interface Run { readonly code: number | null; readonly output: string }

/** Runs `st run` asynchronously (the local API answers from another process, but the output must be read as it comes). */
function schemathesis(document: string, url: string, extra: string[] = []): Promise<Run> {
  const child = spawn(venvExecutable('schemathesis', 'st'), [
    'run', document, '--url', url, '--checks', CHECKS, '--max-examples', '25', '--seed', '20261202', '--request-timeout', '40', '--no-color',
    // No example database: a run must not depend on what an earlier run found, nor write into the work tree.
    '--generation-database', 'none', ...extra,
  ], { cwd: os.tmpdir(), env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function expectClean(run: Run): void {
  if (run.code !== 0) throw new Error(`schemathesis found problems (exit ${run.code}):\n${run.output.slice(-6000)}`);
  // Every operation of the document was exercised, and many cases ran.
  expect(run.output).toMatch(new RegExp(`Operations:\\s+${OPERATIONS} selected / ${OPERATIONS} total`));
  const cases = /(\d+) generated, (\d+) passed/.exec(run.output);
  expect(cases).not.toBeNull();
  expect(Number(cases![1])).toBeGreaterThanOrEqual(OPERATIONS * 25);
  expect(cases![2]).toBe(cases![1]);
}

describe.each([
  ['no authorizer (POST public, reads as IAM routes)', [] as string[], [] as string[]],
  ['--authorizer jwt, with a token', ['--authorizer', 'jwt'], ['--header', `Authorization: Bearer ${unsignedToken({ sub: 'cust-fuzz' })}`]],
])('%s', (_name, serveArgs, stArgs) => {
  let api: LocalApiProcess;
  beforeAll(async () => { api = await startLocalApiProcess(['--quiet', '--no-events', ...serveArgs]); });
  afterAll(async () => { await api?.stop(); });

  test('every operation: no 5xx, every answer as documented', async () => {
    expectClean(await schemathesis(OPENAPI_FILE, api.url, stArgs));
  });
});

test('control: a document that promises a field the API never sends fails the run', async () => {
  const api = await startLocalApiProcess(['--quiet', '--no-events']);
  try {
    const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));
    doc.components.schemas.Error.required.push('requestId');
    doc.components.schemas.Error.properties.requestId = { type: 'string' };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'st-control-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const run = await schemathesis(file, api.url, ['--phases', 'coverage']);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/Response violates schema/);
  } finally {
    await api.stop();
  }
});
