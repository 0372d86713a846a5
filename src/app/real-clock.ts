import type { Clock, Timer } from '../domain/clock.js';

/** The machine's date: created here, at the composition, and passed down to whatever needs « now ». */
export const realClock: Clock = () => new Date();

/** Real waits on the process's monotonic time (see Timer). */
export const realTimer: Timer = {
  elapsedMs: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
