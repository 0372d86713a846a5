/**
 * Waits until `check` passes (at most `ms`), for what arrives on its own time: another server's
 * change, told by PostgreSQL's notification. The last failure is thrown when time is up.
 */
export async function eventually(check: () => void, ms = 5000): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (performance.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
