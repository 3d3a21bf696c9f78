/**
 * The orders table, read only: a strongly consistent GetItem by id, and a Query of CustomerOrderIndex (newest
 * first; a global secondary index is eventually consistent and cannot be read consistently).
 */
import { AttributeValue, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ORDERS_TABLE } from '../../../contract/orders-table';
import { StoredItem } from '../../model/order-view';
import { DynamoDbSender, withDeadline } from '../../runtime/aws-clients';
import { classifyStoreError } from '../../runtime/aws-errors';
import { PageKey } from '../core/page';
import { CustomerOrdersQuery, OrderReader, QueryPage } from '../ports';

/** PageKey -> ExclusiveStartKey of a query on the index (its key and the table's). */
export function startKeyOf(key: PageKey): Record<string, AttributeValue> {
  return {
    [ORDERS_TABLE.customerIndexPartitionKey]: { S: key.customerId },
    [ORDERS_TABLE.customerIndexSortKey]: { N: key.orderTimestamp },
    [ORDERS_TABLE.partitionKey]: { S: key.orderId },
  };
}

/** LastEvaluatedKey -> PageKey. DynamoDB returns exactly the three key attributes for an index query. */
export function pageKeyFromLastEvaluated(key: Record<string, AttributeValue>): PageKey {
  const customerId = key[ORDERS_TABLE.customerIndexPartitionKey]?.S;
  const orderTimestamp = key[ORDERS_TABLE.customerIndexSortKey]?.N;
  const orderId = key[ORDERS_TABLE.partitionKey]?.S;
  if (customerId === undefined || orderTimestamp === undefined || orderId === undefined) {
    throw new Error('LastEvaluatedKey of the customer index lacks a key attribute');
  }
  return { customerId, orderTimestamp, orderId };
}

export class DynamoOrderReader implements OrderReader {
  constructor(private readonly client: DynamoDbSender, private readonly tableName: string) {}

  async getOrder(orderId: string, abortSignal?: AbortSignal): Promise<StoredItem | undefined> {
    try {
      const out = await this.client.send(withDeadline(new GetItemCommand({
        TableName: this.tableName,
        Key: { [ORDERS_TABLE.partitionKey]: { S: orderId } },
        ConsistentRead: true,
      }), abortSignal));
      return out.Item as StoredItem | undefined;
    } catch (e) {
      throw classifyStoreError(e);
    }
  }

  async queryCustomerOrders(query: CustomerOrdersQuery, abortSignal?: AbortSignal): Promise<QueryPage> {
    let out;
    try {
      out = await this.client.send(withDeadline(new QueryCommand({
        TableName: this.tableName,
        IndexName: ORDERS_TABLE.customerIndexName,
        KeyConditionExpression: '#customer = :customer',
        ExpressionAttributeNames: { '#customer': ORDERS_TABLE.customerIndexPartitionKey },
        ExpressionAttributeValues: { ':customer': { S: query.customerId } },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(query.startKey !== undefined && { ExclusiveStartKey: startKeyOf(query.startKey) }),
      }), abortSignal));
    } catch (e) {
      throw classifyStoreError(e);
    }
    const items = (out.Items ?? []) as StoredItem[];
    return out.LastEvaluatedKey === undefined ? { items } : { items, lastKey: pageKeyFromLastEvaluated(out.LastEvaluatedKey) };
  }
}
