/**
 * The benchmark's cold-init machinery: which Node built-ins a bundle is charged for, and the import timer itself.
 * (The figures are printed by `npx projen bench`; nothing here asserts a duration.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinsLoadedAtInit } from '../../bench/handler-figures';
import { bundlePathFor } from '../../local/server';

describe('builtinsLoadedAtInit', () => {
  test('lists the public built-ins a module loads, the ones they load themselves included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'builtins-probe-'));
    try {
      const file = path.join(dir, 'm.mjs');
      fs.writeFileSync(file, "process.getBuiltinModule('node:zlib');\nexport {};\n");
      const found = await builtinsLoadedAtInit(pathToFileURL(file).href, {});
      expect(found).toContain('node:zlib');
      expect(found).not.toContain('node:https');
      expect(found.every((m) => m.startsWith('node:') && !m.includes('internal'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('sees what the real default bundle loads: crypto and https, no ES module facade needed', async () => {
    const bundle = bundlePathFor('emf');
    // No endpoint answers on port 9: priming fails at once, which is all the probe needs.
    const found = await builtinsLoadedAtInit(pathToFileURL(bundle).href, {
      AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', DYNAMODB_TABLE_NAME: 't', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
    });
    expect(found).toEqual(expect.arrayContaining(['node:crypto', 'node:https', 'node:stream']));
  });
});

describe('bench/time-import.mjs', () => {
  const timer = path.join(__dirname, '..', '..', 'bench', 'time-import.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'time-import-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The timer's stderr; throws with it if the process fails. */
  const run = (target: string, preload = '') => {
    const p = spawnSync(process.execPath, [timer, pathToFileURL(target).href, preload], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    return p.stderr;
  };

  test('imports the target and prints its wall and CPU milliseconds', () => {
    const target = path.join(dir, 'marks.mjs');
    fs.writeFileSync(target, 'process.stderr.write("LOADED\\n");\n');
    expect(run(target)).toMatch(/^LOADED\nINIT \d+(\.\d+)? \d+(\.\d+)?\n$/);
  });

  test('loads the preloads before the timed import', () => {
    const target = path.join(dir, 'needs-http.mjs');
    fs.writeFileSync(target, 'import { createRequire } from "node:module";\n' +
      'if (!process.moduleLoadList.includes("NativeModule http")) throw new Error("node:http was not preloaded");\n' +
      'void createRequire;\n');
    expect(run(target, 'node:http')).toMatch(/^INIT /);
    expect(() => run(target)).toThrow(/node:http was not preloaded/);
  });
});
