import { describe, expect, it } from 'vitest';
import { KeyedCoalescer, type Delay } from './keyedCoalescer.js';

/** A delay each of whose waits ends when the test says, and a job that records each run and can be held. */
function harness(spacingMs = 0) {
  let clock = 0;
  const waits: Array<{ ms: number; end: () => void }> = [];
  const delay: Delay = (ms) => new Promise((resolve) => waits.push({ ms, end: () => resolve() }));
  const runs: string[] = [];
  let running = 0;
  let overlapped = false;
  let held: Array<() => void> | undefined;
  const coalescer = new KeyedCoalescer<string>(async (key) => {
    running += 1;
    if (running > 1) overlapped = true;
    runs.push(key);
    if (held) await new Promise<void>((resolve) => held!.push(resolve));
    running -= 1;
  }, delay, spacingMs, () => clock);
  return {
    coalescer,
    at: (ms: number) => (clock = ms),
    waits,
    runs,
    overlapped: () => overlapped,
    hold: () => (held = []),
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach((resolve) => resolve());
    },
    settle: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

describe('KeyedCoalescer', () => {
  it('runs once, after the delay, for every request that came while it waited', async () => {
    const h = harness();
    const done = [h.coalescer.request('U1', 250), h.coalescer.request('U1', 250), h.coalescer.request('U1', 250)];
    expect(h.waits.map((w) => w.ms)).toEqual([250]);
    await h.settle();
    expect(h.runs).toEqual([]);
    h.waits[0]!.end();
    await Promise.all(done);
    expect(h.runs).toEqual(['U1']);
    expect(h.coalescer.size).toBe(0);
  });

  it('runs again after a request that came while a run was under way, never two at once', async () => {
    const h = harness();
    h.hold();
    const first = h.coalescer.request('U1', 250);
    h.waits[0]!.end();
    await h.settle();
    expect(h.runs).toEqual(['U1']);
    // The run under way may have started before this request: another follows it.
    const second = h.coalescer.request('U1', 250);
    const third = h.coalescer.request('U1', 250);
    h.waits[1]!.end();
    await h.settle();
    expect(h.runs).toEqual(['U1']);
    expect(h.coalescer.size).toBe(1);
    h.release();
    await Promise.all([first, second, third]);
    expect(h.runs).toEqual(['U1', 'U1']);
    expect(h.overlapped()).toBe(false);
    expect(h.coalescer.size).toBe(0);
  });

  it('keeps each key apart, each with its own delay', async () => {
    const h = harness();
    const one = h.coalescer.request('U1', 250);
    const two = h.coalescer.request('U2', 0);
    expect(h.waits.map((w) => w.ms)).toEqual([250, 0]);
    h.waits[1]!.end();
    await two;
    expect(h.runs).toEqual(['U2']);
    h.waits[0]!.end();
    await one;
    expect(h.runs).toEqual(['U2', 'U1']);
  });

  it('goes on running after a run failed, and the request that asked for it still resolves', async () => {
    const waits: Array<() => void> = [];
    let calls = 0;
    const coalescer = new KeyedCoalescer<string>(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('views.publish failed');
      },
      () => new Promise((resolve) => waits.push(() => resolve())),
    );
    const first = coalescer.request('U1', 250);
    waits[0]!();
    await expect(first).resolves.toBeUndefined();
    const second = coalescer.request('U1', 250);
    waits[1]!();
    await second;
    expect(calls).toBe(2);
    expect(coalescer.size).toBe(0);
  });

  it('starts one key\'s runs at least the spacing apart, asked for however often, and other keys at once', async () => {
    const h = harness(1000);
    const first = h.coalescer.request('U1', 250);
    h.at(250);
    h.waits[0]!.end();
    await first;
    expect(h.runs).toEqual(['U1']);
    // Asked again at 300 ms: after its own 250 ms it still waits until 1,000 ms after the last start.
    h.at(300);
    const second = h.coalescer.request('U1', 250);
    const other = h.coalescer.request('U2', 250);
    h.at(550);
    h.waits[1]!.end();
    h.waits[2]!.end();
    await other;
    await h.settle();
    expect(h.runs).toEqual(['U1', 'U2']);
    expect(h.waits.map((w) => w.ms)).toEqual([250, 250, 250, 700]);
    const joined = h.coalescer.request('U1', 250);
    h.at(1250);
    h.waits[3]!.end();
    await Promise.all([second, joined]);
    expect(h.runs).toEqual(['U1', 'U2', 'U1']);
    // Long after the last run, a request waits only its own delay.
    h.at(5000);
    const later = h.coalescer.request('U1', 250);
    h.at(5250);
    h.waits[4]!.end();
    await later;
    expect(h.runs).toEqual(['U1', 'U2', 'U1', 'U1']);
    expect(h.waits).toHaveLength(5);
  });
});
