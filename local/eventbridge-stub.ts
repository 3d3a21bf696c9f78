/**
 * A local stand-in for the EventBridge endpoint: an HTTP server on 127.0.0.1 that speaks PutEvents' AWS JSON 1.1
 * protocol (POST /, `X-Amz-Target: AWSEvents.PutEvents`) and records every entry. The consumer reaches it through
 * the SDK's own AWS_ENDPOINT_URL_EVENTBRIDGE, so nothing in the consumer knows it is local. It does not check
 * signatures; it can be told to fail chosen entries, as EventBridge does per entry (`ErrorCode`, `FailedEntryCount`).
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';

/** One entry as EventBridge received it. `detail` is the raw Detail text, exactly as sent. */
export interface RecordedEvent {
  readonly eventId: string;
  /** Epoch milliseconds when the stub received the PutEvents request. */
  readonly receivedAt: number;
  readonly eventBusName?: string;
  readonly source: string;
  readonly detailType: string;
  /** Epoch seconds of the entry's Time, as the SDK sends it. */
  readonly time?: number;
  readonly detail: string;
}

interface RequestEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number;
}

/** Returns an ErrorCode to fail the entry, or undefined to accept it. */
export type EntryFailure = (entry: RequestEntry, index: number) => string | undefined;

export interface EventBridgeStub {
  readonly url: string;
  /** Accepted entries, in arrival order. */
  readonly events: RecordedEvent[];
  /** PutEvents requests received (accepted or not). */
  readonly requests: number;
  /** DescribeEventBus requests received (the consumer's priming during init). */
  readonly describeRequests: number;
  /** Entries failed on purpose so far. */
  readonly failedEntries: number;
  failEntries(rule: EntryFailure | undefined): void;
  stop(): Promise<void>;
}

export async function startEventBridgeStub(options: { port?: number; onEvent?: (e: RecordedEvent) => void } = {}): Promise<EventBridgeStub> {
  const events: RecordedEvent[] = [];
  let requests = 0;
  let describeRequests = 0;
  let failedEntries = 0;
  let failure: EntryFailure | undefined;

  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = Date.now();
      if (req.method === 'POST' && req.headers['x-amz-target'] === 'AWSEvents.DescribeEventBus') {
        // The consumer primes its client with DescribeEventBus during init; any bus name exists here.
        let name = 'default';
        try {
          name = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Name?: string }).Name ?? name;
        } catch { /* an unreadable body describes the default bus */ }
        describeRequests++;
        reply(res, 200, { Name: name, Arn: `arn:aws:events:us-east-1:000000000000:event-bus/${name}` });
        return;
      }
      if (req.method !== 'POST' || req.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
        reply(res, 400, { __type: 'UnknownOperationException', message: `The local EventBridge stand-in only implements PutEvents and DescribeEventBus (got ${req.headers['x-amz-target']})` });
        return;
      }
      let entries: RequestEntry[];
      try {
        entries = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries?: RequestEntry[] }).Entries ?? [];
      } catch {
        reply(res, 400, { __type: 'SerializationException', message: 'Body is not JSON' });
        return;
      }
      requests++;
      let failed = 0;
      const results = entries.map((entry, i) => {
        const errorCode = failure?.(entry, i);
        if (errorCode) {
          failed++;
          return { ErrorCode: errorCode, ErrorMessage: 'Failed on purpose by the local EventBridge stand-in' };
        }
        const event: RecordedEvent = {
          eventId: randomUUID(),
          receivedAt,
          eventBusName: entry.EventBusName,
          source: entry.Source ?? '',
          detailType: entry.DetailType ?? '',
          time: entry.Time,
          detail: entry.Detail ?? '',
        };
        events.push(event);
        options.onEvent?.(event);
        return { EventId: event.eventId };
      });
      failedEntries += failed;
      reply(res, 200, { FailedEntryCount: failed, Entries: results });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    get requests() { return requests; },
    get describeRequests() { return describeRequests; },
    get failedEntries() { return failedEntries; },
    failEntries: (rule) => { failure = rule; },
    stop: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/**
 * The recorded events as one JSON document, each detail embedded as the text the consumer sent (never re-rendered
 * through JSON.parse, so `109.97` is shown as received).
 */
export function recordedEventsJson(events: readonly RecordedEvent[]): string {
  const items = events.map((e) => {
    const { detail, ...meta } = e;
    const head = JSON.stringify(meta);
    return `${head.slice(0, -1)},"detail":${detail || 'null'}}`;
  });
  return `{"localOnly":true,"count":${events.length},"events":[\n${items.join(',\n')}\n]}\n`;
}
