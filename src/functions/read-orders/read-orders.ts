/**
 * The read API: `GET /orders/{orderId}` (one consistent GetItem) and `GET /customers/{customerId}/orders` (one Query
 * of CustomerOrderIndex, newest first). Every dependency is an argument, so the same code runs on Lambda (entry.ts),
 * in unit tests and locally.
 *
 * Status codes: 200; 400 a bad path, parameter, limit or cursor (naming it); 403 no usable token subject, or a list
 * for another customer than the token's; 404 no such order (or another customer's, so existence does not leak);
 * 503 DynamoDB throttled, timed out or unreachable; 500 DynamoDB refused, or a stored item is not an order. A bug
 * is rethrown after an ERROR log, so Lambda's Errors metric and X-Ray record it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { encodeCursor } from './core/cursor';
import { pageOf, queryLimit } from './core/page';
import { GetOrderRequest, ListOrdersRequest, readGetOrderRequest, readListOrdersRequest } from './core/read-request';
import { orderFound, orderNotFound, ordersPage, readClientError, readFailed, readUnavailable } from './core/responses';
import { OrderReader, ReadApiConfig } from './ports';
import { API_ROUTES, routeKey } from '../../contract/platform';
import { ClientError, StoreFaultError, StoreUnavailableError } from '../model/errors';
import { MalformedOrderError, orderApiView, storedVersion } from '../model/order-view';
import { Response } from '../model/responses';
import { deadline } from '../runtime/deadline';
import { errorFields, Logger } from '../runtime/ports';

export interface ReadOrdersDeps {
  readonly config: ReadApiConfig;
  readonly reader: OrderReader;
  readonly logger: Logger;
}

export type ReadHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const GET_ORDER = routeKey(API_ROUTES.getOrder);
const LIST_ORDERS = routeKey(API_ROUTES.listCustomerOrders);

/** A failure already answered: the store or the data, not the request. */
class Answered extends Error {
  constructor(public readonly response: Response) { super('answered'); }
}

export function createReadHandler(deps: ReadOrdersDeps): ReadHandler {
  const access = deps.config.access;

  return async (event, context) => {
    const log = deps.logger.child({ requestId: context.awsRequestId });
    try {
      if (event.routeKey === GET_ORDER) return await getOrder(event, context, log);
      if (event.routeKey === LIST_ORDERS) return await listOrders(event, context, log);
      throw new Error(`The read function does not serve route ${JSON.stringify(String(event.routeKey).slice(0, 100))}`);
    } catch (e) {
      if (e instanceof Answered) return e.response;
      // Only bugs (and a misrouted integration) get here.
      log.error('Read failed', errorFields(e));
      throw e;
    }
  };

  function rejected(log: Logger, e: unknown): Response {
    if (!(e instanceof ClientError)) throw e;
    log.info('Read rejected', { statusCode: e.statusCode, field: e.field, rule: e.rule });
    return readClientError(e);
  }

  /** Runs one store call within the invocation's deadline; store errors become 503/500 answers. */
  async function fromStore<T>(log: Logger, context: Context, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), deadline(context));
    try {
      return await call(abort.signal);
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        log.error('Orders not read', errorFields(e.cause));
        throw new Answered(readUnavailable());
      }
      if (e instanceof StoreFaultError) {
        log.error('Orders not read', errorFields(e.cause));
        throw new Answered(readFailed());
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  function view(log: Logger, build: () => Response): Response {
    try {
      return build();
    } catch (e) {
      if (!(e instanceof MalformedOrderError)) throw e;
      log.error('Stored item is not a well-formed order', { attribute: e.attribute });
      return readFailed();
    }
  }

  async function getOrder(event: APIGatewayProxyEventV2, context: Context, log: Logger): Promise<Response> {
    let request: GetOrderRequest;
    try {
      request = readGetOrderRequest(event, access);
    } catch (e) {
      return rejected(log, e);
    }
    const olog = log.child({ orderId: request.orderId });
    const item = await fromStore(olog, context, (signal) => deps.reader.getOrder(request.orderId, signal));
    // Another customer's order answers exactly like a missing one.
    if (item === undefined || (request.owner !== undefined && item.customerId?.S !== request.owner)) {
      olog.info('Order not found', { statusCode: 404 });
      return orderNotFound();
    }
    return view(olog, () => {
      const response = orderFound(orderApiView(item), storedVersion(item));
      olog.info('Order read', { statusCode: 200 });
      return response;
    });
  }

  async function listOrders(event: APIGatewayProxyEventV2, context: Context, log: Logger): Promise<Response> {
    let request: ListOrdersRequest;
    try {
      request = readListOrdersRequest(event, access);
    } catch (e) {
      return rejected(log, e);
    }
    const result = await fromStore(log, context, (signal) => deps.reader.queryCustomerOrders({
      customerId: request.customerId,
      limit: queryLimit(request.limit),
      ...(request.startKey !== undefined && { startKey: request.startKey }),
    }, signal));
    return view(log, () => {
      const page = pageOf(result.items, result.lastKey, request.limit);
      const response = ordersPage(page.items.map(orderApiView), page.nextKey === undefined ? null : encodeCursor(page.nextKey));
      // Never the customer id or the cursor: counts only.
      log.info('Orders listed', { statusCode: 200, count: page.items.length, more: page.nextKey !== undefined, resumed: request.startKey !== undefined });
      return response;
    });
  }
}
