/**
 * docs/decisions.md names, for every decision, the tests that prove it ("`file`: "title"; "title""). A renamed or
 * deleted test would leave the page pointing at nothing, so every reference is checked against the test files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DOC = 'docs/decisions.md';
const markdown = fs.readFileSync(path.join(ROOT, DOC), 'utf8');

/** The body rows of the page's tables (header and separator rows left out). */
const rows = markdown.split('\n')
  .filter((line) => line.startsWith('| **'));

interface TestReference { readonly row: string; readonly file: string; readonly title: string }

/** Every `file`: "title"; "title" reference in a row's last cell. */
function references(row: string): TestReference[] {
  const cells = row.split(' | ');
  const provedBy = cells[cells.length - 1];
  const name = cells[0].replace(/^\| \*\*|\*\*$/g, '');
  return [...provedBy.matchAll(/`(test\/[^`]+\.test\.ts)`: ((?:"[^"]+"(?:; )?)+)/g)]
    .flatMap(([, file, titles]) => [...titles.matchAll(/"([^"]+)"/g)].map(([, title]) => ({ row: name, file, title })));
}

/** A test file's text with escaped quotes unescaped, so `'it\'s'` reads as `'it's'`. */
function source(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\\(['"`])/g, '$1');
}

/** True when `title` is written in `text` as a whole string literal: a test title or a `test.each` row name. */
function hasStringLiteral(text: string, title: string): boolean {
  return ["'", '"', '`'].some((q) => text.includes(`${q}${title}${q}`));
}

describe('docs/decisions.md', () => {
  test('has decision rows, and every row names at least one test', () => {
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((row) => references(row).length === 0)).toEqual([]);
  });

  test('every test it names exists under that title in that file', () => {
    const missing = rows.flatMap(references).filter(({ file, title }) =>
      !fs.existsSync(path.join(ROOT, file)) || !hasStringLiteral(source(file), title));
    expect(missing).toEqual([]);
  });

  test('every repository path it mentions exists', () => {
    const paths = [...markdown.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\.\w+)`/g)].map(([, p]) => p);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  test('the check itself notices a title that is not there', () => {
    // A control: with a made-up title the lookup must fail, or the checks above prove nothing.
    const file = 'test/construct/alarms.test.ts';
    expect(hasStringLiteral(source(file), 'thresholds are props')).toBe(true);
    expect(hasStringLiteral(source(file), 'thresholds are prop')).toBe(false);
  });

  test('the README links to it', () => {
    // Absolute: npm and PyPI show the README without resolving relative links.
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))
      .toContain('](https://github.com/orderprocessing/cdk-order-processing-platform/blob/main/docs/decisions.md)');
  });
});
