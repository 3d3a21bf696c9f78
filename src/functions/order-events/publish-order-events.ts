/**
 * The order-events consumer: DynamoDB stream batch (INSERT and MODIFY records, filtered by the event source mapping)
 * -> one `OrderCreated` entry per new order and one `OrderStatusChanged` per change of status -> PutEvents in requests within its limits -> the sequence numbers of the
 * records that were not accepted, as Lambda's partial batch response. Every dependency is an argument, so the same
 * code runs on Lambda (entry.ts), in unit tests and locally.
 *
 * Failure handling, all bounded by the event source mapping (retry attempts, maximum record age, bisection):
 * - an entry EventBridge rejects, or a PutEvents call that fails, makes only its records batch item failures, and
 *   Lambda retries from the first of them;
 * - a record that can never be published (no image, not an order this platform wrote, an entry over 256 KiB) is
 *   logged with its order id and sequence number, counted in `OrderEventsUnpublishable` and reported as a failure
 *   too. Retrying cannot fix it, so once the mapping's retries are spent Lambda sends the batch's description
 *   (shard, sequence range) to the on-failure queue and moves on: it never loops, and it is never dropped silently
 *   (the order itself stays in the table). Returning it as a success would lose it; the function has no queue client
 *   of its own on purpose, so the on-failure queue has exactly one writer and one message format.
 * A bug (an unexpected exception) is rethrown: the whole batch is retried, bisected, and counted in Lambda's Errors.
 */
import type { Context } from 'aws-lambda';
import { batchBySizeAndCount } from './core/batches';
import { failedEntries } from './core/failures';
import { OrderEventTarget, prepareRecord, PreparedRecord, StreamRecord } from './core/order-event';
import { EventPublisher, PublishError } from './ports';
import { ORDER_EVENTS_METRICS } from '../../contract/platform';
import { deadline } from '../runtime/deadline';
import { errorFields, Logger, MetricsSink } from '../runtime/ports';

export interface StreamBatch {
  readonly Records: readonly StreamRecord[];
}

/** Lambda's partial batch response for stream sources: the sequence numbers to retry. */
export interface BatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

export interface OrderEventsDeps {
  readonly target: OrderEventTarget;
  readonly publisher: EventPublisher;
  readonly metrics: MetricsSink;
  readonly logger: Logger;
}

type Entry = Extract<PreparedRecord, { kind: 'entry' }>;

/** What the consumer reads of Lambda's context: the time left, which bounds each PutEvents call. */
export type OrderEventsContext = Pick<Context, 'getRemainingTimeInMillis'>;

export type OrderEventsHandler = (event: StreamBatch, context: OrderEventsContext) => Promise<BatchResponse>;

export function createOrderEventsHandler(deps: OrderEventsDeps): OrderEventsHandler {
  const { logger } = deps;

  async function publish(batch: readonly Entry[], context: OrderEventsContext): Promise<string[]> {
    // A timer cleared after the call, as the order handler does: the SDK's retries must end before the invocation.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), deadline(context));
    try {
      const outcome = await deps.publisher.putEvents(batch.map((b) => b.entry), abort.signal);
      const failed = failedEntries(batch, outcome);
      for (const f of failed) {
        logger.warn('Order event not accepted; its record will be retried', {
          orderId: f.item.orderId, sequenceNumber: f.item.sequenceNumber, errorCode: f.errorCode, errorMessage: f.errorMessage?.slice(0, 300),
        });
      }
      return failed.map((f) => f.item.sequenceNumber);
    } catch (e) {
      if (!(e instanceof PublishError)) throw e;
      logger[e.transient ? 'warn' : 'error']('PutEvents failed; its records will be retried', {
        ...errorFields(e.cause), entries: batch.length, transient: e.transient,
      });
      return batch.map((b) => b.sequenceNumber);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (event, context) => {
    const prepared = (event.Records ?? []).map((r) => prepareRecord(r, deps.target));
    const entries = prepared.filter((p): p is Entry => p.kind === 'entry');
    const failures: string[] = [];
    let unpublishable = 0;
    for (const p of prepared) {
      if (p.kind !== 'unpublishable') continue;
      unpublishable++;
      failures.push(p.sequenceNumber);
      logger.error('Stream record can never be published; it goes to the on-failure queue once its retries are spent', {
        orderId: p.orderId, sequenceNumber: p.sequenceNumber, reason: p.reason,
      });
    }
    // Requests are independent, so they run concurrently: at most 10 for a batch of 100 records.
    const failedPerRequest = await Promise.all(batchBySizeAndCount(entries).map((b) => publish(b, context)));
    for (const f of failedPerRequest) failures.push(...f);
    const published = entries.length - failedPerRequest.reduce((n, f) => n + f.length, 0);

    if (published > 0 || unpublishable > 0) {
      try {
        await deps.metrics.publish([
          { name: ORDER_EVENTS_METRICS.published, value: published, unit: 'Count' },
          ...(unpublishable > 0 ? [{ name: ORDER_EVENTS_METRICS.unpublishable, value: unpublishable, unit: 'Count' as const }] : []),
        ], {});
      } catch (e) {
        logger.warn('Metrics not published', errorFields(e));
      }
    }
    logger.info('Order events batch', { records: prepared.length, published, failed: failures.length, unpublishable });
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
