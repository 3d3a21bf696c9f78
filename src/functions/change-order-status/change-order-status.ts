/**
 * `POST /orders/{orderId}/cancel` and `POST /orders/{orderId}/status`: read the request -> one conditional write ->
 * respond. A refused write returns the order as it was, which tells 404, the 200 no-op, 412 and 409 apart without a
 * second read. Every dependency is an argument, so the same code runs on Lambda (entry.ts), in tests and locally.
 *
 * Status codes: 200 changed, or already in the status asked for (no write); 400 a bad id, header or body (naming
 * it); 403 no usable caller identity; 404 no such order (or another customer's); 409 the change is not allowed from
 * the current status; 412 If-Match names another version; 413/415 as POST /orders; 503 DynamoDB throttled, timed out
 * or unreachable; 500 DynamoDB refused, or the stored item is not an order. A bug is rethrown after an ERROR log.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { readCancelRequest, readStatusRequest, StatusChangeRequest } from './core/request';
import {
  changeClientError, changeFailed, changeUnavailable, orderChanged, orderNotFound, transitionNotAllowed, versionMismatch,
} from './core/responses';
import { changeOf, explainRefusal } from './core/transition';
import { ChangeResult, OrderStatusStore, StatusChangeConfig } from './ports';
import { API_ROUTES, ORDER_LIFECYCLE_METRICS, routeKey } from '../../contract/platform';
import { ClientError, StoreFaultError, StoreUnavailableError } from '../model/errors';
import { CANCELLED } from '../model/order-status';
import { MalformedOrderError, orderApiView, storedVersion } from '../model/order-view';
import { Response } from '../model/responses';
import { deadline } from '../runtime/deadline';
import { errorFields, Logger, MetricDatum, MetricsSink } from '../runtime/ports';

export interface ChangeOrderStatusDeps {
  readonly config: StatusChangeConfig;
  readonly store: OrderStatusStore;
  readonly metrics: MetricsSink;
  readonly logger: Logger;
  /** Epoch milliseconds. Default Date.now. */
  readonly clock?: () => number;
}

export type StatusChangeHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const CANCEL = routeKey(API_ROUTES.cancelOrder);
const CHANGE_STATUS = routeKey(API_ROUTES.changeOrderStatus);

export function createStatusChangeHandler(deps: ChangeOrderStatusDeps): StatusChangeHandler {
  const clock = deps.clock ?? Date.now;

  return async (event, context) => {
    const log = deps.logger.child({ requestId: context.awsRequestId });
    try {
      let request: StatusChangeRequest;
      try {
        if (event.routeKey === CANCEL) request = readCancelRequest(event, deps.config.cancelAccess);
        else if (event.routeKey === CHANGE_STATUS) request = readStatusRequest(event);
        else throw new Error(`The status-change function does not serve route ${JSON.stringify(String(event.routeKey).slice(0, 100))}`);
      } catch (e) {
        if (!(e instanceof ClientError)) throw e;
        log.info('Status change rejected', { statusCode: e.statusCode, field: e.field, rule: e.rule });
        return changeClientError(e);
      }
      return await changeStatus(request, context, log.child({ orderId: request.orderId }));
    } catch (e) {
      log.error('Status change failed', errorFields(e));
      throw e;
    }
  };

  async function changeStatus(request: StatusChangeRequest, context: Context, log: Logger): Promise<Response> {
    const change = changeOf(request, clock());
    let result: ChangeResult;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), deadline(context));
    try {
      result = await deps.store.changeStatus(change, abort.signal);
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        log.error('Status not changed', errorFields(e.cause));
        return changeUnavailable();
      }
      if (e instanceof StoreFaultError) {
        log.error('Status not changed', errorFields(e.cause));
        return changeFailed();
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }

    try {
      if (result.changed) {
        const response = orderChanged(orderApiView(result.item), storedVersion(result.item));
        // Never the reason or the caller: they are the order's data and the audit's.
        log.info('Order status changed', { statusCode: 200, to: change.to, by: change.entry.by, version: storedVersion(result.item) });
        await publish(log, [
          { name: ORDER_LIFECYCLE_METRICS.statusChanges, value: 1, unit: 'Count' },
          ...(change.to === CANCELLED ? [{ name: ORDER_LIFECYCLE_METRICS.cancellations, value: 1, unit: 'Count' as const }] : []),
        ]);
        return response;
      }
      const refusal = explainRefusal(change, result.old);
      switch (refusal.kind) {
        case 'notFound':
          log.info('Order not found', { statusCode: 404 });
          return orderNotFound();
        case 'unchanged':
          log.info('Order already in the status asked for', { statusCode: 200, to: change.to });
          return orderChanged(orderApiView(refusal.item), storedVersion(refusal.item));
        case 'versionMismatch':
          log.info('Status change refused', { statusCode: 412, rule: 'version' });
          return versionMismatch(orderApiView(refusal.item), refusal.currentVersion);
        case 'notAllowed':
          log.info('Status change refused', { statusCode: 409, rule: 'transition', from: refusal.currentStatus, to: change.to });
          return transitionNotAllowed(change.to, refusal.currentStatus, refusal.allowedStatuses);
      }
    } catch (e) {
      if (!(e instanceof MalformedOrderError)) throw e;
      log.error('Stored item is not a well-formed order', { attribute: e.attribute });
      return changeFailed();
    }
  }

  async function publish(log: Logger, data: MetricDatum[]): Promise<void> {
    try {
      await deps.metrics.publish(data, {});
    } catch (e) {
      // A change that was written stays a success; metrics are best effort.
      log.warn('Metrics not published', errorFields(e));
    }
  }
}
