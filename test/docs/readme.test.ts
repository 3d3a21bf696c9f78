/**
 * The README is what npm and PyPI show: an entry point, short, whose links work there. Neither site resolves a
 * relative link, so links into the repository are absolute; each must name a file that exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const REPO = 'https://github.com/orderprocessing/cdk-order-processing-platform/';
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);

describe('README.md', () => {
  test('is at most 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  test('has no relative links (npm and PyPI would not resolve them)', () => {
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !/^(https?:|mailto:|#)/.test(l))).toEqual([]);
  });

  test('every link into the repository names a file or folder that exists', () => {
    const missing = links
      .filter((l) => l.startsWith(REPO))
      .map((l) => l.slice(REPO.length).replace(/^(blob|tree)\/main\//, '').replace(/#.*$/, ''))
      .filter((p) => !fs.existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  test('the check sees the links to docs/', () => {
    // A control: without these the two checks above could pass on a README that lost its links.
    expect(links).toContain(`${REPO}blob/main/docs/http-api.md`);
    expect(links).toContain(`${REPO}blob/main/docs/decisions.md`);
  });
});
