import { formatMinorUnits, minorToMajorNumber, toScaledInteger } from '../../../src/functions/model/money';
import { seeded } from '../create-order/support';


describe('toScaledInteger (cents from JSON number text)', () => {
  test.each([
    ['29.99', 2999], ['49.99', 4999], ['109.97', 10997], ['0', 0], ['0.00', 0], ['-0', 0], ['-0.00', 0], ['0e10', 0],
    ['1e2', 10000], ['1E2', 10000], ['1e+2', 10000], ['1.5e1', 1500], ['1e-2', 1], ['12e-1', 120], ['2.50', 250],
    ['2.500000', 250], ['1e00000000002', 10000], ['0.1', 10], ['0.01', 1], ['100000000', 10000000000], ['9999999999999.99', 999999999999999],
  ])('%s -> %i cents', (text, cents) => {
    expect(toScaledInteger(text, 2)).toBe(cents);
  });

  test.each([
    ['29.999', 'decimals'], ['0.001', 'decimals'], ['1e-3', 'decimals'], ['29.990000000000000001', 'decimals'],
    ['-0.01', 'negative'], ['-1e2', 'negative'], ['1e400', 'range'], ['1e9999999999', 'range'],
    ['10000000000000000', 'range'], ['1e-9999999999', 'decimals'], ['abc', 'range'],
  ])('%s -> %s', (text, problem) => {
    expect(toScaledInteger(text, 2)).toBe(problem);
  });

  test('scale 0 reads whole numbers', () => {
    expect(toScaledInteger('2', 0)).toBe(2);
    expect(toScaledInteger('2.0', 0)).toBe(2);
    expect(toScaledInteger('2e3', 0)).toBe(2000);
    expect(toScaledInteger('1.5', 0)).toBe('decimals');
  });

  test('0.1 + 0.2 in cents is exactly 0.3', () => {
    const sum = (toScaledInteger('0.1', 2) as number) + (toScaledInteger('0.2', 2) as number);
    expect(sum).toBe(toScaledInteger('0.3', 2));
    expect(0.1 + 0.2).not.toBe(0.3); // why floats are not used
  });

  test('property: any cents value survives text -> cents -> text -> number -> JSON', () => {
    const rand = seeded(42);
    for (let i = 0; i < 20_000; i++) {
      const cents = Math.floor(rand() * 1_000_000_000_01);
      const text = formatMinorUnits(cents);
      expect(toScaledInteger(text, 2)).toBe(cents);
      // The response echoes Number(text); JSON must print the same decimal text.
      expect(JSON.stringify(Number(text))).toBe(text);
      expect(minorToMajorNumber(cents)).toBe(Number(text));
      // The same value written with an exponent or trailing zeros reads the same.
      expect(toScaledInteger(`${text.includes('.') ? text : text + '.0'}00`, 2)).toBe(cents);
      expect(toScaledInteger(`${cents}e-2`, 2)).toBe(cents);
    }
  });
});

describe('formatMinorUnits', () => {
  test.each([[10997, '109.97'], [2990, '29.9'], [3000, '30'], [1, '0.01'], [10, '0.1'], [0, '0'], [1_000_000_000, '10000000']])(
    '%i -> %s', (cents, text) => { expect(formatMinorUnits(cents)).toBe(text); });
});
