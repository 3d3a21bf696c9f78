/**
 * The document is as strict as the server: each example goes both to the document's schema (what a client-side
 * validator decides) and to the server's own code, and both must reach the same verdict. The few rules one static
 * schema cannot state are listed here as the only allowed differences (the schema accepts, the server refuses), and
 * each must be stated in the schema's description.
 */
import { createOrderHandler } from '../../src/functions/create-order/create-order';
import { createReadHandler } from '../../src/functions/read-orders/read-orders';
import { createLogger } from '../../src/functions/runtime/logger';
import { lambdaContext, lineSink, MemoryStore, orderEvent, SEED_BODY } from '../functions/create-order/support';
import { getOrderEvent, listOrdersEvent, MemoryReader } from '../functions/read-orders/support';
import { OPENAPI, responseValidator, schemaValidator } from '../support/openapi-conformance';

const quiet = () => createLogger('ERROR', lineSink().write);
const createOrder = createOrderHandler({
  config: { tableName: 't', metricsDimensionValue: 'test', logLevel: 'ERROR' },
  store: new MemoryStore(),
  metrics: { publish: async () => undefined },
  logger: quiet(),
});
const read = createReadHandler({ config: { tableName: 't', logLevel: 'ERROR', access: 'IAM' }, reader: new MemoryReader(), logger: quiet() });

const item = SEED_BODY.items[0];
const withItem = (over: Record<string, unknown>) => ({ ...SEED_BODY, items: [{ ...item, ...over }, SEED_BODY.items[1]] });
const withAddress = (over: Record<string, unknown>) => ({ ...SEED_BODY, shippingAddress: { ...SEED_BODY.shippingAddress, ...over } });

/** Bodies whose verdict the schema and the server must share. */
const BODIES: [string, unknown][] = [
  ['the seed order', SEED_BODY],
  ['an unknown field', { ...SEED_BODY, coupon: 'FREE' }],
  ['no items', { ...SEED_BODY, items: [] }],
  ['101 items', { ...SEED_BODY, items: Array(101).fill({ ...item, quantity: 1, price: 0 }), totalAmount: 0 }],
  ['quantity 0', withItem({ quantity: 0 })],
  ['quantity 1.5', withItem({ quantity: 1.5 })],
  ['quantity 10001', withItem({ quantity: 10_001 })],
  ['a negative price', withItem({ price: -1 })],
  ['a price as a string', withItem({ price: '29.99' })],
  ['a price over 1,000,000', withItem({ price: 1_000_000.01 })],
  ['an empty productId', withItem({ productId: '' })],
  ['a blank productId', withItem({ productId: '   ' })],
  ['a productId of 129 characters', withItem({ productId: 'p'.repeat(129) })],
  ['a productId with a control character', withItem({ productId: 'prod\u0007' })],
  ['a productId with a zero-width space', withItem({ productId: 'prod-\u200b' })],
  ['a productId with a right-to-left override', withItem({ productId: 'prod-\u202e1' })],
  ['a productId with U+FEFF', withItem({ productId: '\ufeffprod' })],
  ['a customerId with a soft hyphen', { ...SEED_BODY, customerId: 'cust\u00ad-12345' }],
  ['a customerId with a C1 control', { ...SEED_BODY, customerId: 'cust\u0085' }],
  ['a non-ASCII productId', withItem({ productId: 'produit-é-商品' })],
  ['a street with ZWNJ', withAddress({ street: 'خیابان\u200cها' })],
  ['a blank city', withAddress({ city: ' ' })],
  ['a street with a tab', withAddress({ street: 'a\tb' })],
  ['an address without a street', { ...SEED_BODY, shippingAddress: { city: 'Anytown' } }],
  ['an address field of 201 characters', withAddress({ name: 'n'.repeat(201) })],
  ['an unknown address field', withAddress({ floor: '3' })],
  ['notes with line breaks and a ZWJ', { ...SEED_BODY, notes: 'line 1\r\nline 2\tक्\u200dष' }],
  ['empty notes', { ...SEED_BODY, notes: '' }],
  ['notes with a vertical tab', { ...SEED_BODY, notes: 'a\u000bb' }],
  ['notes of 1001 characters', { ...SEED_BODY, notes: 'n'.repeat(1001) }],
  ['a payment label', { ...SEED_BODY, paymentMethod: 'card' }],
  ['a blank payment method', { ...SEED_BODY, paymentMethod: ' ' }],
  ['a negative total', { ...SEED_BODY, totalAmount: -109.97 }],
  ['a total over 10,000,000', { ...SEED_BODY, totalAmount: 10_000_000.01 }],
  ['null for an optional field', { ...SEED_BODY, notes: null }],
  ['not an object', [SEED_BODY]],
];

/** What only a description can say; the schema accepts these, the server refuses them (400). */
const DESCRIBED_ONLY: [string, unknown, string][] = [
  ['three decimals', withItem({ price: 29.999 }), 'at most 2 decimals'],
  ['a total that is not the sum', { ...SEED_BODY, totalAmount: 1 }, 'must equal the sum'],
  ['no customerId (no authorizer)', { ...SEED_BODY, customerId: undefined }, 'Required when the API has no authorizer'],
  ['a tag character (outside the Basic Multilingual Plane)', withItem({ productId: 'prod-\u{e0041}' }), 'in every plane'],
  ['a lone surrogate', withItem({ productId: 'prod-\ud800' }), 'no lone surrogates'],
  ['a card number', { ...SEED_BODY, paymentMethod: '4111111111111111' }, 'a card number'],
];

async function serverAccepts(body: unknown): Promise<boolean> {
  const res = await createOrder(orderEvent(body), lambdaContext());
  if (res.statusCode !== 200 && res.statusCode !== 400) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
  return res.statusCode === 200;
}

const validateBody = schemaValidator('CreateOrderRequest');
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

test.each(BODIES)('POST /orders, %s: the document and the server agree', async (_name, body) => {
  expect(validateBody(json(body))).toBe(await serverAccepts(body));
});

test('the examples include both verdicts', async () => {
  const verdicts = await Promise.all(BODIES.map(([, b]) => serverAccepts(b)));
  expect(verdicts.filter((v) => v).length).toBeGreaterThan(5);
  expect(verdicts.filter((v) => !v).length).toBeGreaterThan(20);
});

test.each(DESCRIBED_ONLY)('POST /orders, %s: refused by the server, accepted by the schema, and said in a description', async (_name, body, phrase) => {
  expect(await serverAccepts(body)).toBe(false);
  expect(validateBody(json(body))).toBe(true);
  expect(JSON.stringify(OPENAPI.components.schemas.CreateOrderRequest)).toContain(phrase);
});

describe('path ids and the Idempotency-Key', () => {
  const getOrder = OPENAPI.paths['/orders/{orderId}'].get;
  const orderIdValid = responseValidator(getOrder.parameters[0].schema);
  const customerIdValid = responseValidator(OPENAPI.paths['/customers/{customerId}/orders'].get.parameters[0].schema);
  const keyValid = responseValidator(OPENAPI.paths['/orders'].post.parameters[0].schema);

  test.each(['3f6d0c1e-0000-4000-8000-000000000000', 'o', 'ü', ' x', '\u200b', 'o\u2066', 'o\u0000', ' ', 'o'.repeat(128), 'o'.repeat(129)])(
    'orderId %j and customerId: the document and the read function agree', async (id) => {
      const get = await read(getOrderEvent(id), lambdaContext());
      expect(orderIdValid(id)).toBe(get.statusCode !== 400);
      const list = await read(listOrdersEvent(id), lambdaContext());
      expect(customerIdValid(id)).toBe(list.statusCode !== 400);
    });

  test.each(['k', 'order-abc_123', 'K'.repeat(128), '', 'K'.repeat(129), 'not valid!', 'ключ'])('Idempotency-Key %j: the document and the server agree', async (key) => {
    const res = await createOrder(orderEvent(SEED_BODY, { headers: { 'content-type': 'application/json', 'idempotency-key': key } }), lambdaContext());
    expect(keyValid(key)).toBe(res.statusCode === 200);
  });
});
