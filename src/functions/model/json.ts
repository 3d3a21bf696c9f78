/**
 * A strict JSON parser (RFC 8259) that keeps every number as its source text. JSON.parse turns 29.99 into the
 * binary double 29.989999999999998... and loses the difference between `1.005` and `1.00500000000000001`; money must
 * be read from the text the client sent. (JSON.parse's source-text access arrived after Node 20.) It also rejects
 * duplicate keys (JSON.parse silently keeps the last one, which would let a validated and a stored value differ)
 * and limits nesting depth. Bodies are at most 32 KiB, so a simple recursive descent is fast enough (microseconds).
 */

/** A JSON number, exactly as written. */
export class JsonNumber {
  constructor(public readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
/** An object without prototype, so keys such as `__proto__` or `constructor` are plain data. */
export interface JsonObject { [key: string]: JsonValue }

export class JsonSyntaxError extends Error {
  public readonly name = 'JsonSyntaxError';
  constructor(message: string, public readonly position: number) {
    super(`${message} at position ${position}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t' };

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

export function parseJson(text: string, maxDepth: number): JsonValue {
  let pos = 0;

  const fail = (message: string): never => { throw new JsonSyntaxError(message, pos); };
  const skipWs = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('Control character in string');
      if (c === 0x5c) {
        out += text.slice(start, pos);
        const e = text[pos + 1];
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid unicode escape');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          pos += 2;
        } else {
          fail('Invalid escape');
        }
        start = pos;
      } else {
        pos++;
      }
    }
  };

  const parseValue = (depth: number): JsonValue => {
    skipWs();
    const c = text[pos];
    if (c === '{') return parseObject(depth + 1);
    if (c === '[') return parseArray(depth + 1);
    if (c === '"') return parseString();
    if (text.startsWith('true', pos)) { pos += 4; return true; }
    if (text.startsWith('false', pos)) { pos += 5; return false; }
    if (text.startsWith('null', pos)) { pos += 4; return null; }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) {
      pos += m[0].length;
      return new JsonNumber(m[0]);
    }
    return fail(pos >= text.length ? 'Unexpected end of input' : 'Unexpected token');
  };

  const parseObject = (depth: number): JsonObject => {
    if (depth > maxDepth) fail('Nesting too deep');
    pos++;
    const obj: JsonObject = Object.create(null);
    skipWs();
    if (text[pos] === '}') { pos++; return obj; }
    for (;;) {
      skipWs();
      if (text[pos] !== '"') fail('Expected a property name');
      const keyPos = pos;
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(obj, key)) { pos = keyPos; fail(`Duplicate key "${key.slice(0, 64)}"`); }
      skipWs();
      if (text[pos] !== ':') fail('Expected ":"');
      pos++;
      obj[key] = parseValue(depth);
      skipWs();
      if (text[pos] === ',') { pos++; continue; }
      if (text[pos] === '}') { pos++; return obj; }
      fail('Expected "," or "}"');
    }
  };

  const parseArray = (depth: number): JsonValue[] => {
    if (depth > maxDepth) fail('Nesting too deep');
    pos++;
    const arr: JsonValue[] = [];
    skipWs();
    if (text[pos] === ']') { pos++; return arr; }
    for (;;) {
      arr.push(parseValue(depth));
      skipWs();
      if (text[pos] === ',') { pos++; continue; }
      if (text[pos] === ']') { pos++; return arr; }
      fail('Expected "," or "]"');
    }
  };

  // A UTF-8 byte order mark is not JSON (RFC 8259 section 8.1 lets parsers ignore it; we are lenient here).
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  const value = parseValue(0);
  skipWs();
  if (pos !== text.length) fail('Unexpected data after the JSON value');
  return value;
}

/**
 * JSON text for a {@link JsonValue}: like JSON.stringify, except that a {@link JsonNumber} is written as its own
 * text, so an amount read as "109.97" leaves as `109.97` whatever a double would print. The text of a JsonNumber
 * comes from {@link parseJson} or from a checked stored number, so it is always a valid JSON number.
 */
export function stringifyJson(value: JsonValue): string {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const key of Object.keys(value)) parts.push(`${JSON.stringify(key)}:${stringifyJson(value[key])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}
