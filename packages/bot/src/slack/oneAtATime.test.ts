import { describe, expect, it, vi } from 'vitest';
import { OneAtATime } from './oneAtATime.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('OneAtATime', () => {
  it('runs jobs one after another, in the order asked, with what arrived meanwhile handled between them', async () => {
    const line = new OneAtATime();
    const order: string[] = [];
    let running = 0;
    let overlapped = false;
    const job = (name: string) => async () => {
      running += 1;
      if (running > 1) overlapped = true;
      order.push(`${name} starts`);
      // A request arriving while this redraw is built: it must not wait behind the next redraw.
      setImmediate(() => order.push(`request during ${name}`));
      await nextTurn();
      await nextTurn();
      order.push(`${name} ends`);
      running -= 1;
    };
    await Promise.all([line.run(job('first')), line.run(job('second'))]);
    expect(overlapped).toBe(false);
    expect(order).toEqual(['first starts', 'request during first', 'first ends', 'second starts', 'request during second', 'second ends']);
  });

  it('goes on after a job fails, and gives its caller the failure', async () => {
    const line = new OneAtATime();
    const failed = line.run(async () => {
      throw new Error('Slack said no');
    });
    const next = line.run(async () => 'published');
    await expect(failed).rejects.toThrow('Slack said no');
    await expect(next).resolves.toBe('published');
  });

  it('starts the next once a job has held the line past its limit, and lets that job finish', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const line = new OneAtATime(10_000);
      let release: () => void = () => undefined;
      const hung = line.run(() => new Promise<string>((resolve) => (release = () => resolve('late'))));
      let nextRan = false;
      const next = line.run(async () => {
        nextRan = true;
      });
      for (let i = 0; i < 5; i++) await nextTurn();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(nextRan).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await next;
      expect(nextRan).toBe(true);
      release();
      await expect(hung).resolves.toBe('late');
    } finally {
      vi.useRealTimers();
    }
  });
});
