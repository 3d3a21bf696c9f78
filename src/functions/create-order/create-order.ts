/**
 * POST /orders: read the request -> validate -> one conditional write -> respond. Every dependency is an argument,
 * so the same code runs on Lambda (entry files), in unit tests (fakes or mocked SDK clients) and locally.
 *
 * Status codes: 200 created (or the original answer replayed for a retried Idempotency-Key), 400/403/413/415 client
 * errors (nothing written), 409 key reused for a different order, 503 a dependency was throttled, timed out or
 * unreachable, 500 the store refused for another reason. A bug in this code is rethrown after an ERROR log and an
 * OrderErrors metric, so Lambda's Errors metric and X-Ray record it (API Gateway then answers 500 on its own).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { idempotentOrderId, requestHash } from './core/idempotency';
import { BUSINESS_METRICS } from '../../contract/platform';
import { JsonSyntaxError, JsonValue, parseJson } from '../model/json';
import { MAX_JSON_DEPTH } from '../model/limits';
import { minorToMajorNumber } from '../model/money';
import { ValidOrder } from './core/order';
import { buildOrderRecord } from './core/order-record';
import { OrderRequest, readRequest } from './core/request';
import { clientError, Response } from '../model/responses';
import { internalError, orderCreated, serviceUnavailable } from './core/responses';
import { validateOrder } from './core/validate';
import { HandlerConfig, OrderStore, PutResult } from './ports';
import { ClientError, invalid, StoreFaultError, StoreUnavailableError } from '../model/errors';
import { deadline } from '../runtime/deadline';
import { errorFields, Logger, MetricDatum, MetricsSink } from '../runtime/ports';


export interface CreateOrderDeps {
  readonly config: HandlerConfig;
  readonly store: OrderStore;
  readonly metrics: MetricsSink;
  readonly logger: Logger;
  /** Epoch milliseconds. Default Date.now. */
  readonly clock?: () => number;
  /** Order id for requests without an Idempotency-Key. Default crypto.randomUUID. */
  readonly newOrderId?: () => string;
}

export type OrderHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function createOrderHandler(deps: CreateOrderDeps): OrderHandler {
  const clock = deps.clock ?? Date.now;
  const newOrderId = deps.newOrderId ?? randomUUID;

  const publish = async (log: Logger, data: MetricDatum[], properties: Record<string, string>) => {
    try {
      await deps.metrics.publish(data, properties);
    } catch (e) {
      // The one place a metrics failure is handled: a stored order stays a success, metrics are best effort.
      log.warn('Metrics not published', errorFields(e));
    }
  };
  const serverFault = async (log: Logger, e: unknown, properties: Record<string, string>) => {
    log.error('Order not stored', errorFields(e));
    await publish(log, [{ name: BUSINESS_METRICS.orderErrors, value: 1, unit: 'Count' }], properties);
  };

  return async (event, context) => {
    const requestId = context.awsRequestId;
    const log = deps.logger.child({ requestId });
    try {
      return await createOrder(event, context, log);
    } catch (e) {
      // Only bugs get here: every expected failure has been turned into a response.
      await serverFault(log, e, { requestId });
      throw e;
    }
  };

  async function createOrder(event: APIGatewayProxyEventV2, context: Context, log: Logger): Promise<Response> {
    const requestId = context.awsRequestId;
    let request: OrderRequest;
    let order: ValidOrder;
    try {
      request = readRequest(event);
      let body: JsonValue;
      try {
        body = parseJson(request.bodyText, MAX_JSON_DEPTH);
      } catch (e) {
        if (e instanceof JsonSyntaxError) throw invalid('body', 'json', `The request body is not valid JSON: ${e.message}`);
        throw e;
      }
      order = validateOrder(body, request.tokenSubject);
    } catch (e) {
      if (!(e instanceof ClientError)) throw e;
      log.info('Order rejected', { statusCode: e.statusCode, field: e.field, rule: e.rule });
      return clientError(e);
    }

    const key = request.idempotencyKey;
    const hash = key !== undefined ? requestHash(order) : undefined;
    const orderId = key !== undefined ? idempotentOrderId(order.customerId, key) : newOrderId();
    const record = buildOrderRecord(order, {
      orderId,
      nowMs: clock(),
      retentionSeconds: deps.config.retentionSeconds,
      ...(key !== undefined && hash !== undefined && { idempotency: { key, hash } }),
    });
    const olog = log.child({ orderId });
    const properties = { requestId, orderId };

    let result: PutResult;
    // A controller with a cleared timer, rather than AbortSignal.timeout: the request's memory is released as soon
    // as the call ends instead of when a 10 s timer fires.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), deadline(context));
    try {
      result = await deps.store.putIfAbsent(record, abort.signal);
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        await serverFault(olog, e.cause, properties);
        return serviceUnavailable();
      }
      if (e instanceof StoreFaultError) {
        await serverFault(olog, e.cause, properties);
        return internalError();
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }

    if (result.created) {
      await publish(olog, [
        { name: BUSINESS_METRICS.ordersProcessed, value: 1, unit: 'Count' },
        { name: BUSINESS_METRICS.orderValue, value: minorToMajorNumber(record.totalAmountCents), unit: 'None' },
      ], properties);
      olog.info('Order created', { items: record.items.length, idempotent: key !== undefined });
      return orderCreated(record);
    }

    if (key === undefined) {
      // A random UUID collided: not a client's doing, and never expected.
      await serverFault(olog, new Error('Random order id already exists'), properties);
      return internalError();
    }
    const existing = result.existing;
    if (existing === undefined) {
      // The row disappeared between the write and the read (TTL or a delete): a retry will store the order anew.
      await serverFault(olog, new Error('Order vanished between conditional write and read'), properties);
      return serviceUnavailable();
    }
    if (existing.requestHash === hash && existing.customerId === order.customerId) {
      olog.info('Order replayed', { idempotent: true });
      return orderCreated(existing, true);
    }
    const conflict = new ClientError(409, 'Conflict',
      'This Idempotency-Key was already used for a different order', 'Idempotency-Key', 'conflict');
    olog.info('Order rejected', { statusCode: 409, field: conflict.field, rule: conflict.rule });
    return clientError(conflict);
  }
}

