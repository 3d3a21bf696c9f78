import { batchBySizeAndCount, entrySize, MAX_ENTRIES_PER_REQUEST, MAX_REQUEST_BYTES } from '../../../../src/functions/order-events/core/batches';

const sized = (n: number, size: number) => Array.from({ length: n }, (_, i) => ({ i, size }));

describe('entry size, as EventBridge documents it', () => {
  test('14 bytes for Time, UTF-8 bytes of Source, DetailType, Detail and Resources; the bus name does not count', () => {
    const base = { EventBusName: 'a-very-long-bus-name-that-is-not-counted', Source: 'shop.orders', DetailType: 'OrderCreated', Detail: '{"n":"é"}' };
    expect(entrySize(base)).toBe(11 + 12 + 10);
    expect(entrySize({ ...base, Time: new Date(0) })).toBe(11 + 12 + 10 + 14);
    expect(entrySize({ ...base, Resources: ['arn:x', 'ü'] })).toBe(11 + 12 + 10 + 5 + 2);
  });
});

describe('batching PutEvents entries', () => {
  test('by count: 10 per request, order kept', () => {
    const batches = batchBySizeAndCount(sized(25, 100));
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat().map((x) => x.i)).toEqual([...Array(25).keys()]);
    expect(MAX_ENTRIES_PER_REQUEST).toBe(10);
  });

  test('by bytes: the total of a request never exceeds 256 KiB, and a request may be exactly 256 KiB', () => {
    const batches = batchBySizeAndCount(sized(7, 100 * 1024));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 1]);
    expect(batchBySizeAndCount([{ size: MAX_REQUEST_BYTES - 1 }, { size: 1 }, { size: 1 }]).map((b) => b.length)).toEqual([2, 1]);
    for (const b of batchBySizeAndCount(sized(40, 30_000))) expect(b.reduce((n, x) => n + x.size, 0)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
  });

  test('mixed: whichever limit comes first', () => {
    const items = [...sized(3, 120_000), ...sized(12, 10)];
    expect(batchBySizeAndCount(items).map((b) => b.length)).toEqual([2, 10, 3]);
  });

  test('nothing in, nothing out', () => {
    expect(batchBySizeAndCount([])).toEqual([]);
  });
});
