/**
 * The read function's rehearsal during init (runtime/rehearsal.ts): one made-up request on each route, through the
 * real handler on a client answered in the process. A GetItem answered `{}` found nothing (404, the not-found path)
 * and a Query answered `{}` is an empty page (200, the listing path); both run the request checks, the access rule,
 * the SDK's serializers and parsers, and the response and log code a real read runs.
 */
import { ReadHandler } from './read-orders';
import { API_ROUTES, routeKey } from '../../contract/platform';
import { httpApiEvent } from '../runtime/lambda-events';
import { Logger } from '../runtime/ports';
import { rehearsalContext, rehearse } from '../runtime/rehearsal';

/** A customer no real token names; the token subject is set for TOKEN_OWNER access and ignored under IAM. */
export const REHEARSAL_CUSTOMER = 'rehearsal';
/** An order id in the shape the platform gives (a UUID); the rehearsal's GetItem never leaves the process anyway. */
export const REHEARSAL_ORDER_ID = '00000000-0000-4000-8000-000000000000';

/** The two requests, in the order they run, and the status the real handler answers them with on an empty table. */
export function rehearsalRequests() {
  const common = { requestId: 'rehearsal', timeEpoch: Date.now(), domainName: 'rehearsal', userAgent: 'rehearsal', jwtClaims: { sub: REHEARSAL_CUSTOMER } };
  return [
    {
      expected: 200,
      event: httpApiEvent({
        ...common,
        routeKey: routeKey(API_ROUTES.listCustomerOrders),
        rawPath: `/customers/${REHEARSAL_CUSTOMER}/orders`,
        rawQueryString: 'limit=10',
        queryStringParameters: { limit: '10' },
        pathParameters: { customerId: REHEARSAL_CUSTOMER },
      }),
    },
    {
      expected: 404,
      event: httpApiEvent({
        ...common,
        routeKey: routeKey(API_ROUTES.getOrder),
        rawPath: `/orders/${REHEARSAL_ORDER_ID}`,
        pathParameters: { orderId: REHEARSAL_ORDER_ID },
      }),
    },
  ];
}

/** Runs `rehearsal` (a handler instance without effects) on both requests; resolves whatever happens. */
export function rehearseReads(rehearsal: ReadHandler, logger: Pick<Logger, 'warn'>): Promise<void> {
  return rehearse({
    what: 'Read function',
    run: async () => {
      const statuses: (number | undefined)[] = [];
      for (const r of rehearsalRequests()) statuses.push((await rehearsal(r.event, rehearsalContext())).statusCode);
      return statuses;
    },
    check: (statuses) => {
      const expected = rehearsalRequests().map((r) => r.expected);
      return statuses.every((s, i) => s === expected[i]) ? undefined : { statusCodes: statuses.join(',') };
    },
    logger,
  });
}
