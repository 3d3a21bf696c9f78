import { canonicalJson, idempotentOrderId, ORDER_ID_NAMESPACE, requestHash, uuidV5 } from '../../../../src/functions/create-order/core/idempotency';
import { ValidOrder } from '../../../../src/functions/create-order/core/order';
import { validateOrder } from '../../../../src/functions/create-order/core/validate';
import { parseJson } from '../../../../src/functions/model/json';
import { seeded } from '../support';

describe('uuidV5', () => {
  test('matches the RFC 4122 appendix B example (DNS namespace, "www.example.com")', () => {
    // Known value, also produced by Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com').
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('order ids are deterministic, version 5, and differ per customer and key', () => {
    const a = idempotentOrderId('cust-1', 'key-1');
    expect(idempotentOrderId('cust-1', 'key-1')).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentOrderId('cust-2', 'key-1')).not.toBe(a);
    expect(idempotentOrderId('cust-1', 'key-2')).not.toBe(a);
    // "key:customer" cannot be ambiguous: keys have no ':'.
    expect(idempotentOrderId('b:c', 'a')).not.toBe(idempotentOrderId('c', 'a_b'));
    expect(ORDER_ID_NAMESPACE).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('property: no collisions over 20,000 (customer, key) pairs', () => {
    const seen = new Set<string>();
    for (let c = 0; c < 200; c++) for (let k = 0; k < 100; k++) seen.add(idempotentOrderId(`cust-${c}`, `k${k}`));
    expect(seen.size).toBe(20_000);
  });
});

describe('request hash', () => {
  const order: ValidOrder = {
    customerId: 'c',
    items: [{ productId: 'p', quantity: 2, priceCents: 2999 }],
    totalCents: 5998,
    shippingAddress: { street: 's', city: 'x' },
  };

  test('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });

  test('is independent of key order, sensitive to every value', () => {
    const h = requestHash(order);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash({ totalCents: 5998, shippingAddress: { city: 'x', street: 's' }, items: order.items, customerId: 'c' })).toBe(h);
    expect(requestHash({ ...order, notes: '' })).not.toBe(h);
    expect(requestHash({ ...order, shippingAddress: { street: 's', city: 'y' } })).not.toBe(h);
    expect(requestHash({ ...order, items: [{ productId: 'p', quantity: 1, priceCents: 2999 }] })).not.toBe(h);
    expect(requestHash({ ...order, customerId: 'd' })).not.toBe(h);
  });
});

describe('request hash over raw bodies', () => {
  // Rewrites a JSON document with every object's keys shuffled and numbers respelled (trailing zeros, exponent).
  function respell(value: unknown, rand: () => number): string {
    if (Array.isArray(value)) return `[${value.map((v) => respell(v, rand)).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).sort(() => rand() - 0.5);
      return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)} : ${respell(v, rand)}`).join(' ,\n')} }`;
    }
    if (typeof value === 'number') {
      const r = rand();
      return r < 0.3 ? `${value}0` .replace(/^(\d+)0$/, '$1.0') : r < 0.6 ? `${Math.round(value * 100)}e-2` : String(value);
    }
    return JSON.stringify(value);
  }

  test('property: key order, whitespace and number spelling never change the hash', () => {
    const rand = seeded(99);
    const body = {
      customerId: 'c-1',
      totalAmount: 109.97,
      notes: 'n',
      items: [{ productId: 'prod-1', quantity: 2, price: 29.99 }, { productId: 'prod-2', quantity: 1, price: 49.99 }],
      shippingAddress: { street: '1 Main St', city: 'Anytown', state: 'NY', zipCode: '12345' },
    };
    const expected = requestHash(validateOrder(parseJson(JSON.stringify(body), 8)));
    for (let i = 0; i < 500; i++) {
      expect(requestHash(validateOrder(parseJson(respell(body, rand), 8)))).toBe(expected);
    }
  });
});
