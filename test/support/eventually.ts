/** Retries an assertion until it passes or the time is up (for effects of queue consumers, which run asynchronously). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}

/** Waits until the current second has passed (HTTP dates have whole seconds). */
export async function afterThisSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
}
