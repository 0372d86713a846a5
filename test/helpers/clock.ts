/**
 * The day every test runs on, whatever the machine's date: Tuesday 1 December 2026, 9 h in Paris.
 * The next Thursday (3 December) is in « décembre », a month `\w` cannot match.
 */
export const TEST_NOW = new Date('2026-12-01T09:00:00+01:00');

/** A clock given as a date (starts there) or as a function (used as is). */
export type TestClock = Date | (() => Date);

/**
 * A clock that starts at `start` and moves on with the time that really passes (monotonic, not
 * the system date), so that rate limits, delays and expiries behave while the day stays fixed.
 * A function is returned unchanged, so a test can also pass its own clock.
 */
export function testClock(start: TestClock = TEST_NOW): () => Date {
  if (typeof start === 'function') return start;
  const from = start.getTime();
  const origin = performance.now();
  return () => new Date(from + Math.floor(performance.now() - origin));
}
