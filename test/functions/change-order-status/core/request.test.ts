/** The status-change routes' HTTP layer: who asks, the path, If-Match and the body, each refusal naming its field. */
import { parseIfMatch, readCancelRequest, readStatusRequest } from '../../../../src/functions/change-order-status/core/request';
import { ClientError } from '../../../../src/functions/model/errors';
import { cancelEvent, SERVICE_ARN, statusEvent } from '../support';

function refusal(fn: () => unknown): { status: number; field: string | null; rule: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ClientError) return { status: e.statusCode, field: e.field, rule: e.rule };
    throw e;
  }
  throw new Error('accepted');
}

describe('If-Match', () => {
  test.each([[undefined, undefined], ['*', undefined], [' * ', undefined], ['"1"', 1], ['"42"', 42]])('%j -> %j', (value, expected) => {
    expect(parseIfMatch(value)).toBe(expected);
  });
  test.each(['1', '"0"', 'W/"1"', '"1", "2"', '""', '"01"', '"abc"'])('%j is 400 naming If-Match', (value) => {
    expect(refusal(() => parseIfMatch(value))).toEqual({ status: 400, field: 'If-Match', rule: 'format' });
  });
});

describe('cancel', () => {
  test('IAM access: by service, the caller ARN for the audit, body optional', () => {
    expect(readCancelRequest(cancelEvent('o-1'), 'IAM')).toEqual({ orderId: 'o-1', to: 'cancelled', by: 'service', principal: SERVICE_ARN });
    expect(readCancelRequest(cancelEvent('o-1', { reason: 'Changed my mind' }, { ifMatch: '"3"' }), 'IAM'))
      .toEqual({ orderId: 'o-1', to: 'cancelled', by: 'service', principal: SERVICE_ARN, reason: 'Changed my mind', expectedVersion: 3 });
  });
  test('token access: by customer, the token subject is both the owner and the audit principal', () => {
    expect(readCancelRequest(cancelEvent('o-1', undefined, { sub: 'cust-1' }), 'TOKEN_OWNER'))
      .toEqual({ orderId: 'o-1', to: 'cancelled', by: 'customer', principal: 'cust-1', owner: 'cust-1' });
  });
  test.each<[string, () => unknown, object]>([
    ['token access without a sub', () => readCancelRequest(cancelEvent('o-1'), 'TOKEN_OWNER'), { status: 403, field: 'Authorization', rule: 'tokenSubject' }],
    ['IAM access without a caller', () => readCancelRequest(cancelEvent('o-1', undefined, { iam: null }), 'IAM'), { status: 403, field: 'Authorization', rule: 'callerIdentity' }],
    ['a blank order id', () => readCancelRequest(cancelEvent(' '), 'IAM'), { status: 400, field: 'orderId', rule: 'notEmpty' }],
    ['an unknown field', () => readCancelRequest(cancelEvent('o-1', { status: 'cancelled' }), 'IAM'), { status: 400, field: 'status', rule: 'unknownField' }],
    ['a reason of 501 characters', () => readCancelRequest(cancelEvent('o-1', { reason: 'r'.repeat(501) }), 'IAM'), { status: 400, field: 'reason', rule: 'maxLength' }],
    ['a reason with a control character', () => readCancelRequest(cancelEvent('o-1', { reason: 'a\u0007' }), 'IAM'), { status: 400, field: 'reason', rule: 'characters' }],
    ['a body that is not JSON', () => readCancelRequest(cancelEvent('o-1', '{'), 'IAM'), { status: 400, field: 'body', rule: 'json' }],
    ['a body that is an array', () => readCancelRequest(cancelEvent('o-1', '[]'), 'IAM'), { status: 400, field: 'body', rule: 'type' }],
    ['a body without Content-Type', () => readCancelRequest(cancelEvent('o-1', '{}', { headers: { 'content-type': 'text/plain' } }), 'IAM'), { status: 415, field: 'Content-Type', rule: 'mediaType' }],
  ])('%s', (_, fn, expected) => {
    expect(refusal(fn)).toEqual(expected);
  });
});

describe('status', () => {
  test('a shipment only with shipped, both its fields required', () => {
    const shipment = { carrier: 'UPS', trackingNumber: '1Z999' };
    expect(readStatusRequest(statusEvent('o-1', { status: 'shipped', shipment, reason: 'Left the warehouse' })))
      .toEqual({ orderId: 'o-1', to: 'shipped', by: 'service', principal: SERVICE_ARN, shipment, reason: 'Left the warehouse' });
    expect(refusal(() => readStatusRequest(statusEvent('o-1', { status: 'confirmed', shipment }))))
      .toEqual({ status: 400, field: 'shipment', rule: 'onlyWhenShipped' });
    expect(refusal(() => readStatusRequest(statusEvent('o-1', { status: 'shipped', shipment: { carrier: 'UPS' } }))))
      .toEqual({ status: 400, field: 'shipment.trackingNumber', rule: 'required' });
    expect(refusal(() => readStatusRequest(statusEvent('o-1', { status: 'shipped', shipment: { ...shipment, carrier: 'c'.repeat(101) } }))))
      .toEqual({ status: 400, field: 'shipment.carrier', rule: 'maxLength' });
    expect(refusal(() => readStatusRequest(statusEvent('o-1', { status: 'shipped', shipment: { ...shipment, eta: 'x' } }))))
      .toEqual({ status: 400, field: 'shipment.eta', rule: 'unknownField' });
  });
  test.each(['pending', 'Confirmed', 'lost', 3])('status %j is 400 naming status', (status) => {
    expect(refusal(() => readStatusRequest(statusEvent('o-1', { status })))).toEqual({ status: 400, field: 'status', rule: 'enum' });
  });
  test('a token never authorizes the status route: without the IAM caller it is 403', () => {
    expect(refusal(() => readStatusRequest(statusEvent('o-1', { status: 'confirmed' }, { sub: 'cust-1' }))))
      .toEqual({ status: 403, field: 'Authorization', rule: 'callerIdentity' });
  });
  test('the body is required', () => {
    expect(refusal(() => readStatusRequest(statusEvent('o-1', undefined)))).toMatchObject({ status: 415 });
    expect(refusal(() => readStatusRequest(statusEvent('o-1', undefined, { headers: { 'content-type': 'application/json' } }))))
      .toEqual({ status: 400, field: 'body', rule: 'required' });
  });
});
