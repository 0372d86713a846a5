/**
 * The wall clock: what day and time it is. One type for every « now » of the code (turns,
 * links, cookies, retention, the Thursday schedule, flood limits), passed down from the
 * composition (`src/app/real-clock.ts`) and never defaulted, so that a missing clock is a type
 * error rather than a silent real date in a test that set another day.
 */
export type Clock = () => Date;

/**
 * Waiting and measuring how long something took: monotonic time, not the wall clock. Rate
 * limits and retry delays must move on while a test holds the day still (a frozen `Clock`
 * would never refill a token bucket nor end a pause), and must not jump when the date does.
 */
export interface Timer {
  /** Milliseconds on a monotonic scale: only differences between two readings mean something. */
  elapsedMs(): number;
  sleep(ms: number): Promise<void>;
}
