import { isJsonObject, JsonNumber, JsonSyntaxError, parseJson } from '../../../src/functions/model/json';

describe('parseJson', () => {
  test('keeps number text exactly and parses like JSON.parse otherwise', () => {
    const v = parseJson('{"a":[1,-0,29.99,1e2,1.0E-2,0.1000000000000000055511151231257827],"b":"x\\u00e9\\n\\"","c":true,"d":false,"e":null}', 8);
    expect(isJsonObject(v)).toBe(true);
    const o = v as Record<string, unknown>;
    expect((o.a as JsonNumber[]).map((n) => n.text)).toEqual(['1', '-0', '29.99', '1e2', '1.0E-2', '0.1000000000000000055511151231257827']);
    expect(o.b).toBe('xé\n"');
    expect([o.c, o.d, o.e]).toEqual([true, false, null]);
  });

  test('objects have no prototype: __proto__ is plain data', () => {
    const v = parseJson('{"__proto__":{"polluted":true},"constructor":1}', 8) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    '', ' ', '{', '{"a":1,}', '[1,]', '{"a" 1}', '{a:1}', "{'a':1}", '01', '1.', '.5', '-', '+1', '1e', 'NaN', 'Infinity',
    '"\\x"', '"\\u12"', '"a\nb"', 'tru', 'nul', '{"a":1}x', '{"a":1,"a":2}', '[1 2]', '\u00a0{}',
  ])('rejects %j', (text) => {
    expect(() => parseJson(text, 8)).toThrow(JsonSyntaxError);
  });

  test('limits depth', () => {
    expect(() => parseJson('[[[]]]', 3)).not.toThrow();
    expect(() => parseJson('[[[[]]]]', 3)).toThrow(/too deep/);
    expect(() => parseJson('{"a":{"b":{"c":{}}}}', 3)).toThrow(/too deep/);
  });

  test('property: agrees with JSON.parse on random documents (numbers compared by value)', () => {
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const gen = (d: number): unknown => {
      const r = rand();
      if (d > 3 || r < 0.3) return Math.round((rand() - 0.5) * 1e6) / 100;
      if (r < 0.45) return 'str\u00e9"\\' + Math.floor(rand() * 100);
      if (r < 0.5) return rand() < 0.5;
      if (r < 0.55) return null;
      if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(d + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`k${i}`, gen(d + 1)]));
    };
    const plain = (v: unknown): unknown => v instanceof JsonNumber ? Number(v.text)
      : Array.isArray(v) ? v.map(plain)
        : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;
    for (let i = 0; i < 2_000; i++) {
      const text = JSON.stringify(gen(0), null, i % 2 ? 2 : undefined);
      expect(plain(parseJson(text, 10))).toEqual(JSON.parse(text));
    }
  });
});
