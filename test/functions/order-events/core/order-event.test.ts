import { stringifyJson } from '../../../../src/functions/model/json';
import { orderView, StoredItem } from '../../../../src/functions/model/order-view';
import { entrySize } from '../../../../src/functions/order-events/core/batches';
import { orderEventDetail, prepareRecord, StreamRecord } from '../../../../src/functions/order-events/core/order-event';
import { insertRecord, storedOrder, TARGET } from '../support';

describe('stream image -> event entry', () => {
  test('the detail is the read view plus totalAmountCents and schemaVersion, with the stored decimal text', () => {
    const p = prepareRecord(insertRecord(1), TARGET);
    if (p.kind !== 'entry') throw new Error(`expected an entry, got ${p.kind}`);
    expect(p.entry).toMatchObject({ EventBusName: TARGET.busName, Source: 'shop.orders', DetailType: 'OrderCreated' });
    expect(p.entry.Detail).toContain('"totalAmount":109.97,');
    expect(p.entry.Detail).toContain('"price":29.99}');
    expect(p.entry.Detail.startsWith('{"schemaVersion":1,')).toBe(true);
    expect(p.entry.Detail.endsWith(',"totalAmountCents":10997}')).toBe(true);
    const { schemaVersion, totalAmountCents, ...view } = JSON.parse(p.entry.Detail);
    expect({ schemaVersion, totalAmountCents }).toEqual({ schemaVersion: 1, totalAmountCents: 10997 });
    expect(view).toEqual(JSON.parse(stringifyJson(orderView(storedOrder(1)))));
    // Internals of the table never leave it.
    for (const secret of ['idempotencyKey', 'requestHash', 'ttl', 'key-1', 'hash']) expect(p.entry.Detail).not.toContain(secret);
    expect(p.entry.Time).toEqual(new Date(1764583200001));
    expect(p.size).toBe(entrySize(p.entry));
    expect(p.sequenceNumber).toBe('seq-000001');
  });

  test('numbers are never re-rendered through a double', () => {
    const detail = stringifyJson(orderEventDetail(storedOrder(2, { totalAmount: { N: '0.30' }, totalAmountCents: { N: '30' } })));
    expect(detail).toContain('"totalAmount":0.30,');
  });

  test('a malformed image is unpublishable, naming the attribute; no image at all too', () => {
    const noTotal = storedOrder(3) as Record<string, unknown>;
    delete noTotal.totalAmountCents;
    expect(prepareRecord(insertRecord(3, noTotal as never), TARGET)).toEqual({
      kind: 'unpublishable',
      sequenceNumber: 'seq-000003',
      orderId: '00000000-0000-4000-8000-000000000003',
      reason: expect.stringMatching(/"totalAmountCents"/),
    });
    expect(prepareRecord(insertRecord(4, storedOrder(4, { totalAmount: { S: 'x' } })), TARGET)).toMatchObject({ kind: 'unpublishable', reason: expect.stringMatching(/"totalAmount"/) });
    expect(prepareRecord(insertRecord(5, null), TARGET)).toMatchObject({ kind: 'unpublishable', reason: expect.stringMatching(/NewImage/) });
  });

  test('an entry above 256 KiB is unpublishable, with its size', () => {
    const huge = storedOrder(6, { notes: { S: 'é'.repeat(132_000) } }); // 264,000 bytes of UTF-8
    expect(prepareRecord(insertRecord(6, huge), TARGET)).toMatchObject({
      kind: 'unpublishable', orderId: '00000000-0000-4000-8000-000000000006', reason: expect.stringMatching(/^The entry is \d+ bytes; PutEvents accepts at most 262144$/),
    });
  });

  test('a REMOVE is skipped, and so is a MODIFY without an old image to compare the status with', () => {
    expect(prepareRecord(insertRecord(7, storedOrder(7), 'MODIFY'), TARGET)).toEqual({ kind: 'skipped', sequenceNumber: 'seq-000007' });
    expect(prepareRecord(insertRecord(8, null, 'REMOVE'), TARGET).kind).toBe('skipped');
  });
});

describe('MODIFY records', () => {
  const modify = (oldStatus: string, image: StoredItem): StreamRecord => {
    const r = insertRecord(9, image, 'MODIFY');
    return { ...r, dynamodb: { ...r.dynamodb, OldImage: { ...image, status: { S: oldStatus } } } };
  };
  const changed = (status: string, extra: Record<string, unknown> = {}) => storedOrder(9, {
    status: { S: status },
    version: { N: '2' },
    updatedAt: { S: '2026-01-16T09:00:00.000Z' },
    statusHistory: {
      L: [
        { M: { status: { S: 'pending' }, at: { S: '2026-01-15T12:00:00.000Z' }, by: { S: 'customer' } } },
        { M: { status: { S: status }, at: { S: '2026-01-16T09:00:00.000Z' }, by: { S: 'service' }, reason: { S: 'Stock confirmed' } } },
      ],
    },
    ...extra,
  });

  test('a change of status is one OrderStatusChanged, its time the change\'s', () => {
    const p = prepareRecord(modify('pending', changed('confirmed')), TARGET);
    expect(p.kind).toBe('entry');
    if (p.kind !== 'entry') return;
    expect(p.entry.DetailType).toBe('OrderStatusChanged');
    expect(p.entry.Time).toEqual(new Date('2026-01-16T09:00:00.000Z'));
    expect(JSON.parse(p.entry.Detail)).toEqual({
      schemaVersion: 1,
      orderId: p.orderId,
      customerId: expect.any(String),
      from: 'pending',
      to: 'confirmed',
      version: 2,
      reason: 'Stock confirmed',
      changedAt: '2026-01-16T09:00:00.000Z',
    });
  });

  test('a MODIFY that leaves the status as it was publishes nothing', () => {
    expect(prepareRecord(modify('confirmed', changed('confirmed')), TARGET).kind).toBe('skipped');
  });

  test('a changed order with a malformed history cannot be published: it goes the unpublishable way', () => {
    const bad = changed('confirmed', { statusHistory: { L: [{ M: {} }] } });
    expect(prepareRecord(modify('pending', bad), TARGET)).toMatchObject({ kind: 'unpublishable', reason: expect.stringMatching(/statusHistory\[0\]/) });
  });
});
