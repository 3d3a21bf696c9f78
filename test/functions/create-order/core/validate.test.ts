import { looksLikeCardNumber, validateOrder } from '../../../../src/functions/create-order/core/validate';
import { ClientError } from '../../../../src/functions/model/errors';
import { parseJson } from '../../../../src/functions/model/json';
import { MAX_ITEMS, MAX_PRICE_CENTS, MAX_QUANTITY, MAX_TOTAL_CENTS } from '../../../../src/functions/model/limits';
import { seeded } from '../support';

const validate = (text: string, sub?: string) => validateOrder(parseJson(text, 8), sub);

describe('validateOrder', () => {
  test('the limits keep every sum an exact integer', () => {
    expect(MAX_ITEMS * MAX_QUANTITY * MAX_PRICE_CENTS).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(MAX_TOTAL_CENTS).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  test('normalizes to cents', () => {
    expect(validate('{"customerId":"c","items":[{"productId":"p","quantity":3,"price":0.1}],"totalAmount":0.3}'))
      .toEqual({ customerId: 'c', items: [{ productId: 'p', quantity: 3, priceCents: 10 }], totalCents: 30 });
  });

  test('the first failing field is reported', () => {
    try {
      validate('{"customerId":"","items":[]}');
      throw new Error('expected a ClientError');
    } catch (e) {
      expect(e).toBeInstanceOf(ClientError);
      expect((e as ClientError).field).toBe('customerId');
    }
  });

  test('property: a random valid order passes and its total is the exact sum', () => {
    const rand = seeded(2024);
    for (let i = 0; i < 3_000; i++) {
      const n = 1 + Math.floor(rand() * 10);
      const items = Array.from({ length: n }, (_, j) => ({
        productId: `p${j}`, quantity: 1 + Math.floor(rand() * 50), cents: Math.floor(rand() * 100_000),
      }));
      const total = items.reduce((s, it) => s + it.quantity * it.cents, 0);
      const text = `{"customerId":"c","items":[${items.map((it) => `{"productId":"${it.productId}","quantity":${it.quantity},"price":${(it.cents / 100).toFixed(2)}}`).join(',')}],"totalAmount":${(total / 100).toFixed(2)}}`;
      expect(validate(text).totalCents).toBe(total);
      // One cent off is always caught.
      const off = text.replace(/"totalAmount":[^}]+/, `"totalAmount":${((total + 1) / 100).toFixed(2)}`);
      expect(() => validate(off)).toThrow(/sum/);
    }
  });
});

describe('looksLikeCardNumber', () => {
  test.each([['4111111111111111', true], ['4111 1111 1111 1111', true], ['5500-0000-0000-0004', true], ['4111111111111112', false], ['card', false], ['pm_4111111111111111', false], ['12345', false]])(
    '%s -> %s', (s, expected) => { expect(looksLikeCardNumber(s)).toBe(expected); });
});
