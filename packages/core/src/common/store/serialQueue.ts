/**
 * Runs async tasks one at a time in the order they were queued, so that a read-modify-write
 * never interleaves with another in the same process.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues a task; resolves or rejects with its outcome. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
