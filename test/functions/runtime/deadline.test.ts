import { deadline, STORE_DEADLINE_MS } from '../../../src/functions/runtime/deadline';

describe('deadline', () => {
  test('at most STORE_DEADLINE_MS when Lambda has plenty of time left', () => {
    expect(deadline({ getRemainingTimeInMillis: () => 29_000 })).toBe(STORE_DEADLINE_MS);
  });
  test('a second less than Lambda has left, so the function can still answer', () => {
    expect(deadline({ getRemainingTimeInMillis: () => 5_000 })).toBe(4_000);
  });
  test('never below 100 ms; without a Lambda context clock, a second under STORE_DEADLINE_MS', () => {
    expect(deadline({ getRemainingTimeInMillis: () => 500 })).toBe(100);
    expect(deadline({} as never)).toBe(STORE_DEADLINE_MS - 1_000);
  });
});
