/**
 * Priming: the SDK client's one-time work done during the function's init (top-level await in the entry), so the
 * first invocation costs about what a warm one does. The SDK does that work lazily on its first call: resolving
 * credentials and the endpoint (its rules engine), building the middleware stack, compiling all of it (JIT), and
 * opening the connection (on AWS with a TLS handshake). One GetItem on a key no order can have does all of it:
 * it reads nothing and writes nothing. On AWS it is an eventually consistent read of a missing item, 0.5 read
 * request units per cold start (one read of up to 4 KB, halved), needing only dynamodb:GetItem on the table,
 * which the order handler and the read function hold already.
 *
 * Priming never fails and never stalls the init: it is bounded by PRIME_TIMEOUT_MS, its request is aborted then,
 * and any error (DynamoDB unreachable, denied, throttled) is logged once as a warning and swallowed; the first
 * invocation then simply does the work itself, as it would without priming.
 *
 * A function entry primes its client with one line:
 *   await primeDynamoDb({ client, tableName: config.tableName, logger });
 */
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { withDeadline } from './aws-clients';
import { Logger } from './ports';
import { ORDERS_TABLE } from '../../contract/orders-table';

/** Long enough for a TLS connection to DynamoDB in the same region (tens of ms), short against Lambda's 10 s init. */
export const PRIME_TIMEOUT_MS = 500;
/** Order ids are UUIDs; this key can never be one, so the priming read never finds (or costs more than) an item. */
export const PRIME_KEY = 'prime#not-an-order';

export interface PrimeOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly logger: Pick<Logger, 'warn'>;
  readonly timeoutMs?: number;
}

/**
 * Runs one priming request of any SDK client: `send` gets an abort signal that fires after `timeoutMs`. Resolves
 * within the timeout (plus a timer tick) whatever the service does; never rejects. `service` names the client in the
 * one warning a failure or a timeout logs.
 */
export async function primeWithin(
  service: string,
  send: (abortSignal: AbortSignal) => Promise<unknown>,
  logger: Pick<Logger, 'warn'>,
  timeoutMs = PRIME_TIMEOUT_MS,
): Promise<void> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => { abort.abort(); resolve('timeout'); }, timeoutMs);
  });
  const started = Date.now();
  try {
    const outcome = await Promise.race([send(abort.signal).then(() => 'done' as const), timedOut]);
    if (outcome === 'timeout') logger.warn(`${service} client priming timed out`, { timeoutMs });
  } catch (e) {
    logger.warn(`${service} client priming failed`, {
      errorName: (e as Error | undefined)?.name ?? 'Error', elapsedMs: Date.now() - started,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Primes a DynamoDB client with a GetItem of {@link PRIME_KEY}, projected to the key. */
export function primeDynamoDb(o: PrimeOptions): Promise<void> {
  return primeWithin('DynamoDB', (signal) => o.client.send(withDeadline(new GetItemCommand({
    TableName: o.tableName,
    Key: { [ORDERS_TABLE.partitionKey]: { S: PRIME_KEY } },
    ProjectionExpression: ORDERS_TABLE.partitionKey,
  }), signal)), o.logger, o.timeoutMs);
}

/**
 * The EventBridge client's one-time work during init (credentials, endpoint rules, middleware, the connection), as
 * the order handler primes its DynamoDB client. PutEvents cannot be sent empty, so the priming request is
 * DescribeEventBus on the platform's bus: it publishes nothing and changes nothing, costs nothing, and needs only
 * `events:DescribeEventBus` on that bus. Bounded and never failing, like every priming.
 */
export function primeEventBridge(o: { client: EventBridgeClient; busName: string; logger: Pick<Logger, 'warn'>; timeoutMs?: number }): Promise<void> {
  return primeWithin('EventBridge', (signal) => o.client.send(withDeadline(new DescribeEventBusCommand({ Name: o.busName }), signal)),
    o.logger, o.timeoutMs);
}

/**
 * Primes a DynamoDB client that may only write (the status-change function holds dynamodb:UpdateItem alone): an
 * UpdateItem of {@link PRIME_KEY} whose condition can never hold, so DynamoDB refuses it and writes nothing. The
 * refusal is the expected answer; the connection, credentials and the UpdateItem path are warm all the same. On AWS
 * a refused conditional write costs one write request unit per cold start.
 */
export function primeDynamoDbUpdate(o: PrimeOptions): Promise<void> {
  return primeWithin('DynamoDB', async (signal) => {
    try {
      await o.client.send(withDeadline(new UpdateItemCommand({
        TableName: o.tableName,
        Key: { [ORDERS_TABLE.partitionKey]: { S: PRIME_KEY } },
        UpdateExpression: 'SET #primed = :primed',
        ConditionExpression: 'attribute_exists(#key) AND attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': ORDERS_TABLE.partitionKey, '#primed': 'primed' },
        ExpressionAttributeValues: { ':primed': { BOOL: true } },
      }), signal));
    } catch (e) {
      if ((e as Error | undefined)?.name !== 'ConditionalCheckFailedException') throw e;
    }
  }, o.logger, o.timeoutMs);
}
