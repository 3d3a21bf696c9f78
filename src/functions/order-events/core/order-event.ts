/**
 * One stream record -> one PutEvents entry, or the reason it can never be one. The detail is the public order view
 * (src/functions/model/order-view.ts, the same one the read API returns) plus the stored integer cents and a schema version,
 * written as JSON text by `stringifyJson`, so the stored decimal text `109.97` is what consumers receive.
 */
import { entrySize, MAX_REQUEST_BYTES } from './batches';
import { EventEntry } from './event-entry';
import { ORDER_EVENT } from '../../../contract/platform';
import { JsonNumber, JsonObject, stringifyJson } from '../../model/json';
import { MalformedOrderError, orderView, storedTotalCents, StoredItem } from '../../model/order-view';

/** The parts of a Lambda DynamoDB stream record the consumer reads. */
export interface StreamRecord {
  readonly eventName?: string;
  readonly dynamodb?: {
    readonly SequenceNumber?: string;
    readonly Keys?: StoredItem;
    readonly NewImage?: StoredItem;
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
  /** Not a new order (the mapping filters these out; a record that slips through is not an order event). */
  | { readonly kind: 'skipped'; readonly sequenceNumber: string };

/** The event detail of a stored order, as JSON value (numbers keep their stored text). */
export function orderEventDetail(item: StoredItem): JsonObject {
  return {
    schemaVersion: new JsonNumber(String(ORDER_EVENT.schemaVersion)),
    ...orderView(item),
    totalAmountCents: storedTotalCents(item),
  };
}

export function prepareRecord(record: StreamRecord, target: OrderEventTarget): PreparedRecord {
  const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
  if (record.eventName !== 'INSERT') return { kind: 'skipped', sequenceNumber };
  const orderId = record.dynamodb?.Keys?.orderId?.S ?? record.dynamodb?.NewImage?.orderId?.S;
  const image = record.dynamodb?.NewImage;
  if (!image) return { kind: 'unpublishable', sequenceNumber, orderId, reason: 'The record has no NewImage (the stream must be NEW_IMAGE or NEW_AND_OLD_IMAGES)' };
  let detail: JsonObject;
  try {
    detail = orderEventDetail(image);
  } catch (e) {
    if (e instanceof MalformedOrderError) return { kind: 'unpublishable', sequenceNumber, orderId, reason: e.message };
    throw e;
  }
  const entry: EventEntry = {
    EventBusName: target.busName,
    Source: target.source,
    DetailType: ORDER_EVENT.detailType,
    Detail: stringifyJson(detail),
    // The event's time is when the order was taken, so a retried or delayed event still says when it happened.
    Time: new Date(Number((detail.orderTimestamp as JsonNumber).text)),
  };
  const size = entrySize(entry);
  if (size > MAX_REQUEST_BYTES) {
    return { kind: 'unpublishable', sequenceNumber, orderId: detail.orderId as string, reason: `The entry is ${size} bytes; PutEvents accepts at most ${MAX_REQUEST_BYTES}` };
  }
  return { kind: 'entry', sequenceNumber, orderId: detail.orderId as string, entry, size };
}
