import { SLACK_LIMITS } from './blocks/elements.js';
import type { SlackMessage } from './blocks/slackMessage.js';
import { timerDelay, type Delay } from './homeRefresh.js';

/**
 * How long a confirmation waits for more from the same person before it is sent: a burst of
 * changes (several modals saved in a row) is confirmed in one message rather than one each, and
 * the Web API call is not made while the next request waits on the same event loop.
 */
export const CONFIRMATION_DELAY_MS = 250;

/**
 * Collects what is to be said to each person after their changes and hands it to `send` a moment
 * later, all that gathered meanwhile at once, in the order it came. One person's sends never run
 * at once (so their messages arrive in order): what comes while a send runs waits for it, then for
 * its own moment. `send` reports its own failures; a failed send does not stop the next.
 */
export class ConfirmationQueue<Key, Item> {
  private readonly pending = new Map<Key, { items: Item[]; waiting?: Promise<void>; running?: Promise<void> }>();

  constructor(
    private readonly send: (key: Key, items: readonly Item[]) => Promise<void>,
    private readonly delay: Delay = timerDelay,
    private readonly afterMs: number = CONFIRMATION_DELAY_MS,
  ) {}

  /** Queues `item` for `key`; resolves once it has been sent (or its send failed). */
  add(key: Key, item: Item): Promise<void> {
    let entry = this.pending.get(key);
    if (!entry) this.pending.set(key, (entry = { items: [] }));
    entry.items.push(item);
    if (entry.waiting) return entry.waiting;
    const mine = entry;
    const before = mine.running;
    const waiting = (async () => {
      await this.delay(this.afterMs);
      if (before) await before;
      // From here on, what is added goes in the next send.
      mine.waiting = undefined;
      const running = this.send(key, mine.items.splice(0)).catch(() => undefined);
      mine.running = running;
      await running;
      if (mine.running === running) mine.running = undefined;
      if (!mine.waiting && !mine.running) this.pending.delete(key);
    })();
    mine.waiting = waiting;
    return waiting;
  }

  /** How many people have something waiting or being sent. */
  get size(): number {
    return this.pending.size;
  }
}

/** The most text a combined confirmation carries: a notification and a screen's worth, as Slack advises for a message's text. */
const COMBINED_TEXT_CHARS = 4000;

/**
 * Several messages to one person as few as Slack allows, in order: each keeps its own blocks
 * (a confirmation's section is never cut to fit), packed while the blocks stay within Slack's 50
 * and the texts within a screen's worth. A message that fits nowhere else goes alone.
 */
export function combinedMessages(messages: readonly SlackMessage[]): SlackMessage[] {
  const combined: SlackMessage[] = [];
  for (const message of messages) {
    const last = combined.at(-1);
    if (last && last.blocks.length + message.blocks.length <= SLACK_LIMITS.messageBlocks && last.text.length + 2 + message.text.length <= COMBINED_TEXT_CHARS) {
      combined[combined.length - 1] = { text: `${last.text}\n\n${message.text}`, blocks: [...last.blocks, ...message.blocks] };
    } else {
      combined.push(message);
    }
  }
  return combined;
}
