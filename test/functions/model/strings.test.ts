/**
 * Ids refuse Unicode format characters (Cf) as they refuse controls, in every place an id enters: a body's
 * customerId and productId, a path id, a token's `sub`. Free text keeps them (ZWNJ and ZWJ write Persian and Indic
 * scripts). Orders stored before the rule keep being read.
 */
import { createOrderHandler } from '../../../src/functions/create-order/create-order';
import { BMP_FORMAT_CLASS, checkString, ID_RULE, isValidId } from '../../../src/functions/model/strings';
import { createReadHandler } from '../../../src/functions/read-orders/read-orders';
import { createLogger } from '../../../src/functions/runtime/logger';
import { conforming } from '../../support/openapi-conformance';
import { lambdaContext, lineSink, MemoryStore, orderEvent, parseBody, SEED_BODY } from '../create-order/support';
import { getOrderEvent, listOrdersEvent, MemoryReader, storedOrder } from '../read-orders/support';

/** Zero-width space, right-to-left override, byte order mark, soft hyphen, Arabic letter mark, a tag character. */
const FORMAT_CHARACTERS = ['\u200b', '\u202e', '\ufeff', '\u00ad', '\u061c', '\u{e0041}'];
const ZWNJ = '\u200c';
const ZWJ = '\u200d';

test('the document\'s class of format characters is exactly the engine\'s Cf in the Basic Multilingual Plane', () => {
  const documented = new RegExp(`[${BMP_FORMAT_CLASS}]`);
  const differing: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (documented.test(ch) !== /\p{Cf}/u.test(ch)) differing.push(c.toString(16));
  }
  expect(differing).toEqual([]);
});

test.each(FORMAT_CHARACTERS)('an id with U+%s is refused like a control character', (ch) => {
  expect(() => checkString(`prod-${ch}`, 'items[0].productId', ID_RULE)).toThrow(expect.objectContaining({
    statusCode: 400, field: 'items[0].productId', rule: 'characters',
  }));
  expect(isValidId(`cust${ch}`)).toBe(false);
});

test('free text keeps ZWNJ and ZWJ (and other format characters)', () => {
  expect(checkString(`می${ZWNJ}خواهم`, 'shippingAddress.street', { max: 200 })).toBe(`می${ZWNJ}خواهم`);
  expect(checkString(`क्${ZWJ}ष`, 'notes', { max: 1000, allowEmpty: true, multiline: true })).toBe(`क्${ZWJ}ष`);
  expect(isValidId('cust-12345')).toBe(true);
});

describe('POST /orders', () => {
  const handler = conforming(createOrderHandler({
    config: { tableName: 't', metricsDimensionValue: 'test', logLevel: 'ERROR' },
    store: new MemoryStore(),
    metrics: { publish: async () => undefined },
    logger: createLogger('ERROR', lineSink().write),
  }));

  test.each([
    ['items[0].productId', { ...SEED_BODY, items: [{ ...SEED_BODY.items[0], productId: 'prod-\u200b\u202e' }, SEED_BODY.items[1]] }],
    ['customerId', { ...SEED_BODY, customerId: 'cust\ufeff-12345' }],
  ])('%s with format characters is 400 naming it and the rule', async (field, body) => {
    const res = await handler(orderEvent(body), lambdaContext());
    expect(res.statusCode).toBe(400);
    expect(parseBody(res as { body: string })).toMatchObject({ field, rule: 'characters' });
  });

  test('a token subject with format characters is 403 tokenSubject, as one with controls', async () => {
    for (const sub of ['cust\u200b', 'cust\u0007']) {
      const res = await handler(orderEvent({ ...SEED_BODY, customerId: undefined }, { sub }), lambdaContext());
      expect([res.statusCode, parseBody(res as { body: string }).rule]).toEqual([403, 'tokenSubject']);
    }
  });

  test('addresses and notes keep ZWNJ and ZWJ', async () => {
    const res = await handler(orderEvent({
      ...SEED_BODY, shippingAddress: { street: `خیابان${ZWNJ}ها`, city: 'Tehran' }, notes: `क्${ZWJ}ष`,
    }), lambdaContext());
    expect(res.statusCode).toBe(200);
  });
});

describe('the read routes', () => {
  const reader = new MemoryReader();
  // Stored before ids refused format characters: its customer id and a product id hold one.
  reader.put(storedOrder('o-before', 'cust\u200b-old', Date.UTC(2026, 0, 1), {
    items: { L: [{ M: { productId: { S: 'prod\u202e-1' }, quantity: { N: '1' }, price: { N: '1.00' } } }] },
    totalAmount: { N: '1.00' },
  }));
  const handler = conforming(createReadHandler({
    config: { tableName: 'orders', logLevel: 'ERROR', access: 'IAM' },
    reader,
    logger: createLogger('ERROR', lineSink().write),
  }));

  test.each([
    ['orderId', getOrderEvent('o-\u2066x')],
    ['customerId', listOrdersEvent('cust\u200b-old')],
  ])('a path %s with format characters is 400 naming it', async (field, event) => {
    const res = await handler(event, lambdaContext());
    expect(res.statusCode).toBe(400);
    expect(parseBody(res as { body: string })).toMatchObject({ field, rule: 'characters' });
  });

  test('an order stored before the rule is still read by its id, verbatim', async () => {
    const res = await handler(getOrderEvent('o-before'), lambdaContext());
    expect(res.statusCode).toBe(200);
    const order = parseBody(res as { body: string }).order as { customerId: string; items: { productId: string }[] };
    expect(order.customerId).toBe('cust\u200b-old');
    expect(order.items[0].productId).toBe('prod\u202e-1');
  });
});
