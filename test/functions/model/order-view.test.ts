import { stringifyJson } from '../../../src/functions/model/json';
import { MalformedOrderError, orderView, orderViewSchema, storedTotalCents, StoredItem } from '../../../src/functions/model/order-view';

const stored: StoredItem = {
  orderId: { S: 'b3c1e2d4-0000-4000-8000-000000000001' },
  customerId: { S: 'cust-12345' },
  items: { L: [{ M: { productId: { S: 'prod-1' }, quantity: { N: '3' }, price: { N: '29.99' } } }] },
  totalAmount: { N: '89.97' },
  totalAmountCents: { N: '8997' },
  currency: { S: 'USD' },
  status: { S: 'pending' },
  orderTimestamp: { N: '1764583200000' },
  createdAt: { S: '2025-12-01T10:00:00.000Z' },
  shippingAddress: { M: { street: { S: '1 Main St' }, city: { S: 'Springfield' } } },
  notes: { S: '' },
  idempotencyKey: { S: 'key-1' },
  requestHash: { S: 'abc' },
  ttl: { N: '1767175200' },
};

describe('orderView', () => {
  test('keeps the public attributes and drops requestHash, idempotencyKey, ttl and totalAmountCents', () => {
    const view = JSON.parse(stringifyJson(orderView(stored)));
    expect(Object.keys(view).sort()).toEqual([
      'createdAt', 'currency', 'customerId', 'items', 'notes', 'orderId', 'orderTimestamp', 'shippingAddress', 'status', 'totalAmount',
    ]);
    expect(view.shippingAddress).toEqual({ street: '1 Main St', city: 'Springfield' });
  });

  test('writes stored numbers as their exact decimal text', () => {
    const text = stringifyJson(orderView({ ...stored, totalAmount: { N: '109.97' }, orderTimestamp: { N: '1764583200123' } }));
    expect(text).toContain('"totalAmount":109.97,');
    expect(text).toContain('"price":29.99}');
    expect(text).toContain('"orderTimestamp":1764583200123,');
  });

  test('names the attribute of an item this platform did not write', () => {
    const { customerId, ...noCustomer } = stored;
    expect(() => orderView(noCustomer)).toThrow(new MalformedOrderError('customerId'));
    expect(() => orderView({ ...stored, totalAmount: { S: '1' } })).toThrow(/"totalAmount"/);
    expect(() => orderView({ ...stored, totalAmount: { N: 'NaN' } })).toThrow(/"totalAmount"/);
    expect(() => orderView({ ...stored, items: { L: [] } })).toThrow(/"items"/);
    expect(() => orderView({ ...stored, items: { L: [{ M: { productId: { S: 'p' }, quantity: { N: '1' } } }] } })).toThrow(/items\[0\]\.price/);
  });

  test('storedTotalCents reads the integer cents', () => {
    expect(storedTotalCents(stored).text).toBe('8997');
  });

  test('the schema lists every attribute the view can carry, and requires the ones it always has', () => {
    const schema = orderViewSchema() as { required: string[]; properties: Record<string, unknown> };
    const view = orderView(stored);
    for (const key of Object.keys(view)) expect(schema.properties).toHaveProperty(key);
    expect(schema.required.every((k) => k in view)).toBe(true);
  });
});

describe('stringifyJson', () => {
  test('escapes strings and keys as JSON.stringify does', () => {
    expect(stringifyJson({ 'a"b': ['x\n', null, true] })).toBe(JSON.stringify({ 'a"b': ['x\n', null, true] }));
  });
});
