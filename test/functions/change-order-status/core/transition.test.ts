/** The transition decision: what the one write requires, and why a refused write was refused. */
import { StatusChangeRequest } from '../../../../src/functions/change-order-status/core/request';
import { changeOf, explainRefusal } from '../../../../src/functions/change-order-status/core/transition';
import { updateOf } from '../../../../src/functions/change-order-status/io/dynamo-status-store';
import { ALLOWED_TRANSITIONS, fromStatuses, ORDER_STATUSES, TARGET_STATUSES } from '../../../../src/functions/model/order-status';
import { MalformedOrderError, StoredItem } from '../../../../src/functions/model/order-view';

const NOW = Date.UTC(2026, 0, 16, 9, 0, 0);
const request = (extra: Partial<StatusChangeRequest> = {}): StatusChangeRequest =>
  ({ orderId: 'o-1', to: 'shipped', by: 'service', principal: 'arn:aws:iam::1:role/r', ...extra });
const item = (status: string, extra: Record<string, unknown> = {}): StoredItem =>
  ({ orderId: { S: 'o-1' }, customerId: { S: 'cust-1' }, status: { S: status }, ...extra } as StoredItem);

describe('the transitions table', () => {
  test('delivered and cancelled are final; nothing leads back to pending; cancel only before shipping', () => {
    expect(ALLOWED_TRANSITIONS.delivered).toEqual([]);
    expect(ALLOWED_TRANSITIONS.cancelled).toEqual([]);
    expect(fromStatuses('pending')).toEqual([]);
    expect(fromStatuses('cancelled')).toEqual(['pending', 'confirmed']);
    expect(TARGET_STATUSES).toEqual(['confirmed', 'shipped', 'delivered', 'cancelled']);
    for (const s of ORDER_STATUSES) expect(ALLOWED_TRANSITIONS[s]).not.toContain(s);
  });
});

describe('changeOf', () => {
  test('the condition (allowed current statuses, owner, version) and the entries, at one instant', () => {
    const change = changeOf(request({ owner: 'cust-1', expectedVersion: 2, reason: 'r' }), NOW);
    expect(change).toEqual({
      orderId: 'o-1',
      to: 'shipped',
      from: ['confirmed'],
      owner: 'cust-1',
      expectedVersion: 2,
      at: '2026-01-16T09:00:00.000Z',
      entry: { status: 'shipped', at: '2026-01-16T09:00:00.000Z', by: 'service', reason: 'r' },
      audit: { status: 'shipped', at: '2026-01-16T09:00:00.000Z', principal: 'arn:aws:iam::1:role/r' },
    });
  });

  test('one UpdateItem: existence, status, owner and version in the condition; ALL_OLD on a refusal', () => {
    const input = updateOf(changeOf(request({ owner: 'cust-1', expectedVersion: 2 }), NOW));
    expect(input.ConditionExpression).toBe('attribute_exists(#id) AND #status IN (:from0) AND #customer = :owner AND #version = :version');
    expect(input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(input.ReturnValues).toBe('ALL_NEW');
    expect(input.UpdateExpression).toContain('#version = if_not_exists(#version, :one) + :one');
    expect(input.UpdateExpression).toContain('#history = list_append(if_not_exists(#history, :empty), :entry)');
    expect(input.ExpressionAttributeNames!['#audit']).toBe('statusChangeAudit');
  });

  test('If-Match "1" also matches an order stored before versions existed', () => {
    expect(updateOf(changeOf(request({ expectedVersion: 1 }), NOW)).ConditionExpression)
      .toContain('(attribute_not_exists(#version) OR #version = :version)');
  });
});

describe('explainRefusal', () => {
  const change = (extra: Partial<StatusChangeRequest> = {}) => changeOf(request(extra), NOW);
  test('no item, or another customer\'s: not found', () => {
    expect(explainRefusal(change(), undefined)).toEqual({ kind: 'notFound' });
    expect(explainRefusal(change({ owner: 'cust-2' }), item('confirmed'))).toEqual({ kind: 'notFound' });
  });
  test('already there: unchanged, whatever the version says', () => {
    expect(explainRefusal(change({ expectedVersion: 9 }), item('shipped'))).toMatchObject({ kind: 'unchanged' });
  });
  test('another version: a mismatch, before the transition check', () => {
    expect(explainRefusal(change({ expectedVersion: 2 }), item('delivered', { version: { N: '4' } })))
      .toMatchObject({ kind: 'versionMismatch', currentVersion: 4 });
    expect(explainRefusal(change({ expectedVersion: 2 }), item('pending'))).toMatchObject({ kind: 'versionMismatch', currentVersion: 1 });
  });
  test('not allowed from here: the current status and where it may go', () => {
    expect(explainRefusal(change(), item('pending'))).toEqual({ kind: 'notAllowed', currentStatus: 'pending', allowedStatuses: ['confirmed', 'cancelled'] });
    expect(explainRefusal(change(), item('cancelled'))).toEqual({ kind: 'notAllowed', currentStatus: 'cancelled', allowedStatuses: [] });
  });
  test('a status this platform never writes is a malformed order; a refusal the item cannot explain is a bug', () => {
    expect(() => explainRefusal(change(), item('lost'))).toThrow(MalformedOrderError);
    expect(() => explainRefusal(change(), item('confirmed'))).toThrow(/meets its condition/);
  });
});
