/**
 * The SDK floor under the handler's CPU per order: only the conditional PutItem the order store sends, through a
 * client built by the handler's own createDynamoDbClient, with nothing of the handler around it. Bundled by the
 * benchmark with the production esbuild flags. `variant` picks one of the SDK measures the benchmark compares.
 */
import { AttributeValue, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ORDERS_TABLE } from '../src/contract/orders-table';
import { createDynamoDbClient, withDeadline } from '../src/functions/runtime/aws-clients';

export type PutItemVariant =
  /** As the order store calls it (the bundles' setting): cacheMiddleware on, the deadline given with withDeadline(). */
  | 'as-store'
  /** The same with cacheMiddleware off: what the middleware cache saves. */
  | 'cache-off'
  /** The deadline as the per-call `abortSignal` option, which makes the SDK skip its cache (the code before). */
  | 'per-call-option';

/** Sends `n` PutItems one after another, each a fresh copy of `item` with its own key, as the handler marshals one per order. */
export async function putItems(
  n: number, item: Record<string, AttributeValue>, tableName: string, variant: PutItemVariant, offset = 0,
): Promise<number> {
  const client = clients[variant] ??= createDynamoDbClient({ cacheMiddleware: variant !== 'cache-off' });
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const command = new PutItemCommand({
      TableName: tableName,
      Item: { ...item, [ORDERS_TABLE.partitionKey]: { S: `00000000-0000-4000-8000-${String(offset + i).padStart(12, '0')}` } },
      ConditionExpression: `attribute_not_exists(${ORDERS_TABLE.partitionKey})`,
    });
    // A deadline per call, as the handler sets one per order.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 30_000);
    try {
      if (variant === 'per-call-option') await client.send(command, { abortSignal: abort.signal });
      else await client.send(withDeadline(command, abort.signal));
    } catch {
      failed++;
    } finally {
      clearTimeout(timer);
    }
  }
  return failed;
}

const clients: Partial<Record<PutItemVariant, ReturnType<typeof createDynamoDbClient>>> = {};
