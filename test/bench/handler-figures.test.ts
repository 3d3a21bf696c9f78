/**
 * The benchmark's cold-init machinery: which Node built-ins a bundle is charged for, and the import timer itself.
 * (The figures are printed by `npx projen bench`; nothing here asserts a duration.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { staticNodeImports } from '../../bench/handler-figures';

describe('staticNodeImports', () => {
  test('finds minified and spaced static imports of node: modules, once each, sorted', () => {
    const code = 'import{createRequire as __cr}from\'node:module\';import*as z from"node:zlib";' +
      'import { join } from "node:path";\nimport "node:os";import{join as j2}from"node:path";';
    expect(staticNodeImports(code)).toEqual(['node:module', 'node:os', 'node:path', 'node:zlib']);
  });

  test('ignores dynamic import() and packages that are not Node built-ins', () => {
    const code = 'const h=await import("node:http");import{x}from"@aws-sdk/client-dynamodb";let s="import(\\"node:fs\\")";';
    expect(staticNodeImports(code)).toEqual([]);
  });

  test('sees every static built-in import of the real default bundle', () => {
    const bundle = path.join(__dirname, '..', '..', 'assets', 'handler', 'entry-emf', 'index.mjs');
    const found = staticNodeImports(fs.readFileSync(bundle, 'utf8'));
    expect(found).toEqual(expect.arrayContaining(['node:crypto', 'node:https', 'node:module']));
    expect(found).not.toContain('node:http'); // the SDK imports it only dynamically, for plain-HTTP endpoints
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
