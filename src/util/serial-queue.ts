/**
 * Runs async tasks one at a time, in the order they were queued: each starts
 * once every earlier one has settled, whether it resolved or rejected (a
 * failure is its caller's to handle, and never blocks the queue). Used for a
 * Durable Object's single-writer sections and for publish passes that must
 * not overlap.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every task queued before it has finished; settles as `fn` does. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
