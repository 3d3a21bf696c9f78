/** Builders shared by the read API tests: GET events (payload 2.0), stored items, an in-memory reader. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { API_ROUTES, routeKey } from '../../../src/contract/platform';
import { StoredItem } from '../../../src/functions/model/order-view';
import { PageKey, pageKeyOf } from '../../../src/functions/read-orders/core/page';
import { CustomerOrdersQuery, OrderReader, QueryPage } from '../../../src/functions/read-orders/ports';
import { httpApiEvent } from '../../../src/functions/runtime/lambda-events';
import { SEED_STORED_ATTRIBUTES } from '../create-order/support';

export const GET_ORDER = routeKey(API_ROUTES.getOrder);
export const LIST_ORDERS = routeKey(API_ROUTES.listCustomerOrders);

export interface ReadEventOptions {
  readonly query?: Record<string, string>;
  /** JWT `sub` claim, as a JWT authorizer passes it. */
  readonly sub?: unknown;
}

function readEvent(route: string, rawPath: string, pathParameters: Record<string, string>, opts: ReadEventOptions): APIGatewayProxyEventV2 {
  return httpApiEvent({
    routeKey: route,
    rawPath,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { host: 'api.example.com' },
    pathParameters,
    ...(opts.query && { queryStringParameters: opts.query }),
    requestId: 'apigw-req',
    timeEpoch: 0,
    domainName: 'api.example.com',
    accountId: '123456789012',
    apiId: 'api',
    sourceIp: '192.0.2.1',
    userAgent: 'test',
    ...(opts.sub !== undefined && { jwtClaims: { sub: opts.sub } }),
  });
}

export function getOrderEvent(orderId: string, opts: ReadEventOptions = {}): APIGatewayProxyEventV2 {
  return readEvent(GET_ORDER, `/orders/${encodeURIComponent(orderId)}`, { orderId }, opts);
}

export function listOrdersEvent(customerId: string, opts: ReadEventOptions = {}): APIGatewayProxyEventV2 {
  return readEvent(LIST_ORDERS, `/customers/${encodeURIComponent(customerId)}/orders`, { customerId }, opts);
}

/** A stored order as the order handler writes it (the seed example), with internals a view must drop. */
export function storedOrder(orderId: string, customerId: string, orderTimestamp: number, extra: Record<string, unknown> = {}): StoredItem {
  return {
    orderId: { S: orderId },
    ...SEED_STORED_ATTRIBUTES,
    customerId: { S: customerId },
    orderTimestamp: { N: String(orderTimestamp) },
    createdAt: { S: new Date(orderTimestamp).toISOString() },
    idempotencyKey: { S: 'key-1' },
    requestHash: { S: 'f'.repeat(64) },
    ttl: { N: '1767175200' },
    ...extra,
  } as StoredItem;
}

/** A reader with DynamoDB's semantics for these two calls, in memory: pages by index key, newest first. */
export class MemoryReader implements OrderReader {
  public readonly items = new Map<string, StoredItem>();
  public readonly queries: CustomerOrdersQuery[] = [];
  /** Simulates DynamoDB's 1 MB cut: at most this many items per query, with LastEvaluatedKey. */
  public maxItemsPerQuery = Infinity;

  put(...items: StoredItem[]): void {
    for (const item of items) this.items.set(item.orderId!.S!, item);
  }

  async getOrder(orderId: string): Promise<StoredItem | undefined> {
    return this.items.get(orderId);
  }

  async queryCustomerOrders(query: CustomerOrdersQuery): Promise<QueryPage> {
    this.queries.push(query);
    const sorted = [...this.items.values()]
      .filter((i) => i.customerId!.S === query.customerId)
      .sort((a, b) => compareDesc(pageKeyOf(a), pageKeyOf(b)));
    const start = query.startKey ? sorted.findIndex((i) => compareDesc(pageKeyOf(i), query.startKey!) > 0) : 0;
    const rest = start < 0 ? [] : sorted.slice(start);
    const n = Math.min(query.limit, this.maxItemsPerQuery);
    const items = rest.slice(0, n);
    const more = rest.length > n;
    return more ? { items, lastKey: pageKeyOf(items[items.length - 1]) } : { items };
  }
}

/** Newest first: by timestamp descending, then order id descending. */
function compareDesc(a: PageKey, b: PageKey): number {
  const t = Number(b.orderTimestamp) - Number(a.orderTimestamp);
  return t !== 0 ? t : b.orderId.localeCompare(a.orderId);
}
