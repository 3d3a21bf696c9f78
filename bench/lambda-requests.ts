/**
 * The invocations the benchmark's child processes send the bundles, built with the runtime kit's one builder of the
 * API Gateway v2 event and the Lambda context (src/functions/runtime/lambda-events.ts). Bundled like a handler
 * (bench-bundles.ts) and imported by bench/time-first-request.mjs and the CPU-per-order script before they time
 * anything, so the timed spans hold only the function.
 */
import { API_ROUTES, routeKey } from '../src/contract/platform';
import { httpApiEvent, lambdaContext } from '../src/functions/runtime/lambda-events';

/** What each function is invoked with: an order, a listing of a customer's orders, a stream batch of one new order. */
export type RequestKind = 'create-order' | 'read-orders' | 'order-events';

export interface RequestOptions {
  /** The order body (create-order). */
  readonly body: string;
  /** The customer whose orders are listed (read-orders). */
  readonly customerId: string;
  readonly memoryMb: number;
}

const requestId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Invocation `i` of `kind`: its event and a fresh 30 s context. */
export function invocation(kind: RequestKind, i: number, o: RequestOptions) {
  const context = lambdaContext({ awsRequestId: requestId(i), functionName: 'bench', memoryLimitInMB: o.memoryMb, timeoutMs: 30_000, startedAt: Date.now() });
  const common = { requestId: `r${i}`, timeEpoch: Date.now(), domainName: '127.0.0.1', userAgent: 'bench' };
  if (kind === 'create-order') {
    const headers = { 'content-type': 'application/json', 'host': '127.0.0.1', 'user-agent': 'bench' };
    return { context, event: httpApiEvent({ ...common, routeKey: 'POST /orders', rawPath: '/orders', headers, body: o.body }) };
  }
  if (kind === 'read-orders') {
    const rawPath = `/customers/${encodeURIComponent(o.customerId)}/orders`;
    const event = httpApiEvent({
      ...common,
      routeKey: routeKey(API_ROUTES.listCustomerOrders),
      rawPath,
      pathParameters: { customerId: o.customerId },
      jwtClaims: { sub: o.customerId },
    });
    return { context, event };
  }
  return { context, event: streamBatch(i) };
}

/** Whether the function answered as it answers a good request. */
export function succeeded(kind: RequestKind, result: unknown): boolean {
  if (kind === 'order-events') return (result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length === 0;
  return (result as { statusCode?: number } | undefined)?.statusCode === 200;
}

/** One INSERT record of a stored order (its own id per invocation), as the table's stream delivers it. */
function streamBatch(i: number) {
  const now = Date.now();
  const orderId = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    Records: [{
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: String(1_000_000 + i),
        Keys: { orderId: { S: orderId } },
        NewImage: {
          orderId: { S: orderId },
          customerId: { S: 'cust-bench' },
          items: { L: [{ M: { productId: { S: 'prod-1' }, quantity: { N: '2' }, price: { N: '29.99' } } }, { M: { productId: { S: 'prod-2' }, quantity: { N: '1' }, price: { N: '49.99' } } }] },
          totalAmount: { N: '109.97' },
          totalAmountCents: { N: '10997' },
          currency: { S: 'USD' },
          status: { S: 'pending' },
          shippingAddress: { M: { street: { S: '123 Main St' }, city: { S: 'Anytown' }, state: { S: 'NY' }, zipCode: { S: '12345' } } },
          orderTimestamp: { N: String(now) },
          createdAt: { S: new Date(now).toISOString() },
        },
      },
    }],
  };
}
