/**
 * The JSON Schema (draft 2020-12) of an `OrderCreated` event's `detail`: the order view's schema (order-view.ts, the
 * one definition the read API's document uses too) with the two fields events add. The committed file
 * {@link ORDER_EVENT_SCHEMA_FILE} is generated from this (`npx projen schema:events`), shipped in the package, and
 * a test fails when the two differ.
 *
 * @internal
 */
import { ORDER_EVENT } from '../src/contract/platform';
import { orderViewSchema } from '../src/functions/model/order-view';

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
