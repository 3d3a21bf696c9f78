/**
 * Runs the order-events consumer bundle locally the way Lambda's DynamoDB event source mapping runs it: poll the
 * table's stream (DynamoDB Local implements the Streams API), keep only INSERT and MODIFY records (the mapping's filter),
 * invoke the bundle with Lambda's stream event, and retry from the first reported batch item failure, a bounded
 * number of times, before setting the batch aside as the on-failure destination would. The consumer publishes to
 * the local EventBridge stand-in (eventbridge-stub.ts) through AWS_ENDPOINT_URL_EVENTBRIDGE; it has no local path.
 *
 * Differences from Lambda, on purpose: one poller for all shards, no bisection (the bundle reports the exact
 * failures anyway), and a short fixed back-off.
 */
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { EventBridgeStub, startEventBridgeStub } from './eventbridge-stub';
import { FUNCTION_DEFAULTS, ORDER_EVENTS_DEFAULTS, ORDER_EVENTS_ENV, ORDER_EVENTS_STREAM_EVENT_NAMES, orderEventSource } from '../src/contract/platform';
import { lambdaContext } from '../src/functions/runtime/lambda-events';

/** A stream record in the shape Lambda gives the function. */
export interface LambdaStreamRecord {
  readonly eventID?: string;
  readonly eventName?: string;
  readonly eventVersion: '1.1';
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly dynamodb: Record<string, unknown> & { SequenceNumber?: string };
}

export type StreamHandler = (event: { Records: LambdaStreamRecord[] }, context: unknown) => Promise<unknown>;

/** What Lambda would send to the on-failure destination for a batch whose retries were spent. */
export interface FailedBatch {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly batchSize: number;
  readonly reason: string;
}

/** Lambda's event shape for one Streams API record: dates become epoch seconds, the rest is the same JSON. */
export function toLambdaRecord(r: _Record, streamArn: string): LambdaStreamRecord {
  const d = r.dynamodb ?? {};
  const approx = d.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? LOCAL_REGION,
    eventSourceARN: streamArn,
    dynamodb: { ...d, ...(approx instanceof Date && { ApproximateCreationDateTime: Math.floor(approx.getTime() / 1000) }) },
  };
}

export const isInsert = (r: { eventName?: string }) => r.eventName === 'INSERT';
/** The mapping's filter: `{"eventName": ["INSERT", "MODIFY"]}`. */
export const isConsumed = (r: { eventName?: string }) => (ORDER_EVENTS_STREAM_EVENT_NAMES as readonly (string | undefined)[]).includes(r.eventName);

/** The table's stream ARN; turns the stream on (NEW_AND_OLD_IMAGES, as deployed) for a table created without one. */
export async function ensureTableStream(client: DynamoDBClient, tableName: string): Promise<string> {
  const table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  if (table?.StreamSpecification?.StreamEnabled && table.LatestStreamArn) return table.LatestStreamArn;
  const out = await client.send(new UpdateTableCommand({
    TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  }));
  const arn = out.TableDescription?.LatestStreamArn;
  if (!arn) throw new Error(`Could not enable a stream on table ${tableName}`);
  return arn;
}

export function streamsClient(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
}

/** Every record the stream holds now, from the oldest, as Lambda-shaped records (all event names). */
export async function readStreamRecords(client: DynamoDBStreamsClient, streamArn: string): Promise<LambdaStreamRecord[]> {
  const out: LambdaStreamRecord[] = [];
  const shards = (await client.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? [];
  for (const shard of shards) {
    let iterator = (await client.send(new GetShardIteratorCommand({
      StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON',
    }))).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      out.push(...(page.Records ?? []).map((r) => toLambdaRecord(r, streamArn)));
      // An open shard always returns a next iterator; stop at its current end.
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}

const seq = (r: LambdaStreamRecord) => BigInt(r.dynamodb.SequenceNumber ?? '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LocalStreamConsumerOptions {
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  readonly handler: StreamHandler;
  /** How often each shard is polled when it has nothing new; Lambda polls about 4 times a second. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Retries of a failing batch before it is set aside. Default: the deployed mapping's. */
  readonly retryAttempts?: number;
  readonly batchSize?: number;
  readonly onFailedBatch?: (batch: FailedBatch) => void;
  readonly log?: (line: string) => void;
}

export interface LocalStreamConsumer {
  readonly streamArn: string;
  readonly failedBatches: FailedBatch[];
  /** Records handed to the consumer (INSERTs only). */
  readonly delivered: number;
  stop(): Promise<void>;
}

/** Starts polling from the oldest record of the stream (TRIM_HORIZON, as the construct's mapping). */
export async function startLocalStreamConsumer(options: LocalStreamConsumerOptions): Promise<LocalStreamConsumer> {
  const ddb = new DynamoDBClient({ endpoint: options.dynamoDbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
  const streamArn = await ensureTableStream(ddb, options.tableName);
  ddb.destroy();
  const client = streamsClient(options.dynamoDbEndpoint);
  const pollMs = options.pollIntervalMs ?? 250;
  const retryAttempts = options.retryAttempts ?? ORDER_EVENTS_DEFAULTS.retryAttempts;
  const batchSize = options.batchSize ?? ORDER_EVENTS_DEFAULTS.batchSize;
  const log = options.log ?? (() => undefined);
  const failedBatches: FailedBatch[] = [];
  const iterators = new Map<string, string | undefined>();
  let delivered = 0;
  let stopping = false;

  /** Invokes until the batch succeeds or its retries are spent; records before the first failure are done. */
  async function deliver(shardId: string, records: LambdaStreamRecord[]) {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let failedFrom: bigint | undefined;
      let reason = '';
      try {
        const context = lambdaContext({
          awsRequestId: randomUUID(),
          functionName: 'order-events',
          memoryLimitInMB: FUNCTION_DEFAULTS.memorySizeMb,
          timeoutMs: ORDER_EVENTS_DEFAULTS.timeoutSeconds * 1000,
          startedAt: Date.now(),
        });
        const res = (await options.handler({ Records: pending }, context)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
        const ids = (res?.batchItemFailures ?? []).map((f) => BigInt(f.itemIdentifier));
        if (ids.length === 0) return;
        failedFrom = ids.reduce((a, b) => (b < a ? b : a));
        reason = `${ids.length} batch item failure(s)`;
      } catch (err) {
        failedFrom = seq(pending[0]);
        reason = `function error: ${(err as Error).message}`;
      }
      // As Lambda: retry from the lowest failed sequence number, so later records of the batch are sent again.
      const retry = pending.filter((r) => seq(r) >= failedFrom!);
      if (attempt >= retryAttempts) {
        const failed: FailedBatch = {
          shardId,
          startSequenceNumber: retry[0].dynamodb.SequenceNumber!,
          endSequenceNumber: retry[retry.length - 1].dynamodb.SequenceNumber!,
          batchSize: retry.length,
          reason,
        };
        failedBatches.push(failed);
        options.onFailedBatch?.(failed);
        log(`[order-events] batch set aside after ${retryAttempts} retries (${reason}): ${JSON.stringify(failed)}`);
        return;
      }
      pending = retry;
      await sleep(Math.min(1000, 50 * 2 ** attempt));
    }
  }

  async function refreshShards() {
    const shards = (await client.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? [];
    for (const shard of shards) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const it = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      iterators.set(shard.ShardId, it.ShardIterator);
    }
  }

  const loop = (async () => {
    while (!stopping) {
      let busy = false;
      try {
        await refreshShards();
        for (const [shardId, iterator] of iterators) {
          if (!iterator || stopping) continue;
          const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
          iterators.set(shardId, page.NextShardIterator);
          const inserts = (page.Records ?? []).map((r) => toLambdaRecord(r, streamArn)).filter(isConsumed);
          if (inserts.length > 0) {
            busy = true;
            delivered += inserts.length;
            await deliver(shardId, inserts);
          }
        }
      } catch (err) {
        if (!stopping) log(`[order-events] stream poll failed (retrying): ${(err as Error).message}`);
      }
      if (!busy && !stopping) await sleep(pollMs);
    }
  })();

  return {
    streamArn,
    failedBatches,
    get delivered() { return delivered; },
    stop: async () => {
      stopping = true;
      await loop;
      client.destroy();
    },
  };
}

export interface LocalOrderEventsOptions {
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  /** Loads the consumer bundle's handler (the local API's own loader). */
  readonly load: (bundlePath: string) => Promise<StreamHandler>;
  readonly bundlePath: string;
  /** Project name of the events' Source. Default the construct's default. */
  readonly projectName?: string;
  /** One line per event published and per batch set aside. */
  readonly log?: (line: string) => void;
  readonly pollIntervalMs?: number;
}

export interface LocalOrderEvents {
  readonly stub: EventBridgeStub;
  readonly consumer: LocalStreamConsumer;
  stop(): Promise<void>;
}

/**
 * The EventBridge stand-in, the consumer bundle (configured by environment exactly as the construct configures it,
 * plus AWS_ENDPOINT_URL_EVENTBRIDGE) and the stream poller, in this process. Call after the region and credentials
 * are in process.env: the bundle builds its client at import.
 */
export async function startLocalOrderEvents(options: LocalOrderEventsOptions): Promise<LocalOrderEvents> {
  const log = options.log ?? (() => undefined);
  const projectName = options.projectName ?? 'ecommerce-orders';
  const stub = await startEventBridgeStub({
    onEvent: (e) => log(`[event] ${e.detailType} ${eventOrderId(e.detail)} on ${e.eventBusName}: ${e.detail}`),
  });
  try {
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = stub.url;
    process.env[ORDER_EVENTS_ENV.bus] = `arn:aws:events:${LOCAL_REGION}:000000000000:event-bus/${projectName}-local-orders`;
    process.env[ORDER_EVENTS_ENV.source] = orderEventSource(projectName);
    const handler = await options.load(options.bundlePath);
    const consumer = await startLocalStreamConsumer({
      dynamoDbEndpoint: options.dynamoDbEndpoint,
      tableName: options.tableName,
      handler,
      pollIntervalMs: options.pollIntervalMs,
      log,
    });
    return {
      stub,
      consumer,
      stop: async () => {
        await consumer.stop();
        await stub.stop();
      },
    };
  } catch (err) {
    await stub.stop();
    throw err;
  }
}

function eventOrderId(detail: string): string {
  return /"orderId":"([^"]*)"/.exec(detail)?.[1] ?? '?';
}
