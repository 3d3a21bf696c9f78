/**
 * PutEvents answers per entry, in request order: an entry with an `ErrorCode` failed, the others were accepted.
 * Only the records of failed entries are reported back to Lambda, so it retries those and keeps the rest.
 */
import { PutEventsOutcome } from './event-entry';

export interface FailedEntry<T> {
  readonly item: T;
  readonly errorCode: string;
  readonly errorMessage?: string;
}

/**
 * The items whose entry failed. A response that does not line up with the request (fewer results than entries)
 * cannot say which were accepted, so every item of the request counts as failed: a duplicate is harmless to
 * consumers that deduplicate, a lost event is not.
 */
export function failedEntries<T>(items: readonly T[], outcome: PutEventsOutcome): FailedEntry<T>[] {
  const results = outcome.entries;
  if (results.length !== items.length) {
    return items.map((item) => ({ item, errorCode: 'ResponseMismatch', errorMessage: `${results.length} results for ${items.length} entries` }));
  }
  const failed: FailedEntry<T>[] = [];
  results.forEach((r, i) => {
    if (r.errorCode !== undefined || r.eventId === undefined) {
      failed.push({ item: items[i], errorCode: r.errorCode ?? 'NoEventId', errorMessage: r.errorMessage });
    }
  });
  return failed;
}
