/**
 * The orders table: exactly one conditional PutItem per order; a consistent GetItem only when that put finds the
 * id taken (a retry or a duplicate key), to answer it.
 */
import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshalOrder, SUMMARY_PROJECTION, unmarshalSummary } from './dynamo-marshal';
import { ORDERS_TABLE } from '../../../contract/orders-table';
import { DynamoDbSender, withDeadline } from '../../runtime/aws-clients';
import { classifyStoreError } from '../../runtime/aws-errors';
import { OrderRecord } from '../core/order-record';
import { OrderStore, PutResult } from '../ports';

export class DynamoOrderStore implements OrderStore {
  constructor(private readonly client: DynamoDbSender, private readonly tableName: string) {}

  async putIfAbsent(record: OrderRecord, abortSignal?: AbortSignal): Promise<PutResult> {
    try {
      await this.client.send(withDeadline(new PutItemCommand({
        TableName: this.tableName,
        Item: marshalOrder(record),
        // The key name comes from the shared schema; "orderId" is not a DynamoDB reserved word.
        ConditionExpression: `attribute_not_exists(${ORDERS_TABLE.partitionKey})`,
      }), abortSignal));
      return { created: true };
    } catch (e) {
      if (!isConditionFailure(e)) throw classifyStoreError(e);
    }
    try {
      const out = await this.client.send(withDeadline(new GetItemCommand({
        TableName: this.tableName,
        Key: { [ORDERS_TABLE.partitionKey]: { S: record.orderId } },
        ConsistentRead: true,
        ProjectionExpression: SUMMARY_PROJECTION,
      }), abortSignal));
      return { created: false, existing: unmarshalSummary(out.Item) };
    } catch (e) {
      throw classifyStoreError(e);
    }
  }
}

function isConditionFailure(e: unknown): boolean {
  // instanceof can fail across bundle copies of the SDK; the name is the service's contract.
  return e instanceof ConditionalCheckFailedException || (e as Error | undefined)?.name === 'ConditionalCheckFailedException';
}

