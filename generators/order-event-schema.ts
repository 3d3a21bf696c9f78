/**
 * The JSON Schemas (draft 2020-12) of the order events' `detail`. `OrderCreated`: the order view's schema (order-view.ts, the
 * one definition the read API's document starts from) with the two fields events add; `OrderStatusChanged`: one
 * change. The committed files {@link ORDER_EVENT_SCHEMA_FILE} and {@link STATUS_CHANGED_SCHEMA_FILE} are generated
 * from these (`npx projen schema:events`), shipped in the package, and a test fails when they differ.
 *
 * @internal
 */
import { ORDER_EVENT, ORDER_STATUS_CHANGED_EVENT } from '../src/contract/platform';
import { MAX_REASON_LENGTH } from '../src/functions/model/limits';
import { ORDER_STATUSES } from '../src/functions/model/order-status';
import { orderViewSchema, shipmentSchema } from '../src/functions/model/order-view';

/** Package-relative path of the committed schema file. @internal */
export const ORDER_EVENT_SCHEMA_FILE = 'schema/order-created.schema.json';

/** @internal */
export function orderEventDetailSchema(): Record<string, unknown> {
  const view = orderViewSchema() as { required: string[]; properties: Record<string, unknown> } & Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/orderprocessing/cdk-order-processing-platform/schema/order-created.schema.json',
    title: `${ORDER_EVENT.detailType} event detail`,
    description: 'The detail of an OrderCreated event: the stored order as the read API returns it, plus its total in ' +
      'integer cents and the schema version. Delivery is at least once: deduplicate by orderId.',
    ...view,
    required: ['schemaVersion', ...view.required, 'totalAmountCents'],
    properties: {
      schemaVersion: { const: ORDER_EVENT.schemaVersion, description: 'Raised only on an incompatible change of this schema.' },
      ...view.properties,
      totalAmountCents: { type: 'integer', minimum: 0, description: 'totalAmount in integer cents, as stored.' },
    },
  };
}

/** The file's text: two-space JSON and a final newline. @internal */
export function orderEventSchemaText(): string {
  return `${JSON.stringify(orderEventDetailSchema(), null, 2)}\n`;
}

/** Package-relative path of the committed `OrderStatusChanged` schema file. @internal */
export const STATUS_CHANGED_SCHEMA_FILE = 'schema/order-status-changed.schema.json';

/**
 * The JSON Schema of an `OrderStatusChanged` event's `detail`: one change of status, with the statuses and the
 * shipment from the same model the function decides with. @internal
 */
export function statusChangedDetailSchema(): Record<string, unknown> {
  const status = { type: 'string', enum: [...ORDER_STATUSES] };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/orderprocessing/cdk-order-processing-platform/schema/order-status-changed.schema.json',
    title: `${ORDER_STATUS_CHANGED_EVENT.detailType} event detail`,
    description: 'The detail of an OrderStatusChanged event: one change of an order\'s status. Delivery is at least once and ' +
      'not necessarily in order: order and deduplicate by (orderId, version).',
    type: 'object',
    additionalProperties: false,
    required: ['schemaVersion', 'orderId', 'customerId', 'from', 'to', 'version', 'changedAt'],
    properties: {
      schemaVersion: { const: ORDER_STATUS_CHANGED_EVENT.schemaVersion, description: 'Raised only on an incompatible change of this schema.' },
      orderId: { type: 'string', description: 'Order id (a UUID).' },
      customerId: { type: 'string' },
      from: { ...status, description: 'The status before the change.' },
      to: { ...status, description: 'The status after the change.' },
      version: { type: 'integer', minimum: 2, description: 'The order\'s version after the change: one event per version.' },
      reason: { type: 'string', maxLength: MAX_REASON_LENGTH, description: 'The reason given with the change, as the order\'s owner sees it.' },
      shipment: shipmentSchema(),
      changedAt: { type: 'string', format: 'date-time', description: 'When the change was written, ISO-8601 UTC.' },
    },
  };
}

/** The file's text: two-space JSON and a final newline. @internal */
export function statusChangedSchemaText(): string {
  return `${JSON.stringify(statusChangedDetailSchema(), null, 2)}\n`;
}
