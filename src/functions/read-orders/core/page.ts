/**
 * Pages of a customer's orders. The function asks DynamoDB for one order more than the client's `limit`: when it
 * arrives, there is a next page and its start is the last order shown, so the last page ends with `nextCursor: null`
 * instead of an extra empty page. When DynamoDB stops early (its 1 MB page limit), its own LastEvaluatedKey is the
 * start of the next page and the page is shorter than `limit`.
 */
import { MalformedOrderError, StoredItem } from '../../model/order-view';

/**
 * Where a page of the CustomerOrderIndex stops: the index key (customerId, orderTimestamp) and the table key
 * (orderId), which together are DynamoDB's ExclusiveStartKey for a query on the index.
 */
export interface PageKey {
  readonly customerId: string;
  /** Epoch milliseconds as DynamoDB's number text. */
  readonly orderTimestamp: string;
  readonly orderId: string;
}

export interface Page {
  readonly items: readonly StoredItem[];
  /** Start of the next page; undefined on the last page. */
  readonly nextKey?: PageKey;
}

/** How many orders to ask DynamoDB for, to know whether a page of `limit` orders is the last one. */
export function queryLimit(limit: number): number {
  return limit + 1;
}

/** The index and table key of a stored order. */
export function pageKeyOf(item: StoredItem): PageKey {
  const customerId = item.customerId?.S;
  const orderTimestamp = item.orderTimestamp?.N;
  const orderId = item.orderId?.S;
  if (customerId === undefined) throw new MalformedOrderError('customerId');
  if (orderTimestamp === undefined) throw new MalformedOrderError('orderTimestamp');
  if (orderId === undefined) throw new MalformedOrderError('orderId');
  return { customerId, orderTimestamp, orderId };
}

/** The page to answer from what a query with {@link queryLimit} returned. */
export function pageOf(items: readonly StoredItem[], lastKey: PageKey | undefined, limit: number): Page {
  if (items.length > limit) {
    const shown = items.slice(0, limit);
    return { items: shown, nextKey: pageKeyOf(shown[limit - 1]) };
  }
  return lastKey === undefined ? { items } : { items, nextKey: lastKey };
}
