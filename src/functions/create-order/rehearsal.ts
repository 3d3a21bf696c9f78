/**
 * The init's rehearsal of one order: the whole request path run once on a made-up order, so the first real
 * invocation finds every function of it compiled and every lazy structure built. Priming (io/prime.ts) does the
 * client's network work (credentials, endpoint, connection); what it cannot reach is everything a PutItem does that a
 * GetItem does not, and the handler's own code: reading and validating the request, money, the idempotency hashes,
 * the record, marshalling, the response, the log and metric lines. Measured on the benchmark, that work made the
 * first invocation about twice a warm one.
 *
 * The rehearsal has no effect outside the process: its handler instance is built by the same factory as the real
 * one, but its DynamoDB calls are answered inside the process (io/aws-clients.ts, answeredInProcess) and its log and
 * metric lines go nowhere. It never fails the init: a rehearsal that throws or does not answer 200 is logged once as
 * a warning, and the first invocation then simply compiles what it needs itself.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { OrderHandler } from './create-order';
import { IDEMPOTENCY_KEY_HEADER } from '../model/limits';
import { Logger } from '../runtime/ports';

/** A valid order, shaped like a typical one (two lines, an address), with an Idempotency-Key to reach that path too. */
export const REHEARSAL_ORDER = {
  customerId: 'rehearsal',
  items: [
    { productId: 'rehearsal-1', quantity: 2, price: 29.99 },
    { productId: 'rehearsal-2', quantity: 1, price: 49.99 },
  ],
  totalAmount: 109.97,
  shippingAddress: { street: '1 Rehearsal Way', city: 'Init', state: 'NA', zipCode: '00000' },
};

export function rehearsalEvent(): APIGatewayProxyEventV2 {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: 'POST /orders',
    rawPath: '/orders',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: 'rehearsal-during-init' },
    requestContext: {
      accountId: 'rehearsal',
      apiId: 'rehearsal',
      domainName: 'rehearsal',
      domainPrefix: 'rehearsal',
      http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'rehearsal' },
      requestId: 'rehearsal',
      routeKey: 'POST /orders',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
    body: JSON.stringify(REHEARSAL_ORDER),
    isBase64Encoded: false,
  };
}

export function rehearsalContext(): Context {
  const fail = () => { throw new Error('not available during the rehearsal'); };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'rehearsal',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'rehearsal',
    memoryLimitInMB: '0',
    awsRequestId: 'rehearsal',
    logGroupName: 'rehearsal',
    logStreamName: 'rehearsal',
    getRemainingTimeInMillis: () => 30_000,
    done: fail,
    fail,
    succeed: fail,
  };
}

/** Runs `rehearsal` (a handler instance without effects) on the made-up order; resolves whatever happens. */
export async function rehearseOrder(rehearsal: OrderHandler, logger: Pick<Logger, 'warn'>): Promise<void> {
  try {
    const res = await rehearsal(rehearsalEvent(), rehearsalContext());
    if (res.statusCode !== 200) logger.warn('Order handler rehearsal did not succeed', { statusCode: res.statusCode });
  } catch (e) {
    logger.warn('Order handler rehearsal failed', { errorName: (e as Error | undefined)?.name ?? 'Error' });
  }
}
