/**
 * The committed openapi.json is exactly the generator's output, describes the routes the construct creates with the
 * limits the validators enforce, ships in the npm package, and the conformance check used by the handler tests can
 * fail.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApiDocument, openApiText } from '../../generators/openapi';
import { OPENAPI_FILE } from '../../generators/openapi-file';
import { SEED_EXAMPLE_ORDER } from '../../local/seed-example';
import { OrderProcessingPlatform } from '../../src';
import { API_ROUTES } from '../../src/contract/platform';
import { DEFAULT_PAGE_LIMIT, MAX_CURSOR_LENGTH, MAX_ID_LENGTH, MAX_ITEMS, MAX_PAGE_LIMIT, MAX_QUANTITY, MAX_REASON_LENGTH } from '../../src/functions/model/limits';
import { ALLOWED_TRANSITIONS, TARGET_STATUSES } from '../../src/functions/model/order-status';
import { assertConformsToOpenApi, OPENAPI, schemaValidator } from '../support/openapi-conformance';

const ROOT = path.join(__dirname, '..', '..');

test('openapi.json is what the generator writes (regenerate with `npx projen openapi`)', () => {
  expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
});

test('the construct exposes the path of the shipped document', () => {
  expect(OrderProcessingPlatform.OPENAPI_DOCUMENT_PATH).toBe(path.join(ROOT, 'openapi.json'));
  expect(JSON.parse(fs.readFileSync(OrderProcessingPlatform.OPENAPI_DOCUMENT_PATH, 'utf8')).openapi).toBe('3.1.0');
});

test('openapi.json is in the npm package', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  const files = (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
  expect(files).toContain('openapi.json');
});

test('all five routes, each with its documented statuses', () => {
  const doc = openApiDocument() as any;
  const statuses = (p: string, m: string) => Object.keys(doc.paths[p][m].responses).sort();
  expect(Object.keys(doc.paths).sort()).toEqual(Object.values(API_ROUTES).map((r) => r.path).sort());
  expect(statuses('/orders', 'post')).toEqual(['200', '400', '401', '403', '409', '413', '415', '429', '500', '503']);
  expect(statuses('/orders/{orderId}', 'get')).toEqual(['200', '400', '401', '403', '404', '413', '429', '500', '503']);
  expect(statuses('/customers/{customerId}/orders', 'get')).toEqual(['200', '400', '401', '403', '404', '413', '429', '500', '503']);
  const lifecycle = ['200', '400', '401', '403', '404', '409', '412', '413', '415', '429', '500', '503'];
  expect(statuses('/orders/{orderId}/cancel', 'post')).toEqual(lifecycle);
  expect(statuses('/orders/{orderId}/status', 'post')).toEqual(lifecycle);
  // Every single-order success carries the ETag, and both changes take If-Match.
  expect(doc.paths['/orders'].post.responses['200'].headers.etag).toBeDefined();
  expect(doc.paths['/orders/{orderId}'].get.responses['200'].headers.etag).toBeDefined();
  for (const p of ['/orders/{orderId}/cancel', '/orders/{orderId}/status']) {
    expect(doc.paths[p].post.responses['200'].headers.etag).toBeDefined();
    expect(doc.paths[p].post.responses['412'].headers.etag).toBeDefined();
    expect(doc.paths[p].post.parameters.map((x: any) => x.name)).toEqual(['orderId', 'If-Match']);
  }
  // The customers' authorizer never guards the status route.
  expect(doc.paths['/orders/{orderId}/status'].post.security).toEqual([{ sigv4: [] }]);
});

test('the status request and the lifecycle come from the one transitions table', () => {
  const doc = openApiDocument() as any;
  const validate = schemaValidator('ChangeOrderStatusRequest');
  expect(doc.components.schemas.ChangeOrderStatusRequest.properties.status.enum).toEqual([...TARGET_STATUSES]);
  expect(validate({ status: 'shipped', shipment: { carrier: 'UPS', trackingNumber: '1Z' } })).toBe(true);
  expect(validate({ status: 'pending' })).toBe(false);
  expect(validate({ status: 'cancelled', reason: 'r'.repeat(MAX_REASON_LENGTH + 1) })).toBe(false);
  for (const [from, tos] of Object.entries(ALLOWED_TRANSITIONS)) {
    const text = tos.length > 0 ? tos.map((t) => `\`${t}\``).join(', ') : 'final';
    expect(doc.paths['/orders/{orderId}/status'].post.description).toContain(`\`${from}\` -> ${text}`);
  }
});

test('limits come from the validators\' constants', () => {
  const doc = openApiDocument() as any;
  const list = doc.paths['/customers/{customerId}/orders'].get.parameters;
  expect(list.find((p: any) => p.name === 'limit').schema).toEqual({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT });
  expect(list.find((p: any) => p.name === 'cursor').schema.maxLength).toBe(MAX_CURSOR_LENGTH);
  expect(list.find((p: any) => p.name === 'customerId').schema.maxLength).toBe(MAX_ID_LENGTH);
  const body = doc.components.schemas.CreateOrderRequest;
  expect(body.properties.items.maxItems).toBe(MAX_ITEMS);
  expect(body.properties.items.items.properties.quantity.maximum).toBe(MAX_QUANTITY);
  expect(body.properties.totalAmount.maximum).toBe(10_000_000);
});

test('the request schema accepts the seed example and refuses what the validator refuses', () => {
  const validate = schemaValidator('CreateOrderRequest');
  expect(validate(SEED_EXAMPLE_ORDER)).toBe(true);
  expect(validate({ ...SEED_EXAMPLE_ORDER, coupon: 'FREE' })).toBe(false);
  expect(validate({ ...SEED_EXAMPLE_ORDER, items: [] })).toBe(false);
  expect(validate({ ...SEED_EXAMPLE_ORDER, customerId: 'c'.repeat(MAX_ID_LENGTH + 1) })).toBe(false);
});

describe('the conformance check fails when it should (control)', () => {
  const ok = { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ success: false, error: 'NotFound', message: 'm', field: 'orderId', rule: 'notFound' }) };
  test('a documented response passes', () => {
    expect(() => assertConformsToOpenApi('GET /orders/{orderId}', ok)).not.toThrow();
  });
  test('an undocumented status, an extra property, a wrong type, an unknown route fail', () => {
    expect(() => assertConformsToOpenApi('GET /customers/{customerId}/orders', { ...ok, statusCode: 415 })).toThrow(/does not document status 415/);
    // The list's 404 is API Gateway's alone: a function's Error body there is not what the document says.
    expect(() => assertConformsToOpenApi('GET /customers/{customerId}/orders', ok)).toThrow(/does not conform/);
    expect(() => assertConformsToOpenApi('GET /customers/{customerId}/orders', { ...ok, body: '{"message":"Not Found"}' })).not.toThrow();
    expect(() => assertConformsToOpenApi('GET /orders/{orderId}', {
      ...ok,
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ success: true, order: {} }),
    })).toThrow(/does not conform/);
    expect(() => assertConformsToOpenApi('GET /orders/{orderId}', { ...ok, body: JSON.stringify({ ...JSON.parse(ok.body), extra: 1 }) })).toThrow(/does not conform/);
    expect(() => assertConformsToOpenApi('GET /orders/{orderId}', { ...ok, statusCode: 200, body: JSON.stringify({ success: true, order: { orderId: 1 } }) })).toThrow(/does not conform/);
    expect(() => assertConformsToOpenApi('DELETE /orders', ok)).toThrow(/does not describe route/);
  });
  test('the checker reads the committed file', () => {
    expect(OPENAPI).toEqual(openApiDocument());
  });
});
