import { SLACK_LIMITS } from './blocks/elements.js';
import type { SlackMessage } from './blocks/slackMessage.js';
import { KeyedCoalescer, timerDelay, type Delay } from './keyedCoalescer.js';

/**
 * How long a confirmation waits for more from the same person before it is sent: a burst of
 * changes (several modals saved in a row) is confirmed in one message rather than one each, and
 * the Web API call is not made while the next request waits on the same event loop.
 */
export const CONFIRMATION_DELAY_MS = 250;

/**
 * The least time between two confirmations to one person: Slack takes about one message a second
 * in a channel (short bursts allowed), and under a burst of changes what comes meanwhile goes in
 * the next message rather than in more Web API calls while the next requests wait.
 */
export const CONFIRMATION_SPACING_MS = 1000;

/**
 * Collects what is to be said to each person after their changes and hands it to `send` a moment
 * later, all that gathered meanwhile at once, in the order it came (see KeyedCoalescer: one
 * person's sends never run at once, so their messages arrive in order; what comes while a send
 * runs waits for it, then for its own moment). `send` reports its own failures; a failed send
 * does not stop the next.
 */
export class ConfirmationQueue<Key, Item> {
  private readonly items = new Map<Key, Item[]>();
  private readonly sends: KeyedCoalescer<Key>;

  constructor(
    send: (key: Key, items: readonly Item[]) => Promise<void>,
    delay: Delay = timerDelay,
    private readonly afterMs: number = CONFIRMATION_DELAY_MS,
    spacingMs: number = CONFIRMATION_SPACING_MS,
    now: () => number = Date.now,
  ) {
    // A send takes what gathered until it starts; what is added after goes in the next.
    this.sends = new KeyedCoalescer((key) => {
      const items = this.items.get(key) ?? [];
      this.items.delete(key);
      return send(key, items);
    }, delay, spacingMs, now);
  }

  /** Queues `item` for `key`; resolves once it has been sent (or its send failed). */
  add(key: Key, item: Item): Promise<void> {
    const items = this.items.get(key);
    if (items) items.push(item);
    else this.items.set(key, [item]);
    return this.sends.request(key, this.afterMs);
  }

  /** How many people have something waiting or being sent. */
  get size(): number {
    return this.sends.size;
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
