import { failedEntries } from '../../../../src/functions/order-events/core/failures';

describe('PutEvents answer -> failed items', () => {
  const items = ['a', 'b', 'c'];

  test('only the entries with an ErrorCode, in request order', () => {
    expect(failedEntries(items, { entries: [{ eventId: '1' }, { errorCode: 'ThrottlingException', errorMessage: 'slow down' }, { eventId: '3' }] }))
      .toEqual([{ item: 'b', errorCode: 'ThrottlingException', errorMessage: 'slow down' }]);
  });

  test('none failed', () => {
    expect(failedEntries(items, { entries: [{ eventId: '1' }, { eventId: '2' }, { eventId: '3' }] })).toEqual([]);
  });

  test('a result without an event id is not an acceptance', () => {
    expect(failedEntries(['a'], { entries: [{}] })).toEqual([{ item: 'a', errorCode: 'NoEventId', errorMessage: undefined }]);
  });

  test('an answer that does not line up with the request fails every item (a duplicate beats a lost event)', () => {
    expect(failedEntries(items, { entries: [{ eventId: '1' }] }).map((f) => [f.item, f.errorCode]))
      .toEqual([['a', 'ResponseMismatch'], ['b', 'ResponseMismatch'], ['c', 'ResponseMismatch']]);
  });
});
