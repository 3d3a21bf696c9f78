/**
 * The order lifecycle, defined once: the statuses, which change each one allows, and who records a change. The
 * status-change function decides with this table, the OpenAPI document and the docs are generated or checked from
 * it, and the tests walk it. Statuses are lower case, as `pending` has always been stored.
 */

export const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = typeof ORDER_STATUSES[number];

/** Every order starts here; no change leads back to it. */
export const INITIAL_STATUS: OrderStatus = 'pending';

/** From each status, the statuses a change may lead to. `delivered` and `cancelled` are final. */
export const ALLOWED_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** The status the cancel route asks for. */
export const CANCELLED: OrderStatus = 'cancelled';
/** The only status a change may carry a `shipment` with. */
export const SHIPPED: OrderStatus = 'shipped';

/** Statuses `POST /orders/{orderId}/status` may ask for: every status some change leads to. */
export const TARGET_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => fromStatuses(s).length > 0);

/** Who made a change, as the history shows it: the order's customer (with a token) or a service (IAM). */
export type ChangedBy = 'customer' | 'service';
export const CHANGED_BY: readonly ChangedBy[] = ['customer', 'service'];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

/** The statuses an order must be in for a change to `to` to be allowed. */
export function fromStatuses(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => ALLOWED_TRANSITIONS[from].includes(to));
}

export function isAllowedTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}
