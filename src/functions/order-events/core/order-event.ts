/**
 * One stream record -> one PutEvents entry, or the reason it can never be one. A new order (INSERT) is an
 * `OrderCreated` whose detail is the order view as created (src/functions/model/order-view.ts: without the lifecycle
 * fields, so its shipped schema stays as it was) plus the stored integer cents and a schema version, written as JSON
 * text by `stringifyJson`, so the stored decimal text `109.97` is what consumers receive. A changed order (MODIFY)
 * whose status differs between the old and new image is an `OrderStatusChanged`; any other change publishes nothing.
 */
import { entrySize, MAX_REQUEST_BYTES } from './batches';
import { EventEntry } from './event-entry';
import { ORDER_EVENT, ORDER_STATUS_CHANGED_EVENT } from '../../../contract/platform';
import { JsonNumber, JsonObject, stringifyJson } from '../../model/json';
import {
  MalformedOrderError, orderApiView, orderView, storedTotalCents, StoredItem, storedVersion,
} from '../../model/order-view';

/** The parts of a Lambda DynamoDB stream record the consumer reads. */
export interface StreamRecord {
  readonly eventName?: string;
  readonly dynamodb?: {
    readonly SequenceNumber?: string;
    readonly Keys?: StoredItem;
    readonly NewImage?: StoredItem;
    readonly OldImage?: StoredItem;
  };
}

export interface OrderEventTarget {
  /** Event bus name or ARN. */
  readonly busName: string;
  /** `<projectName>.orders` */
  readonly source: string;
}

export type PreparedRecord =
  /** An entry ready to send, with its size as EventBridge counts it. */
  | { readonly kind: 'entry'; readonly sequenceNumber: string; readonly orderId: string; readonly entry: EventEntry; readonly size: number }
  /** Can never be published as it is: retrying cannot change a stream record. */
  | { readonly kind: 'unpublishable'; readonly sequenceNumber: string; readonly orderId?: string; readonly reason: string }
  /** Not an event: a change that leaves the status as it was, or a record the mapping's filter should have left out. */
  | { readonly kind: 'skipped'; readonly sequenceNumber: string };

/** The event detail of a stored order, as JSON value (numbers keep their stored text). */
export function orderEventDetail(item: StoredItem): JsonObject {
  return {
    schemaVersion: new JsonNumber(String(ORDER_EVENT.schemaVersion)),
    ...orderView(item),
    totalAmountCents: storedTotalCents(item),
  };
}

/**
 * The detail of a status change, from the order after it (the history's last entry is this change). Only these
 * fields: the reason is the one the order's owner sees too; who made the change stays in the table.
 */
export function statusChangedDetail(from: string, item: StoredItem): JsonObject {
  const view = orderApiView(item);
  const history = view.statusHistory as JsonObject[];
  const last = history[history.length - 1];
  return {
    schemaVersion: new JsonNumber(String(ORDER_STATUS_CHANGED_EVENT.schemaVersion)),
    orderId: view.orderId,
    customerId: view.customerId,
    from,
    to: view.status,
    version: new JsonNumber(String(storedVersion(item))),
    ...(last.reason !== undefined && { reason: last.reason }),
    ...(view.shipment !== undefined && { shipment: view.shipment }),
    changedAt: view.updatedAt,
  };
}

type Built = { readonly detailType: string; readonly detail: JsonObject; readonly time: Date } | { readonly skip: true };

function build(record: StreamRecord, image: StoredItem): Built {
  if (record.eventName === 'INSERT') {
    const detail = orderEventDetail(image);
    // The event's time is when the order was taken, so a retried or delayed event still says when it happened.
    return { detailType: ORDER_EVENT.detailType, detail, time: new Date(Number((detail.orderTimestamp as JsonNumber).text)) };
  }
  const before = record.dynamodb?.OldImage?.status?.S;
  const after = image.status?.S;
  if (after === undefined) throw new MalformedOrderError('status');
  // Without an old image (a NEW_IMAGE stream) a change cannot be told from any other write: nothing to say.
  if (before === undefined || before === after) return { skip: true };
  const detail = statusChangedDetail(before, image);
  return { detailType: ORDER_STATUS_CHANGED_EVENT.detailType, detail, time: new Date(detail.changedAt as string) };
}

export function prepareRecord(record: StreamRecord, target: OrderEventTarget): PreparedRecord {
  const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
  if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') return { kind: 'skipped', sequenceNumber };
  const orderId = record.dynamodb?.Keys?.orderId?.S ?? record.dynamodb?.NewImage?.orderId?.S;
  const image = record.dynamodb?.NewImage;
  if (!image) return { kind: 'unpublishable', sequenceNumber, orderId, reason: 'The record has no NewImage (the stream must be NEW_IMAGE or NEW_AND_OLD_IMAGES)' };
  let built: Built;
  try {
    built = build(record, image);
  } catch (e) {
    if (e instanceof MalformedOrderError) return { kind: 'unpublishable', sequenceNumber, orderId, reason: e.message };
    throw e;
  }
  if ('skip' in built) return { kind: 'skipped', sequenceNumber };
  const detail = built.detail;
  const entry: EventEntry = {
    EventBusName: target.busName,
    Source: target.source,
    DetailType: built.detailType,
    Detail: stringifyJson(detail),
    Time: built.time,
  };
  const size = entrySize(entry);
  if (size > MAX_REQUEST_BYTES) {
    return { kind: 'unpublishable', sequenceNumber, orderId: detail.orderId as string, reason: `The entry is ${size} bytes; PutEvents accepts at most ${MAX_REQUEST_BYTES}` };
  }
  return { kind: 'entry', sequenceNumber, orderId: detail.orderId as string, entry, size };
}
