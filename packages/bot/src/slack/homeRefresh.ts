/**
 * How long a Home tab waits after a change before it is redrawn: several changes in a row (a
 * burst of updates from the modal, a snooze then an update) redraw it once, with the latest state.
 */
export const HOME_REFRESH_DELAY_MS = 250;

/** Waits `ms` milliseconds; injected so that tests decide when a delay is over. */
export type Delay = (ms: number) => Promise<void>;

/** The real wait: a timer. */
export const timerDelay: Delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Pending {
  /** A redraw asked for and not yet started: it reads the data when it starts, so it shows every change made before then. */
  waiting?: Promise<void>;
  /** The redraw running now, if any. */
  running?: Promise<void>;
}

/**
 * Redraws people's Home tabs, coalesced per person: a redraw asked for while one is already
 * waiting joins it (the waiting one reads the data when it starts, so it shows this change too);
 * one asked for while a redraw is running waits for it and then runs again, since the running one
 * may have read the data before the change. So after every change a redraw always follows with
 * the state as it is by then, at most one waits per person, and one person's redraws never run
 * at once (Slack shows whichever views.publish arrives last). `publish` does the drawing and
 * reports its own failures; a failed redraw does not stop the next.
 */
export class HomeRefresher<Key> {
  private readonly pending = new Map<Key, Pending>();

  constructor(
    private readonly publish: (key: Key) => Promise<void>,
    private readonly delay: Delay = timerDelay,
  ) {}

  /** Asks for `key`'s Home tab to be redrawn `afterMs` from now (or when its running redraw ends, if later); resolves once it has been. */
  refresh(key: Key, afterMs: number = HOME_REFRESH_DELAY_MS): Promise<void> {
    let entry = this.pending.get(key);
    if (entry?.waiting) return entry.waiting;
    if (!entry) this.pending.set(key, (entry = {}));
    const mine = entry;
    const before = mine.running;
    const waiting = (async () => {
      await this.delay(afterMs);
      if (before) await before;
      // From here on the data is read: a change after this point needs another redraw.
      mine.waiting = undefined;
      const running = this.publish(key).catch(() => undefined);
      mine.running = running;
      await running;
      if (mine.running === running) mine.running = undefined;
      if (!mine.waiting && !mine.running) this.pending.delete(key);
    })();
    mine.waiting = waiting;
    return waiting;
  }

  /** How many people have a redraw waiting or running. */
  get size(): number {
    return this.pending.size;
  }
}
