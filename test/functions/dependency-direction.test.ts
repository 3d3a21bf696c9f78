/**
 * The order logic (create-order.ts and core/) depends on ports, never on adapters: AWS clients and stdout live in
 * io/ and are wired by the entry files. Checked on the import statements, so a shortcut fails here at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const HANDLER = path.join(__dirname, '..', '..', 'src', 'handler');
const orderLogic = [
  'create-order.ts',
  ...fs.readdirSync(path.join(HANDLER, 'core')).filter((f) => f.endsWith('.ts')).map((f) => `core/${f}`),
];

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(HANDLER, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1]);
}

test('the import reader sees every import of create-order.ts, including ports', () => {
  const imports = importsOf('create-order.ts');
  expect(imports).toEqual(expect.arrayContaining(['node:crypto', './core/validate', './ports']));
});

test.each(orderLogic)('%s imports nothing from io/ and no AWS SDK', (file) => {
  const imports = importsOf(file);
  const resolved = imports.filter((s) => s.startsWith('.')).map((s) => path.relative(HANDLER, path.resolve(path.dirname(path.join(HANDLER, file)), s)));
  expect(resolved.filter((p) => p === 'io' || p.startsWith(`io${path.sep}`))).toEqual([]);
  expect(imports.filter((s) => s.startsWith('@aws-sdk/') || s.startsWith('@smithy/'))).toEqual([]);
});
