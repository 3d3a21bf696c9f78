/** Builders shared by the handler tests: payload-2.0 events, a Lambda context, in-memory fakes. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SEED_EXAMPLE_ORDER } from '../../../local/seed-example';
import { OrderRecord } from '../../../src/functions/create-order/core/order-record';
import { OrderStore, PutResult, StoredOrderSummary } from '../../../src/functions/create-order/ports';
import { httpApiEvent, lambdaContext as kitLambdaContext } from '../../../src/functions/runtime/lambda-events';

/** The seed's curl example. */
export const SEED_BODY = SEED_EXAMPLE_ORDER;

/** The seed example as the handler stores it (DynamoDB attribute values), except its id and two timestamps. */
export const SEED_STORED_ATTRIBUTES = {
  customerId: { S: 'cust-12345' },
  items: {
    L: [
      { M: { productId: { S: 'prod-1' }, quantity: { N: '2' }, price: { N: '29.99' } } },
      { M: { productId: { S: 'prod-2' }, quantity: { N: '1' }, price: { N: '49.99' } } },
    ],
  },
  totalAmount: { N: '109.97' },
  totalAmountCents: { N: '10997' },
  currency: { S: 'USD' },
  status: { S: 'pending' },
  shippingAddress: { M: { street: { S: '123 Main St' }, city: { S: 'Anytown' }, state: { S: 'NY' }, zipCode: { S: '12345' } } },
};

export interface EventOptions {
  readonly headers?: Record<string, string>;
  readonly base64?: boolean;
  readonly sub?: unknown;
}

/** A payload format 2.0 event (the runtime kit's builder). `body` is sent verbatim when a string, else JSON-encoded. */
export function orderEvent(body: unknown, opts: EventOptions = {}): APIGatewayProxyEventV2 {
  let text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  if (opts.base64 && text !== undefined) text = Buffer.from(text, 'utf8').toString('base64');
  return httpApiEvent({
    routeKey: 'POST /orders',
    rawPath: '/orders',
    headers: opts.headers ?? { 'content-type': 'application/json' },
    requestId: 'apigw-req',
    timeEpoch: 0,
    domainName: 'api.example.com',
    accountId: '123456789012',
    apiId: 'api',
    sourceIp: '192.0.2.1',
    userAgent: 'test',
    ...(opts.sub !== undefined && { jwtClaims: { sub: opts.sub } }),
    isBase64Encoded: opts.base64 ?? false,
    ...(text !== undefined && { body: text }),
  });
}

/** An invocation context (the runtime kit's builder) with `remainingMs` left throughout. */
export function lambdaContext(requestId = 'req-1', remainingMs = 29_000): Context {
  return kitLambdaContext({ awsRequestId: requestId, functionName: 'orders', memoryLimitInMB: 256, timeoutMs: remainingMs, startedAt: 0, now: () => 0 });
}

/** A store with DynamoDB's conditional-put semantics, in memory. */
export class MemoryStore implements OrderStore {
  public readonly rows = new Map<string, OrderRecord>();
  public puts = 0;
  async putIfAbsent(record: OrderRecord): Promise<PutResult> {
    this.puts++;
    const existing = this.rows.get(record.orderId);
    if (!existing) {
      this.rows.set(record.orderId, record);
      return { created: true };
    }
    const summary: StoredOrderSummary = {
      orderId: existing.orderId,
      customerId: existing.customerId,
      createdAt: existing.createdAt,
      totalAmount: existing.totalAmount,
      version: existing.version,
      ...(existing.requestHash && { requestHash: existing.requestHash }),
    };
    return { created: false, existing: summary };
  }
}

/** Collects log lines / EMF documents as parsed objects. */
export function lineSink() {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => { lines.push(JSON.parse(line)); } };
}

export function parseBody(res: { body?: string }): Record<string, unknown> {
  return JSON.parse(res.body ?? '');
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing property case can be reproduced. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0; // eslint-disable-line no-bitwise
    let t = Math.imul(a ^ (a >>> 15), 1 | a); // eslint-disable-line no-bitwise
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; // eslint-disable-line no-bitwise
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296; // eslint-disable-line no-bitwise
  };
}
