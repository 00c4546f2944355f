import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue.js';

/** A promise the test settles by hand, to control the order in which tasks finish. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('a serial queue', () => {
  it('starts a task only when the one before it has finished', async () => {
    const queue = new SerialQueue();
    const gate = deferred();
    const events: string[] = [];
    const first = queue.run(async () => {
      events.push('first started');
      await gate.promise;
      events.push('first finished');
      return 1;
    });
    const second = queue.run(async () => {
      events.push('second started');
      return 2;
    });
    await Promise.resolve();
    expect(events).toEqual(['first started']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['first started', 'first finished', 'second started']);
  });

  it('keeps going after a task fails, and hands the failure to that task’s caller only', async () => {
    const queue = new SerialQueue();
    const failing = queue.run(async () => {
      throw new Error('disk full');
    });
    const next = queue.run(async () => 'ran');
    await expect(failing).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('ran');
  });

  it('drains: resolves once everything queued so far has finished', async () => {
    const queue = new SerialQueue();
    const gate = deferred();
    let finished = false;
    void queue.run(async () => {
      await gate.promise;
      finished = true;
    });
    const drained = queue.drain();
    gate.resolve();
    await drained;
    expect(finished).toBe(true);
  });
});
