import { MalformedOrderError } from '../../../../src/functions/model/order-view';
import { pageKeyOf, pageOf, queryLimit } from '../../../../src/functions/read-orders/core/page';
import { storedOrder } from '../support';

const items = Array.from({ length: 11 }, (_, i) => storedOrder(`o-${i}`, 'c', 2000 - i));

test('asks for one more than the page, so the last page needs no extra request', () => {
  expect(queryLimit(10)).toBe(11);
});

test('one more than the limit arrived: the page is cut and the next starts after its last order', () => {
  const page = pageOf(items, pageKeyOf(items[10]), 10);
  expect(page.items).toHaveLength(10);
  expect(page.nextKey).toEqual({ customerId: 'c', orderTimestamp: '1991', orderId: 'o-9' });
});

test('no more than the limit and no LastEvaluatedKey: the last page', () => {
  expect(pageOf(items.slice(0, 7), undefined, 10)).toEqual({ items: items.slice(0, 7) });
  expect(pageOf(items.slice(0, 10), undefined, 10).nextKey).toBeUndefined();
});

test('DynamoDB stopped early (1 MB): a shorter page that continues where DynamoDB stopped', () => {
  const page = pageOf(items.slice(0, 3), pageKeyOf(items[2]), 10);
  expect(page.items).toHaveLength(3);
  expect(page.nextKey).toEqual(pageKeyOf(items[2]));
});

test('an item without its key attributes is not an order', () => {
  const { orderTimestamp, ...broken } = items[0];
  expect(() => pageKeyOf(broken)).toThrow(MalformedOrderError);
});
