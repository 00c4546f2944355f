import { describe, expect, it } from 'vitest';
import { HomeRefresher } from './homeRefresh.js';
import type { Delay } from './keyedCoalescer.js';

// Redraws one after another here are not spaced apart (KeyedCoalescer's tests cover the spacing).
const NO_SPACING = 0;

/** A delay that ends only when the test says so, and the publishes made, each with the state it read. */
function harness() {
  const waits: Array<{ ms: number; end: () => void }> = [];
  const delay: Delay = (ms) => new Promise((resolve) => waits.push({ ms, end: () => resolve() }));
  let state = 0;
  const published: Array<{ key: string; state: number }> = [];
  let finishPublish: (() => void) | undefined;
  let holdPublishes = false;
  const refresher = new HomeRefresher<string>(async (key) => {
    published.push({ key, state });
    if (holdPublishes) await new Promise<void>((resolve) => (finishPublish = resolve));
  }, delay, NO_SPACING);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    refresher,
    waits,
    published,
    change: () => (state += 1),
    hold: (on: boolean) => (holdPublishes = on),
    finishPublish: () => finishPublish?.(),
    settle,
  };
}

describe('Home tab redraws, coalesced per person', () => {
  it('redraws once with the latest state after several changes in a row', async () => {
    const h = harness();
    const done: Array<Promise<void>> = [];
    for (let i = 0; i < 3; i += 1) {
      h.change();
      done.push(h.refresher.refresh('U1'));
    }
    expect(h.waits.map((w) => w.ms)).toEqual([250]);
    await h.settle();
    expect(h.published).toEqual([]);
    h.waits[0]!.end();
    await Promise.all(done);
    expect(h.published).toEqual([{ key: 'U1', state: 3 }]);
    expect(h.refresher.size).toBe(0);
  });

  it('redraws again after a change made while a redraw was running, never two at once', async () => {
    const h = harness();
    h.hold(true);
    h.change();
    const first = h.refresher.refresh('U1');
    h.waits[0]!.end();
    await h.settle();
    expect(h.published).toEqual([{ key: 'U1', state: 1 }]);
    // The running redraw read state 1; this change needs another, which waits for it.
    h.change();
    const second = h.refresher.refresh('U1');
    h.waits[1]!.end();
    await h.settle();
    expect(h.published).toHaveLength(1);
    h.hold(false);
    h.finishPublish();
    await Promise.all([first, second]);
    expect(h.published).toEqual([
      { key: 'U1', state: 1 },
      { key: 'U1', state: 2 },
    ]);
  });

  it('keeps each person\'s redraws apart, and redraws at once when asked with no delay', async () => {
    const h = harness();
    const one = h.refresher.refresh('U1');
    const two = h.refresher.refresh('U2', 0);
    expect(h.waits.map((w) => w.ms)).toEqual([250, 0]);
    h.waits[1]!.end();
    await two;
    expect(h.published.map((p) => p.key)).toEqual(['U2']);
    h.waits[0]!.end();
    await one;
    expect(h.published.map((p) => p.key)).toEqual(['U2', 'U1']);
  });

  it('goes on redrawing after a redraw failed', async () => {
    const waits: Array<() => void> = [];
    let calls = 0;
    const refresher = new HomeRefresher<string>(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('views.publish failed');
      },
      () => new Promise((resolve) => waits.push(() => resolve())),
      NO_SPACING,
    );
    const first = refresher.refresh('U1');
    waits[0]!();
    await first;
    const second = refresher.refresh('U1');
    waits[1]!();
    await second;
    expect(calls).toBe(2);
  });
});
