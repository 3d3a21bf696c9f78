/**
 * The local API's `/docs` in a real browser (Debian's chromium, installed by .ci/run, driven by playwright-core):
 * the reference renders every operation of openapi.json, and the page makes no request that leaves 127.0.0.1 (no
 * CDN, no online validator). Every request the page makes is recorded; one to another host fails the test, and is
 * refused so that it cannot succeed quietly.
 */
import * as fs from 'node:fs';
import { chromium, Browser } from 'playwright-core';
import { LocalApiProcess, startLocalApiProcess } from '../support/local-api-process';
import { OPENAPI } from '../support/openapi-conformance';

/** Debian's chromium; a missing browser fails the test (never skipped) with what installs it. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

let api: LocalApiProcess;
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('chromium is not installed: `apt-get install chromium` (.ci/run installs it)');
  api = await startLocalApiProcess(['--quiet', '--no-events']);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

test('/docs shows every operation of the document and loads nothing from outside 127.0.0.1', async () => {
  const page = await browser.newPage();
  const requested: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    const host = new URL(url).hostname;
    return host === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${api.url}/docs`, { waitUntil: 'networkidle' });
  const operations = Object.entries(OPENAPI.paths as Record<string, Record<string, { operationId: string }>>)
    .flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ path: p, method: method.toUpperCase(), id: op.operationId })));
  expect(operations.length).toBeGreaterThanOrEqual(3);
  for (const op of operations) {
    // Swagger UI renders one block per operation, with its method and path.
    const block = page.locator('.opblock').filter({ has: page.locator('.opblock-summary-method', { hasText: new RegExp(`^${op.method}$`) }) })
      .filter({ has: page.locator('.opblock-summary-path', { hasText: new RegExp(`^${op.path.replace(/[{}]/g, '\\$&')}$`) }) });
    await block.first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await block.count()).toBe(1);
  }
  expect(await page.locator('.opblock').count()).toBe(operations.length);

  expect(requested.filter((u) => new URL(u).hostname !== '127.0.0.1')).toEqual([]);
  // The page and its document came from the local API itself.
  expect(requested).toEqual(expect.arrayContaining([`${api.url}/docs`, `${api.url}/openapi.json`]));
  expect(errors).toEqual([]);
  await page.close();
});

test('control: the route recorder sees a request to another host', async () => {
  const page = await browser.newPage();
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).hostname !== '127.0.0.1') outside.push(url);
    return new URL(url).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  await page.goto(`${api.url}/docs`, { waitUntil: 'networkidle' });
  await page.evaluate(() => fetch('https://cdn.example.invalid/x.js').catch(() => undefined));
  expect(outside).toEqual(['https://cdn.example.invalid/x.js']);
  await page.close();
});
