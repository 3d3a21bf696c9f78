/**
 * The status-change function's rehearsal during init (runtime/rehearsal.ts): one made-up change through the real
 * handler on a client answered in the process. The UpdateItem is answered with the order as the change would leave
 * it, so the request checks, the transition, the SDK's serializer and parser, the order view, the metrics and the
 * response code run as for a real change, and nothing is written.
 */
import { StatusChangeHandler } from './change-order-status';
import { API_ROUTES, routeKey } from '../../contract/platform';
import { CURRENCY } from '../model/limits';
import { httpApiEvent, PLACEHOLDER_ACCOUNT_ID } from '../runtime/lambda-events';
import { Logger } from '../runtime/ports';
import { rehearsalContext, rehearse } from '../runtime/rehearsal';

/** An order id in the shape the platform gives (a UUID); the rehearsal's UpdateItem never leaves the process. */
export const REHEARSAL_ORDER_ID = '00000000-0000-4000-8000-000000000000';
const CREATED_AT = '2026-01-01T00:00:00.000Z';

/** The made-up change: a service confirms a pending order, as the status route's IAM caller would. */
export function rehearsalRequest() {
  const event = httpApiEvent({
    requestId: 'rehearsal',
    timeEpoch: Date.now(),
    domainName: 'rehearsal',
    userAgent: 'rehearsal',
    routeKey: routeKey(API_ROUTES.changeOrderStatus),
    rawPath: `/orders/${REHEARSAL_ORDER_ID}/status`,
    pathParameters: { orderId: REHEARSAL_ORDER_ID },
    headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    body: JSON.stringify({ status: 'confirmed', reason: 'rehearsal' }),
  });
  // What API Gateway's IAM authorization adds once a signature checked out.
  (event.requestContext as unknown as Record<string, unknown>).authorizer = {
    iam: { userArn: `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:role/rehearsal`, accountId: PLACEHOLDER_ACCOUNT_ID },
  };
  return event;
}

/** What DynamoDB returns (ALL_NEW) for that change: the order, confirmed, at version 2. */
export function rehearsalUpdateReply(): object {
  const s = (value: string) => ({ S: value });
  const history = (status: string, by: string) => ({ M: { status: s(status), at: s(CREATED_AT), by: s(by) } });
  return {
    Attributes: {
      orderId: s(REHEARSAL_ORDER_ID),
      customerId: s('rehearsal'),
      items: { L: [{ M: { productId: s('rehearsal'), quantity: { N: '1' }, price: { N: '1' } } }] },
      totalAmount: { N: '1' },
      totalAmountCents: { N: '100' },
      currency: s(CURRENCY),
      status: s('confirmed'),
      orderTimestamp: { N: String(Date.parse(CREATED_AT)) },
      createdAt: s(CREATED_AT),
      updatedAt: s(CREATED_AT),
      version: { N: '2' },
      statusHistory: { L: [history('pending', 'customer'), history('confirmed', 'service')] },
    },
  };
}

/** Runs `rehearsal` (a handler instance without effects) on the made-up change; resolves whatever happens. */
export function rehearseStatusChange(rehearsal: StatusChangeHandler, logger: Pick<Logger, 'warn'>): Promise<void> {
  return rehearse({
    what: 'Status-change function',
    run: async () => rehearsal(rehearsalRequest(), rehearsalContext()),
    check: (result) => (result.statusCode === 200 ? undefined : { statusCode: result.statusCode ?? 0 }),
    logger,
  });
}
