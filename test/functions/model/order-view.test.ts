import { JsonNumber, stringifyJson } from '../../../src/functions/model/json';
import { MalformedOrderError, orderApiView, orderView, orderViewSchema, storedTotalCents, StoredItem } from '../../../src/functions/model/order-view';

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

describe('the API view adds the lifecycle', () => {
  const base = {
    orderId: { S: 'o-1' },
    customerId: { S: 'c-1' },
    status: { S: 'pending' },
    currency: { S: 'USD' },
    items: { L: [{ M: { productId: { S: 'p' }, quantity: { N: '1' }, price: { N: '5' } } }] },
    totalAmount: { N: '5' },
    orderTimestamp: { N: '1' },
    createdAt: { S: '2026-01-15T12:00:00.000Z' },
  };
  const entry = (status: string, at: string, by = 'service') => ({ M: { status: { S: status }, at: { S: at }, by: { S: by } } });

  test('an order stored before it: version 1, the creation entry from createdAt, updatedAt = createdAt', () => {
    expect(orderApiView(base)).toMatchObject({
      version: new JsonNumber('1'),
      updatedAt: '2026-01-15T12:00:00.000Z',
      statusHistory: [{ status: 'pending', at: '2026-01-15T12:00:00.000Z', by: 'customer' }],
    });
  });

  test('a changed pre-lifecycle order: its stored history starts at the first change, the view prepends the creation', () => {
    const item = { ...base, status: { S: 'confirmed' }, version: { N: '2' }, statusHistory: { L: [entry('confirmed', '2026-01-16T00:00:00.000Z')] } };
    expect((orderApiView(item).statusHistory as { status: string }[]).map((e) => e.status)).toEqual(['pending', 'confirmed']);
  });

  test('a new order\'s stored history is shown as stored; the audit attribute never is', () => {
    const item = {
      ...base,
      version: { N: '1' },
      statusHistory: { L: [entry('pending', '2026-01-15T12:00:00.000Z', 'customer')] },
      statusChangeAudit: { L: [{ M: { principal: { S: 'arn:aws:iam::1:role/x' } } }] },
    };
    const view = orderApiView(item);
    expect(view.statusHistory).toEqual([{ status: 'pending', at: '2026-01-15T12:00:00.000Z', by: 'customer' }]);
    expect(stringifyJson(view)).not.toContain('arn:aws:iam');
  });

  test('the event view stays as it was: none of the lifecycle fields', () => {
    const view = orderView({ ...base, version: { N: '3' }, shipment: { M: { carrier: { S: 'UPS' }, trackingNumber: { S: '1' } } } });
    for (const field of ['version', 'statusHistory', 'updatedAt', 'shipment']) expect(view).not.toHaveProperty(field);
  });

  test('a malformed version or history entry names the attribute', () => {
    expect(() => orderApiView({ ...base, version: { N: '0' } })).toThrow(/"version"/);
    expect(() => orderApiView({ ...base, statusHistory: { L: [{ M: { status: { S: 'pending' } } }] } })).toThrow(/statusHistory\[0\]/);
  });
});
