import { KeyedCoalescer, timerDelay, type Delay } from './keyedCoalescer.js';

/**
 * How long a Home tab waits after a change before it is redrawn: several changes in a row (a
 * burst of updates from the modal, a snooze then an update) redraw it once, with the latest state.
 */
export const HOME_REFRESH_DELAY_MS = 250;

/**
 * The least time between two redraws of one person's Home tab: more often shows them nothing they
 * could read, and each redraw is a Web API call on the event loop the next requests wait for.
 */
export const HOME_REFRESH_SPACING_MS = 1000;

/**
 * Redraws people's Home tabs, coalesced per person (see KeyedCoalescer): a redraw reads the data
 * when it starts, so one waiting redraw shows every change made before then; after every change a
 * redraw follows with the state as it is by then, and one person's redraws never run at once
 * (Slack shows whichever views.publish arrives last). `publish` does the drawing and reports its
 * own failures.
 */
export class HomeRefresher<Key> {
  private readonly redraws: KeyedCoalescer<Key>;

  constructor(publish: (key: Key) => Promise<void>, delay: Delay = timerDelay, spacingMs: number = HOME_REFRESH_SPACING_MS, now: () => number = Date.now) {
    this.redraws = new KeyedCoalescer(publish, delay, spacingMs, now);
  }

  /** Asks for `key`'s Home tab to be redrawn `afterMs` from now (or when its running redraw ends, if later); resolves once it has been. */
  refresh(key: Key, afterMs: number = HOME_REFRESH_DELAY_MS): Promise<void> {
    return this.redraws.request(key, afterMs);
  }

  /** How many people have a redraw waiting or running. */
  get size(): number {
    return this.redraws.size;
  }
}
