/**
 * The orders table, one conditional UpdateItem per change. The condition checks existence, the allowed current
 * statuses, the customer (with a token) and the version (with If-Match); the update sets the status, raises the
 * version, appends to the history and the audit, and sets updatedAt (and the shipment). A refused write returns the
 * item as it was (ReturnValuesOnConditionCheckFailure: ALL_OLD), so the caller learns why without reading again.
 */
import { AttributeValue, ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ORDERS_TABLE } from '../../../contract/orders-table';
import { FIRST_VERSION, LIFECYCLE_ATTRIBUTES, StoredItem } from '../../model/order-view';
import { DynamoDbSender, withDeadline } from '../../runtime/aws-clients';
import { classifyStoreError } from '../../runtime/aws-errors';
import { StatusChange } from '../core/transition';
import { ChangeResult, OrderStatusStore } from '../ports';

type Item = Record<string, AttributeValue>;

/** The UpdateItem input of a change, without the table name. Exported for the tests and the benchmark. */
export function updateOf(change: StatusChange): Omit<UpdateItemCommand['input'], 'TableName'> {
  const names: Record<string, string> = {
    '#id': ORDERS_TABLE.partitionKey,
    '#status': 'status',
    '#version': LIFECYCLE_ATTRIBUTES.version,
    '#history': LIFECYCLE_ATTRIBUTES.statusHistory,
    '#audit': LIFECYCLE_ATTRIBUTES.audit,
    '#updatedAt': LIFECYCLE_ATTRIBUTES.updatedAt,
  };
  const entry: Item = { status: { S: change.entry.status }, at: { S: change.entry.at }, by: { S: change.entry.by } };
  if (change.entry.reason !== undefined) entry.reason = { S: change.entry.reason };
  const values: Item = {
    ':to': { S: change.to },
    ':one': { N: '1' },
    ':empty': { L: [] },
    ':entry': { L: [{ M: entry }] },
    ':audit': { L: [{ M: { status: { S: change.audit.status }, at: { S: change.audit.at }, principal: { S: change.audit.principal } } }] },
    ':at': { S: change.at },
  };
  const conditions = ['attribute_exists(#id)'];
  const from = change.from.map((status, i) => {
    values[`:from${i}`] = { S: status };
    return `:from${i}`;
  });
  // A change with no status to come from (none exists today) must still be one well-formed, always refused write.
  conditions.push(from.length > 0 ? `#status IN (${from.join(', ')})` : 'attribute_not_exists(#id)');
  if (change.owner !== undefined) {
    names['#customer'] = 'customerId';
    values[':owner'] = { S: change.owner };
    conditions.push('#customer = :owner');
  }
  if (change.expectedVersion !== undefined) {
    values[':version'] = { N: String(change.expectedVersion) };
    // An order stored before versions existed is version 1.
    conditions.push(change.expectedVersion === FIRST_VERSION
      ? '(attribute_not_exists(#version) OR #version = :version)'
      : '#version = :version');
  }
  const sets = [
    '#status = :to',
    '#version = if_not_exists(#version, :one) + :one',
    '#history = list_append(if_not_exists(#history, :empty), :entry)',
    '#audit = list_append(if_not_exists(#audit, :empty), :audit)',
    '#updatedAt = :at',
  ];
  if (change.shipment !== undefined) {
    names['#shipment'] = LIFECYCLE_ATTRIBUTES.shipment;
    values[':shipment'] = { M: { carrier: { S: change.shipment.carrier }, trackingNumber: { S: change.shipment.trackingNumber } } };
    sets.push('#shipment = :shipment');
  }
  return {
    Key: { [ORDERS_TABLE.partitionKey]: { S: change.orderId } },
    ConditionExpression: conditions.join(' AND '),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

export class DynamoOrderStatusStore implements OrderStatusStore {
  constructor(private readonly client: DynamoDbSender, private readonly tableName: string) {}

  async changeStatus(change: StatusChange, abortSignal?: AbortSignal): Promise<ChangeResult> {
    try {
      const out = await this.client.send(withDeadline(new UpdateItemCommand({ TableName: this.tableName, ...updateOf(change) }), abortSignal));
      return { changed: true, item: (out.Attributes ?? {}) as StoredItem };
    } catch (e) {
      if (isConditionFailure(e)) {
        const old = (e as { Item?: Item }).Item;
        return old === undefined ? { changed: false } : { changed: false, old: old as StoredItem };
      }
      throw classifyStoreError(e);
    }
  }
}

function isConditionFailure(e: unknown): boolean {
  // instanceof can fail across bundle copies of the SDK; the name is the service's contract.
  return e instanceof ConditionalCheckFailedException || (e as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
