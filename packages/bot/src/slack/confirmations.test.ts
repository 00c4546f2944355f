import { describe, expect, it } from 'vitest';
import { section } from './blocks/elements.js';
import { combinedMessages, CONFIRMATION_DELAY_MS, ConfirmationQueue } from './confirmations.js';

// Sends one after another here are not spaced apart (KeyedCoalescer's tests cover the spacing).
const NO_SPACING = 0;

/** A delay each of whose waits ends when the test says. */
function manualDelay() {
  const waits: Array<() => void> = [];
  return { delay: () => new Promise<void>((resolve) => waits.push(resolve)), waits };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConfirmationQueue', () => {
  it('sends what one person was told in a burst once, in order, and each person apart', async () => {
    const { delay, waits } = manualDelay();
    const sent: Array<[string, readonly string[]]> = [];
    const queue = new ConfirmationQueue<string, string>(async (key, items) => void sent.push([key, items]), delay, CONFIRMATION_DELAY_MS, NO_SPACING);
    const done = [queue.add('U1', 'first'), queue.add('U1', 'second'), queue.add('U2', 'other'), queue.add('U1', 'third')];
    expect(waits).toHaveLength(2);
    waits.forEach((end) => end());
    await Promise.all(done);
    expect(sent).toEqual([
      ['U1', ['first', 'second', 'third']],
      ['U2', ['other']],
    ]);
    expect(queue.size).toBe(0);
  });

  it('sends what came while a send was under way after it, never at the same time', async () => {
    const { delay, waits } = manualDelay();
    let finishFirst!: () => void;
    const sent: string[][] = [];
    let running = 0;
    let overlapped = false;
    const queue = new ConfirmationQueue<string, string>(async (_key, items) => {
      running++;
      if (running > 1) overlapped = true;
      sent.push([...items]);
      if (sent.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      running--;
    }, delay, CONFIRMATION_DELAY_MS, NO_SPACING);
    const first = queue.add('U1', 'one');
    waits[0]!();
    await settle();
    expect(sent).toEqual([['one']]);
    const second = queue.add('U1', 'two');
    waits[1]!();
    await settle();
    expect(sent).toEqual([['one']]);
    finishFirst();
    await Promise.all([first, second]);
    expect(sent).toEqual([['one'], ['two']]);
    expect(overlapped).toBe(false);
  });

  it('goes on after a failed send', async () => {
    const { delay, waits } = manualDelay();
    const sent: string[] = [];
    const queue = new ConfirmationQueue<string, string>(async (_key, items) => {
      if (items.includes('bad')) throw new Error('down');
      sent.push(...items);
    }, delay, CONFIRMATION_DELAY_MS, NO_SPACING);
    const failed = queue.add('U1', 'bad');
    waits[0]!();
    await failed;
    const next = queue.add('U1', 'good');
    waits[1]!();
    await next;
    expect(sent).toEqual(['good']);
  });
});

describe('combinedMessages', () => {
  const message = (text: string, blocks = 1) => ({ text, blocks: Array.from({ length: blocks }, () => section(text)) });

  it('puts several messages in one, a paragraph and the blocks of each, in order', () => {
    expect(combinedMessages([message('Updated A-1'), message('Updated A-2', 2)])).toEqual([{ text: 'Updated A-1\n\nUpdated A-2', blocks: [section('Updated A-1'), section('Updated A-2'), section('Updated A-2')] }]);
  });

  it("starts another message rather than pass Slack's 50 blocks or a screen's worth of text", () => {
    expect(combinedMessages([message('a', 30), message('b', 30), message('c', 1)]).map((m) => [m.text, m.blocks.length])).toEqual([
      ['a', 30],
      ['b\n\nc', 31],
    ]);
    const long = 'x'.repeat(2500);
    expect(combinedMessages([message(long), message(long)])).toHaveLength(2);
  });
});
