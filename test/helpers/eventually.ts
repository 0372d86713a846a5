/**
 * Waits until `check` passes (at most `ms`), for what arrives on its own time: another server's
 * change, told by PostgreSQL's notification. The last failure is thrown when time is up.
 */
export async function eventually(check: () => void | Promise<void>, ms = 5000): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (performance.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Waits until `condition` holds (at most `timeoutMs`), or throws naming `what`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timeout: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
