/**
 * The transition decision. A change is one conditional write (io/dynamo-status-store.ts): what it requires of the
 * stored order is {@link changeOf}; when the condition fails, the store returns the order as it was (DynamoDB's
 * ReturnValuesOnConditionCheckFailure: ALL_OLD) and {@link explainRefusal} says why, without a second read.
 */
import { Shipment, StatusChangeRequest } from './request';
import { ALLOWED_TRANSITIONS, fromStatuses, isOrderStatus, OrderStatus } from '../../model/order-status';
import { HistoryEntry, MalformedOrderError, storedVersion, StoredItem } from '../../model/order-view';

/** Everything the one write needs: its condition and what it sets. */
export interface StatusChange {
  readonly orderId: string;
  readonly to: OrderStatus;
  /** Condition: the order's current status is one of these. */
  readonly from: readonly OrderStatus[];
  /** Condition: the order's customerId is this one. */
  readonly owner?: string;
  /** Condition: the order's version is this one (an order without a version counts as 1). */
  readonly expectedVersion?: number;
  /** ISO-8601 UTC: the history entry's `at` and the order's `updatedAt`. */
  readonly at: string;
  /** Appended to the shown history. */
  readonly entry: HistoryEntry;
  /** Appended to the audit attribute, which no view copies. */
  readonly audit: { readonly status: OrderStatus; readonly at: string; readonly principal: string };
  readonly shipment?: Shipment;
}

export function changeOf(request: StatusChangeRequest, nowMs: number): StatusChange {
  const at = new Date(nowMs).toISOString();
  return {
    orderId: request.orderId,
    to: request.to,
    from: fromStatuses(request.to),
    ...(request.owner !== undefined && { owner: request.owner }),
    ...(request.expectedVersion !== undefined && { expectedVersion: request.expectedVersion }),
    at,
    entry: { status: request.to, at, by: request.by, ...(request.reason !== undefined && { reason: request.reason }) },
    audit: { status: request.to, at, principal: request.principal },
    ...(request.shipment !== undefined && { shipment: request.shipment }),
  };
}

export type Refusal =
  /** No such order, or another customer's (the same answer, so existence does not leak). */
  | { readonly kind: 'notFound' }
  /** Already in the status asked for: a no-op answered 200 with the order as it is. */
  | { readonly kind: 'unchanged'; readonly item: StoredItem }
  /** If-Match named another version. */
  | { readonly kind: 'versionMismatch'; readonly item: StoredItem; readonly currentVersion: number }
  /** The current status does not allow the change. */
  | { readonly kind: 'notAllowed'; readonly currentStatus: OrderStatus; readonly allowedStatuses: readonly OrderStatus[] };

/**
 * Why a change's condition failed, from the order as it was. In this order: missing or another customer's (404),
 * already there (a no-op, whatever If-Match says, so a retried request is safe), another version (412), not allowed
 * from here (409). Throws {@link MalformedOrderError} for an item this platform did not write.
 */
export function explainRefusal(change: StatusChange, old: StoredItem | undefined): Refusal {
  if (old === undefined) return { kind: 'notFound' };
  if (change.owner !== undefined && old.customerId?.S !== change.owner) return { kind: 'notFound' };
  const current = old.status?.S;
  if (!isOrderStatus(current)) throw new MalformedOrderError('status');
  if (current === change.to) return { kind: 'unchanged', item: old };
  const version = storedVersion(old);
  if (change.expectedVersion !== undefined && version !== change.expectedVersion) {
    return { kind: 'versionMismatch', item: old, currentVersion: version };
  }
  if (!change.from.includes(current)) {
    return { kind: 'notAllowed', currentStatus: current, allowedStatuses: ALLOWED_TRANSITIONS[current] };
  }
  // Every part of the condition holds for the old item, so the write cannot have been refused for it.
  throw new Error('The status change was refused although the stored order meets its condition');
}
