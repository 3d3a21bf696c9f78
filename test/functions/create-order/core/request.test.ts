import { checkContentType, decodeBody, header, readRequest } from '../../../../src/functions/create-order/core/request';
import { ClientError } from '../../../../src/functions/model/errors';
import { MAX_BODY_BYTES } from '../../../../src/functions/model/limits';
import { orderEvent } from '../support';

const status = (f: () => unknown) => {
  try { f(); return 'ok'; } catch (e) { return (e as ClientError).statusCode; }
};

describe('body size limit (32 KiB)', () => {
  test.each([
    ['exactly the limit', 'x'.repeat(MAX_BODY_BYTES), false, 'ok'],
    ['one byte over', 'x'.repeat(MAX_BODY_BYTES + 1), false, 413],
    ['multi-byte characters counted in UTF-8 bytes', 'é'.repeat(MAX_BODY_BYTES / 2), false, 'ok'],
    ['multi-byte characters one byte over', 'é'.repeat(MAX_BODY_BYTES / 2) + 'x', false, 413],
    ['base64 at the limit', Buffer.alloc(MAX_BODY_BYTES, 'x').toString('base64'), true, 'ok'],
    ['base64 one byte over', Buffer.alloc(MAX_BODY_BYTES + 1, 'x').toString('base64'), true, 413],
    ['a 10 MB base64 body', 'A'.repeat(10 * 1024 * 1024), true, 413],
  ])('%s -> %s', (_name, body, isBase64Encoded, expected) => {
    expect(status(() => decodeBody({ body, isBase64Encoded }))).toBe(expected);
  });

  test('base64 is decoded as UTF-8', () => {
    expect(decodeBody({ body: Buffer.from('{"a":"é"}').toString('base64'), isBase64Encoded: true })).toBe('{"a":"é"}');
  });
});

describe('headers', () => {
  test('lookup is case-insensitive (payload 2.0 lower-cases, other adapters may not)', () => {
    expect(header({ headers: { 'Content-Type': 'application/json' } }, 'content-type')).toBe('application/json');
    expect(header({ headers: {} }, 'content-type')).toBeUndefined();
    expect(header({} as never, 'content-type')).toBeUndefined();
  });

  test.each([
    ['application/json', 'ok'], ['application/json; charset=utf-8', 'ok'], ['APPLICATION/JSON;CHARSET=UTF-8', 'ok'],
    ['application/json; boundary=x', 'ok'], [undefined, 415], ['', 415], ['text/json', 415],
    ['application/json; charset=utf-16', 415], ['application/problem+json', 415],
  ])('Content-Type %j -> %s', (value, expected) => {
    expect(status(() => checkContentType(value))).toBe(expected);
  });

  test('the idempotency key and token subject are read', () => {
    const r = readRequest(orderEvent({}, { headers: { 'content-type': 'application/json', 'Idempotency-Key': 'A-z_09' }, sub: 'user-1' }));
    expect(r).toEqual({ bodyText: '{}', idempotencyKey: 'A-z_09', tokenSubject: 'user-1' });
  });

  test('a 128-character key is accepted', () => {
    expect(status(() => readRequest(orderEvent({}, { headers: { 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(128) } })))).toBe('ok');
  });

  test('a non-string sub claim is refused (403)', () => {
    expect(status(() => readRequest(orderEvent({}, { sub: 12345 })))).toBe(403);
  });
});
