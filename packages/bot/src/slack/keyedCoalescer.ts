/** Waits `ms` milliseconds; injected so that tests decide when a delay is over. */
export type Delay = (ms: number) => Promise<void>;

/** The real wait: a timer. */
export const timerDelay: Delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Pending {
  /** A run asked for and not yet started: it takes up what is asked for until it starts. */
  waiting?: Promise<void>;
  /** The run under way now, if any. */
  running?: Promise<void>;
}

/**
 * Runs a job per key a moment after it is asked for, once for everything asked for meanwhile.
 * Asked for while a run waits, it joins that run (which reads what it needs when it starts, so it
 * covers this request too); asked for while a run is under way, it waits for that run and then
 * runs again, since the running one may have started before the request. So after every request
 * a run follows that started after it, at most one waits per key, and one key's runs never
 * overlap (their Web API calls arrive in order). `run` reports its own failures; a failed run
 * does not stop the next.
 */
export class KeyedCoalescer<Key> {
  private readonly pending = new Map<Key, Pending>();
  /** When each key's last run started, kept while it is within `spacingMs`. */
  private readonly started = new Map<Key, number>();

  /**
   * `spacingMs`: a key's runs start at least this far apart, however often it is asked for, so a
   * burst of requests for one key costs one run a spacing (the first still comes `afterMs` after
   * its request). `now` tells the time, injected as `delay` is.
   */
  constructor(
    private readonly run: (key: Key) => Promise<void>,
    private readonly delay: Delay = timerDelay,
    private readonly spacingMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks for `key`'s job to run `afterMs` from now (or when its running job ends, if later); resolves once a run that started after this call has ended. */
  request(key: Key, afterMs: number): Promise<void> {
    let entry = this.pending.get(key);
    if (entry?.waiting) return entry.waiting;
    if (!entry) this.pending.set(key, (entry = {}));
    const mine = entry;
    const before = mine.running;
    const waiting = (async () => {
      await this.delay(afterMs);
      if (before) await before;
      const since = this.now() - (this.started.get(key) ?? Number.NEGATIVE_INFINITY);
      if (since < this.spacingMs) await this.delay(this.spacingMs - since);
      // From here on, a request needs another run.
      mine.waiting = undefined;
      this.noteStart(key);
      const running = this.run(key).catch(() => undefined);
      mine.running = running;
      await running;
      if (mine.running === running) mine.running = undefined;
      if (!mine.waiting && !mine.running) this.pending.delete(key);
    })();
    mine.waiting = waiting;
    return waiting;
  }

  private noteStart(key: Key): void {
    if (this.spacingMs <= 0) return;
    const now = this.now();
    // Only starts within the spacing matter: the rest are dropped, so the map holds the keys run lately.
    for (const [other, at] of this.started) if (now - at >= this.spacingMs) this.started.delete(other);
    this.started.set(key, now);
  }

  /** How many keys have a run waiting or under way. */
  get size(): number {
    return this.pending.size;
  }
}
