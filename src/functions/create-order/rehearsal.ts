/**
 * The order handler's rehearsal during init (runtime/rehearsal.ts): one made-up order through the whole request path.
 * Priming (runtime/prime.ts) does the client's network work; what it cannot reach is everything a PutItem does that
 * a GetItem does not, and the handler's own code: reading and validating the request, money, the idempotency hashes,
 * the record, marshalling, the response, the log and metric lines.
 */
import { OrderHandler } from './create-order';
import { IDEMPOTENCY_KEY_HEADER } from '../model/limits';
import { httpApiEvent } from '../runtime/lambda-events';
import { Logger } from '../runtime/ports';
import { rehearsalContext, rehearse } from '../runtime/rehearsal';

export { rehearsalContext };

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

export function rehearsalEvent() {
  return httpApiEvent({
    routeKey: 'POST /orders',
    rawPath: '/orders',
    headers: { 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: 'rehearsal-during-init', 'user-agent': 'rehearsal' },
    requestId: 'rehearsal',
    timeEpoch: Date.now(),
    domainName: 'rehearsal',
    body: JSON.stringify(REHEARSAL_ORDER),
  });
}

/** Runs `rehearsal` (a handler instance without effects) on the made-up order; resolves whatever happens. */
export function rehearseOrder(rehearsal: OrderHandler, logger: Pick<Logger, 'warn'>): Promise<void> {
  return rehearse({
    what: 'Order handler',
    run: () => rehearsal(rehearsalEvent(), rehearsalContext()),
    check: (res) => res.statusCode === 200 ? undefined : { statusCode: res.statusCode },
    logger,
  });
}
