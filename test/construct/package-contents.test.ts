/**
 * What the npm tarball holds (and so the Python wheel and the Java jar, which embed it): the compiled construct and
 * the function bundles, and none of the functions' unbundled sources, tests, tooling or tool directories.
 *
 * `npm pack --dry-run` runs on a copy of the checkout's layout with empty files: every file git tracks, the build
 * output jsii writes (`lib/` mirrors `src/`, plus `.jsii`), the bundles the bundle tasks write, and the untracked
 * directories a working tree collects (venvs, synth output, dist/). So the test needs no compile step, and it applies
 * the generated `.npmignore` the way npm itself does.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HANDLER_BUNDLES, ORDER_EVENTS_BUNDLES, ORDER_LIFECYCLE_BUNDLE, READ_API_BUNDLE } from '../../src/contract/platform';
import { SHIPPED_SCHEMAS, TOP_LEVEL_FILES, bundleTasks, functionDirs, packageContentProblems } from '../support/package-contents';

const ROOT = path.join(__dirname, '..', '..');

const trackedFiles = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n').filter((f) => f.length > 0);
const librarySources = trackedFiles.filter((f) => f.startsWith('src/') && f.endsWith('.ts'));
const FUNCTION_DIRS = functionDirs();
const isFunctionSource = (srcFile: string) => FUNCTION_DIRS.includes(srcFile.split('/')[1]);

/** The files `npm pack` would put in the tarball, from a copy of the layout with empty files. */
function packedFiles(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'package-contents-'));
  try {
    const layout = [
      ...trackedFiles,
      // What `jsii` writes: rootDir src, outDir lib, declarations next to the JavaScript.
      ...librarySources.flatMap((f) => {
        const out = `lib/${f.slice('src/'.length, -'.ts'.length)}`;
        return [`${out}.js`, `${out}.d.ts`];
      }),
      '.jsii',
      ...bundleTasks().map((t) => t.outfile),
      // Untracked directories of a working tree.
      '.tools/cfn-lint/bin/cfn-lint', '.tmp/bindings/python/manifest.json', '.ci-venv/bin/python',
      'cdk.out/manifest.json', 'dist/python/cdk_order_processing_platform-0.0.0-py3-none-any.whl',
      'dist/js/cdk-order-processing-platform-0.0.0.tgz', 'coverage/lcov.info', 'test-reports/junit.xml',
      'bench/results/run.raw.json', 'examples/java/target/classes/App.class', 'tsconfig.tsbuildinfo',
    ];
    for (const file of layout) {
      const target = path.join(dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // npm reads package.json (name, version, main, files) and the ignore rules; every other file may be empty.
      const real = ['package.json', '.npmignore'].includes(file);
      fs.writeFileSync(target, real ? fs.readFileSync(path.join(ROOT, file)) : '');
    }
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], {
      cwd: dir, encoding: 'utf8', timeout: 60_000,
    });
    return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path).sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm package contents', () => {
  const packed = packedFiles();

  test('the bundle entries are found, all under the one folder of Lambda code', () => {
    expect(FUNCTION_DIRS).toEqual(['functions']);
  });

  test('holds no document generator: the OpenAPI and event schema writers are tooling', () => {
    expect(packed.filter((f) => /(^|\/)(openapi|order-event-schema)(-file)?\.(js|d\.ts)$/.test(f))).toEqual([]);
  });

  test('holds no unbundled function source: nothing under lib/<function folder>/', () => {
    const leaked = packed.filter((f) => FUNCTION_DIRS.some((dir) => f.startsWith(`lib/${dir}/`)));
    expect(leaked).toEqual([]);
  });

  test('holds every function bundle where the construct reads it, and the build makes exactly those', () => {
    const deployed = [...Object.values(HANDLER_BUNDLES), READ_API_BUNDLE, ORDER_LIFECYCLE_BUNDLE, ...Object.values(ORDER_EVENTS_BUNDLES)]
      .map((b) => `${b}/index.mjs`);
    for (const bundle of deployed) expect(packed).toContain(bundle);
    expect(bundleTasks().map((t) => t.outfile).sort()).toEqual([...deployed].sort());
  });

  test('holds the compiled construct: JavaScript and declarations of every library source, and the jsii assembly', () => {
    const expected = librarySources.filter((f) => !isFunctionSource(f)).flatMap((f) => {
      const out = `lib/${f.slice('src/'.length, -'.ts'.length)}`;
      return [`${out}.js`, `${out}.d.ts`];
    });
    expect(expected).toContain('lib/index.js');
    expect(packed).toEqual(expect.arrayContaining([...expected, '.jsii', 'package.json', 'README.md', 'LICENSE']));
  });

  test('the shipped library imports nothing it does not ship (it never reaches into a function folder)', () => {
    const missing: string[] = [];
    for (const source of librarySources.filter((f) => !isFunctionSource(f))) {
      const text = fs.readFileSync(path.join(ROOT, source), 'utf8');
      for (const [, spec] of text.matchAll(/(?:from|import|require\()\s*'(\.{1,2}\/[^']*)'/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), spec)).replace(/^src\//, 'lib/');
        if (!packed.includes(`${target}.js`) && !packed.includes(`${target}/index.js`)) missing.push(`${source} -> ${spec}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('ships only lib/, assets/, the top-level package files and the event schema: no tests, sources, tooling, venvs or build output', () => {
    const outside = packed.filter((f) => !/^(lib|assets)\//.test(f) && f.includes('/'));
    expect(outside).toEqual(SHIPPED_SCHEMAS);
    expect(packed.filter((f) => !f.includes('/'))).toEqual(TOP_LEVEL_FILES);
  });

  test('the rules the binding tests apply to the embedded tarball hold for it', () => {
    expect(packageContentProblems(packed)).toEqual([]);
  });

  test('those rules catch what must not ship (control)', () => {
    expect(packageContentProblems([...packed, 'lib/functions/create-order/entry-emf.js', 'test/construct/x.test.ts'])
      .filter((p) => !p.startsWith('missing'))).toEqual([
      'unbundled function sources: 1 files under lib/functions/',
      'not part of the library: test/construct/x.test.ts',
    ]);
    expect(packageContentProblems(packed.filter((f) => !f.startsWith('assets/'))))
      .toEqual(bundleTasks().map((t) => `missing bundle ${t.outfile}`));
  });
});
