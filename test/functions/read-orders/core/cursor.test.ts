import { ClientError } from '../../../../src/functions/model/errors';
import { MAX_CURSOR_LENGTH } from '../../../../src/functions/model/limits';
import { decodeCursor, encodeCursor } from '../../../../src/functions/read-orders/core/cursor';
import { PageKey } from '../../../../src/functions/read-orders/core/page';

const KEY: PageKey = { customerId: 'cust-12345', orderTimestamp: '1764583200123', orderId: '6f1c2a7e-1d5b-4c39-9a0e-0b6f3c2d1e4f' };

function rejection(f: () => unknown): Pick<ClientError, 'statusCode' | 'field' | 'rule'> {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ClientError)) throw e;
    return { statusCode: e.statusCode, field: e.field, rule: e.rule };
  }
  throw new Error('expected a ClientError');
}

test('round trip: the cursor stands for exactly the key it was made from', () => {
  const cursor = encodeCursor(KEY);
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeCursor(cursor, KEY.customerId)).toEqual(KEY);
});

test('opaque to the eye but not secret: it is base64url, and the digest is what protects it', () => {
  const cursor = encodeCursor(KEY);
  expect(cursor).not.toContain('cust-12345');
  expect(Buffer.from(cursor, 'base64url').toString('utf8')).toContain('"c":"cust-12345"');
});

test('every one-character edit anywhere in the cursor is refused (400, field cursor)', () => {
  const cursor = encodeCursor(KEY);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < cursor.length; i++) {
    const replacement = alphabet[(alphabet.indexOf(cursor[i]) + 1) % alphabet.length];
    const edited = cursor.slice(0, i) + replacement + cursor.slice(i + 1);
    const r = rejection(() => decodeCursor(edited, KEY.customerId));
    expect({ at: i, ...r, rule: ['integrity', 'format'].includes(r.rule) }).toEqual({ at: i, statusCode: 400, field: 'cursor', rule: true });
  }
});

test('an edit of the payload that keeps valid JSON is caught by the digest', () => {
  const bytes = Buffer.from(encodeCursor(KEY), 'base64url');
  const text = bytes.toString('latin1').replace('1764583200123', '1764583200124');
  const edited = Buffer.from(text, 'latin1').toString('base64url');
  expect(rejection(() => decodeCursor(edited, KEY.customerId))).toEqual({ statusCode: 400, field: 'cursor', rule: 'integrity' });
});

test('another customer\'s cursor is refused, even though it is intact', () => {
  const theirs = encodeCursor({ ...KEY, customerId: 'cust-other' });
  expect(rejection(() => decodeCursor(theirs, KEY.customerId))).toEqual({ statusCode: 400, field: 'cursor', rule: 'query' });
});

test.each([
  ['empty', ''],
  ['not base64url', 'abc+/='],
  ['padding', `${encodeCursor(KEY)}=`],
  ['too long', 'A'.repeat(MAX_CURSOR_LENGTH + 1)],
  ['shorter than a digest', 'AAAA'],
  ['truncated', encodeCursor(KEY).slice(0, -4)],
  ['a page number', '2'],
])('%s: 400 naming cursor', (_name, cursor) => {
  const r = rejection(() => decodeCursor(cursor, KEY.customerId));
  expect(r.statusCode).toBe(400);
  expect(r.field).toBe('cursor');
  expect(['format', 'integrity']).toContain(r.rule);
});
