import { ClientError } from '../../../../src/functions/model/errors';
import { encodeCursor } from '../../../../src/functions/read-orders/core/cursor';
import { parseLimit, readGetOrderRequest, readListOrdersRequest } from '../../../../src/functions/read-orders/core/read-request';
import { getOrderEvent, listOrdersEvent } from '../support';

function rejection(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ClientError)) throw e;
    return [e.statusCode, e.field, e.rule];
  }
  throw new Error('expected a ClientError');
}

describe('GET /orders/{orderId}', () => {
  test('IAM access: the id, no owner', () => {
    expect(readGetOrderRequest(getOrderEvent('o-1'), 'IAM')).toEqual({ orderId: 'o-1' });
  });
  test('token access: the token subject is the owner', () => {
    expect(readGetOrderRequest(getOrderEvent('o-1', { sub: 'cust-1' }), 'TOKEN_OWNER')).toEqual({ orderId: 'o-1', owner: 'cust-1' });
  });
  test.each<[string, () => unknown, unknown[]]>([
    ['no token subject behind an authorizer', () => readGetOrderRequest(getOrderEvent('o-1'), 'TOKEN_OWNER'), [403, 'Authorization', 'tokenSubject']],
    ['an unusable subject', () => readGetOrderRequest(getOrderEvent('o-1', { sub: 42 }), 'TOKEN_OWNER'), [403, 'customerId', 'tokenSubject']],
    ['an id over 128 characters', () => readGetOrderRequest(getOrderEvent('o'.repeat(129)), 'IAM'), [400, 'orderId', 'maxLength']],
    ['a blank id', () => readGetOrderRequest(getOrderEvent('  '), 'IAM'), [400, 'orderId', 'notEmpty']],
    ['a control character', () => readGetOrderRequest(getOrderEvent('o\u0000'), 'IAM'), [400, 'orderId', 'characters']],
    ['a query parameter', () => readGetOrderRequest(getOrderEvent('o-1', { query: { fields: 'all' } }), 'IAM'), [400, 'fields', 'unknownParameter']],
  ])('%s', (_name, f, expected) => {
    expect(rejection(f)).toEqual(expected);
  });
});

describe('GET /customers/{customerId}/orders', () => {
  test('defaults: limit 20, no start key', () => {
    expect(readListOrdersRequest(listOrdersEvent('cust-1'), 'IAM')).toEqual({ customerId: 'cust-1', limit: 20 });
  });
  test('limit and cursor', () => {
    const key = { customerId: 'cust-1', orderTimestamp: '5', orderId: 'o-5' };
    expect(readListOrdersRequest(listOrdersEvent('cust-1', { query: { limit: '10', cursor: encodeCursor(key) } }), 'IAM'))
      .toEqual({ customerId: 'cust-1', limit: 10, startKey: key });
  });
  test('token access: only the token\'s own customer', () => {
    expect(readListOrdersRequest(listOrdersEvent('cust-1', { sub: 'cust-1' }), 'TOKEN_OWNER').customerId).toBe('cust-1');
    expect(rejection(() => readListOrdersRequest(listOrdersEvent('cust-2', { sub: 'cust-1' }), 'TOKEN_OWNER'))).toEqual([403, 'customerId', 'matchesToken']);
    expect(rejection(() => readListOrdersRequest(listOrdersEvent('cust-1'), 'TOKEN_OWNER'))).toEqual([403, 'Authorization', 'tokenSubject']);
  });
  test('IAM access ignores any subject: the caller is a service', () => {
    expect(readListOrdersRequest(listOrdersEvent('cust-2', { sub: 'cust-1' }), 'IAM').customerId).toBe('cust-2');
  });
  test.each<[string, Record<string, string>, unknown[]]>([
    ['limit 0', { limit: '0' }, [400, 'limit', 'min']],
    ['limit 101', { limit: '101' }, [400, 'limit', 'max']],
    ['limit -1', { limit: '-1' }, [400, 'limit', 'integer']],
    ['limit 2.5', { limit: '2.5' }, [400, 'limit', 'integer']],
    ['limit empty', { limit: '' }, [400, 'limit', 'integer']],
    ['limit twice (API Gateway joins repeats with a comma)', { limit: '10,20' }, [400, 'limit', 'integer']],
    ['limit a word', { limit: 'all' }, [400, 'limit', 'integer']],
    ['a cursor of another customer', { cursor: encodeCursor({ customerId: 'cust-2', orderTimestamp: '1', orderId: 'o' }) }, [400, 'cursor', 'query']],
    ['an unknown parameter', { page: '2' }, [400, 'page', 'unknownParameter']],
  ])('%s', (_name, query, expected) => {
    expect(rejection(() => readListOrdersRequest(listOrdersEvent('cust-1', { query }), 'IAM'))).toEqual(expected);
  });
  test('a customer id over 128 characters', () => {
    expect(rejection(() => readListOrdersRequest(listOrdersEvent('c'.repeat(129)), 'IAM'))).toEqual([400, 'customerId', 'maxLength']);
  });
});

test.each([['1', 1], ['20', 20], ['100', 100], ['007', 7]])('limit %s is %d', (text, n) => {
  expect(parseLimit(text)).toBe(n);
});
