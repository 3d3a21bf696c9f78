/**
 * PutEvents limits: at most 10 entries per request, and the entries' total size at most 256 KiB, with each entry's
 * size counted as EventBridge documents it ("Calculating PutEvents event entry size", EventBridge User Guide):
 * 14 bytes for `Time` when set, plus the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each of `Resources`.
 * `EventBusName` does not count.
 */
import { EventEntry } from './event-entry';

export const MAX_ENTRIES_PER_REQUEST = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;
const TIME_BYTES = 14;

const utf8 = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));

export function entrySize(entry: EventEntry): number {
  let size = entry.Time !== undefined ? TIME_BYTES : 0;
  size += utf8(entry.Source) + utf8(entry.DetailType) + utf8(entry.Detail);
  for (const r of entry.Resources ?? []) size += utf8(r);
  return size;
}

/**
 * Splits sized items, in order, into requests within both limits. Every item must itself fit (callers set apart
 * anything larger than {@link MAX_REQUEST_BYTES} first); an oversized one would still get a request of its own.
 */
export function batchBySizeAndCount<T extends { readonly size: number }>(
  items: readonly T[],
  maxEntries = MAX_ENTRIES_PER_REQUEST,
  maxBytes = MAX_REQUEST_BYTES,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxEntries || bytes + item.size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
