/**
 * The layout of src/ is the architecture, and these rules keep it so. Checked on the import statements of every
 * source file, so a shortcut fails here at once:
 * - the construct side (src/*.ts, src/internal/) imports no function code, only the contract;
 * - the contract imports nothing of ours but itself, and no AWS library: both sides load it;
 * - the model is pure: itself and the contract;
 * - the runtime kit serves every function and imports none;
 * - a function imports its own folder, the kit, the model and the contract, never a sibling;
 * - inside a function, core/ imports only core/, the model and the contract, and the orchestration (the files
 *   beside ports.ts) imports no io/ and of the kit only its ports and deadline, which are pure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const FUNCTIONS = path.join(SRC, 'functions');
const SHARED = ['runtime', 'model'];
const functionNames = fs.readdirSync(FUNCTIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !SHARED.includes(d.name)).map((d) => d.name);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.relative(SRC, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

interface Imports { readonly local: string[]; readonly packages: string[] }

/** A file's imports: ours as paths relative to src/ (no extension), and package names. */
function importsOf(file: string): Imports {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1]);
  const local = specs.filter((s) => s.startsWith('.'))
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
  return { local, packages: specs.filter((s) => !s.startsWith('.')) };
}

const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const allFiles = sourceFiles(SRC);
const isFunctionCode = (f: string) => within(f, 'functions');

test('the import reader sees relative imports and packages', () => {
  const { local, packages } = importsOf('functions/create-order/create-order.ts');
  expect(local).toEqual(expect.arrayContaining(['functions/create-order/core/validate', 'functions/create-order/ports']));
  expect(packages).toContain('node:crypto');
});

test('there is a runtime kit, a model and at least the three functions', () => {
  expect(fs.existsSync(path.join(FUNCTIONS, 'runtime'))).toBe(true);
  expect(fs.existsSync(path.join(FUNCTIONS, 'model'))).toBe(true);
  expect(functionNames).toEqual(expect.arrayContaining(['create-order', 'read-orders', 'change-order-status', 'order-events']));
});

describe('the construct side', () => {
  const files = allFiles.filter((f) => !isFunctionCode(f) && !within(f, 'contract'));
  test.each(files)('%s imports no function code', (file) => {
    expect(importsOf(file).local.filter((p) => within(p, 'functions'))).toEqual([]);
  });
});

describe('the contract', () => {
  test.each(sourceFiles(path.join(SRC, 'contract')))('%s imports only the contract, and no AWS library', (file) => {
    const { local, packages } = importsOf(file);
    expect(local.filter((p) => !within(p, 'contract'))).toEqual([]);
    expect(packages).toEqual([]);
  });
});

describe('the model', () => {
  test.each(sourceFiles(path.join(FUNCTIONS, 'model')))('%s imports only the model and the contract, and no I/O', (file) => {
    const { local, packages } = importsOf(file);
    expect(local.filter((p) => !within(p, 'functions/model') && !within(p, 'contract'))).toEqual([]);
    // `aws-lambda` is types only (the response shape).
    expect(packages.filter((p) => p !== 'aws-lambda')).toEqual([]);
  });
});

describe('the runtime kit', () => {
  test.each(sourceFiles(path.join(FUNCTIONS, 'runtime')))('%s imports no function', (file) => {
    const { local } = importsOf(file);
    expect(local.filter((p) => !within(p, 'functions/runtime') && !within(p, 'functions/model') && !within(p, 'contract'))).toEqual([]);
  });
});

describe.each(functionNames)('the function %s', (name) => {
  const dir = `functions/${name}`;
  const files = sourceFiles(path.join(FUNCTIONS, name));
  const kitAndModel = (p: string) => within(p, 'functions/runtime') || within(p, 'functions/model') || within(p, 'contract');

  test('has the one shape: core/, ports.ts, io/, a wiring and an entry per bundle', () => {
    expect(files.some((f) => f.startsWith(`${dir}/core/`))).toBe(true);
    expect(files).toContain(`${dir}/ports.ts`);
    expect(files.some((f) => f.startsWith(`${dir}/io/`))).toBe(true);
    expect(files.some((f) => /\/wiring[^/]*\.ts$/.test(f))).toBe(true);
    expect(files.some((f) => /\/entry[^/]*\.ts$/.test(f))).toBe(true);
  });

  test.each(files)('%s imports its own folder, the kit, the model and the contract only', (file) => {
    expect(importsOf(file).local.filter((p) => !within(p, dir) && !kitAndModel(p))).toEqual([]);
  });

  test.each(files.filter((f) => f.startsWith(`${dir}/core/`)))('%s (core) imports only core/, the model and the contract', (file) => {
    const { local, packages } = importsOf(file);
    expect(local.filter((p) => !within(p, `${dir}/core`) && !within(p, 'functions/model') && !within(p, 'contract'))).toEqual([]);
    expect(packages.filter((p) => p !== 'aws-lambda' && p !== 'node:crypto')).toEqual([]);
  });

  const orchestration = files.filter((f) => path.posix.dirname(f) === dir && !/\/(wiring|entry)[^/]*\.ts$|\/rehearsal\.ts$/.test(f));
  test.each(orchestration)('%s (orchestration) imports no io/, no AWS SDK and of the kit only its pure ports and deadline', (file) => {
    const { local, packages } = importsOf(file);
    expect(local.filter((p) => within(p, `${dir}/io`))).toEqual([]);
    expect(local.filter((p) => within(p, 'functions/runtime') && !['functions/runtime/ports', 'functions/runtime/deadline'].includes(p))).toEqual([]);
    expect(packages.filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([]);
  });
});
