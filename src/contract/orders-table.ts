/**
 * The orders table's key schema, in one place. The construct builds the table from these names, and the local
 * tooling (DynamoDB Local integration tests, the local order API, the benchmark) creates its table from them too,
 * so a local table cannot drift from the deployed one. A construct test checks the synthesized template against
 * {@link ordersTableCreateInput}.
 *
 * @internal
 */
export const ORDERS_TABLE = {
  /** Partition key: the order id (string). */
  partitionKey: 'orderId',
  /** Name of the global secondary index that lists a customer's orders in time order. */
  customerIndexName: 'CustomerOrderIndex',
  /** GSI partition key: the customer id (string). */
  customerIndexPartitionKey: 'customerId',
  /** GSI sort key: when the order was taken, epoch milliseconds (number). */
  customerIndexSortKey: 'orderTimestamp',
  /** Attribute DynamoDB TTL reads; written only when an order retention is configured. */
  timeToLiveAttribute: 'ttl',
} as const;

/**
 * A CreateTable request (DynamoDB API shape) for a table with exactly the construct's keys and index, for DynamoDB
 * Local. Billing is on-demand, as deployed.
 *
 * @internal
 */
export function ordersTableCreateInput(tableName: string, options: { readonly stream?: boolean } = {}) {
  return {
    TableName: tableName,
    // As deployed (tableStreamEnabled): new and old images. Off unless asked for, so tests without a consumer skip it.
    ...(options.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } }),
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: ORDERS_TABLE.partitionKey, AttributeType: 'S' as const },
      { AttributeName: ORDERS_TABLE.customerIndexPartitionKey, AttributeType: 'S' as const },
      { AttributeName: ORDERS_TABLE.customerIndexSortKey, AttributeType: 'N' as const },
    ],
    KeySchema: [{ AttributeName: ORDERS_TABLE.partitionKey, KeyType: 'HASH' as const }],
    GlobalSecondaryIndexes: [
      {
        IndexName: ORDERS_TABLE.customerIndexName,
        KeySchema: [
          { AttributeName: ORDERS_TABLE.customerIndexPartitionKey, KeyType: 'HASH' as const },
          { AttributeName: ORDERS_TABLE.customerIndexSortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}
