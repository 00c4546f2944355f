import { dueMessages, forgettableEventKeys, isPermanentFailure, PERMANENT_FAILURE_PREFIX, type Actor, type Clock, type CommandInput, type Database, type OutboxMessage, type ScheduledMessage, type Store } from '@partnership-tracker/core';
import type { ProactiveSender, ProactiveTarget, SendOutcome } from '../app/proactive.js';
import type { Reply } from '../app/reply.js';
import { composeReply, type ComposeReply } from './composeReply.js';

/** Who the outbox's audit entries name as claiming and settling messages. */
export const SCHEDULER_ACTOR: Actor = { kind: 'system', name: 'scheduler' };

/** How fast the scheduler sends, and how it treats throttling (HTTP 429). */
export interface Pacing {
  /**
   * At most this many sends a second, across all conversations: one delivery starts 1/perSecond
   * after the one before started, so the time a send and its outbox commits take is inside that
   * interval rather than added to it.
   */
  readonly perSecond: number;
  /** Sends of one message within a tick while throttled, the first included. */
  readonly throttledAttempts: number;
  /** The longest wait for a throttled send; a longer Retry-After fails this attempt and leaves it to a later tick. */
  readonly maxRetryAfterMs: number;
}

/** How the outbox decides that a message needs another try. */
export interface DeliveryPolicy {
  /** A claim this old with no outcome is taken to be from a run that crashed before sending, and retried. */
  readonly leaseMs: number;
  /** Claims of one message before it is left failed for good. */
  readonly maxAttempts: number;
  /** How long a failed message waits before a later tick retries it. */
  readonly retryFailedAfterMs: number;
}

/** The default pacing: well inside Teams' per-bot limits, and a 429 never holds a claim near its lease. */
export const DEFAULT_PACING: Pacing = { perSecond: 4, throttledAttempts: 4, maxRetryAfterMs: 60_000 };

/** The default delivery policy: a 10-minute lease, five tries, a quarter of an hour between them. */
export const DEFAULT_DELIVERY: DeliveryPolicy = { leaseMs: 10 * 60_000, maxAttempts: 5, retryFailedAfterMs: 15 * 60_000 };

/** The timer functions `start()` uses; injected so tests need no real timers. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What a scheduler needs: where the data is, what time it is, how to send, and how fast. */
export interface SchedulerOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly sender: ProactiveSender;
  /** Time between the end of one tick and the start of the next under `start()`; one minute by default. */
  readonly tickMs?: number;
  readonly pacing?: Partial<Pacing>;
  readonly delivery?: Partial<DeliveryPolicy>;
  /** Builds the reply for a message; by default core's text and a small card. */
  readonly compose?: ComposeReply;
  /** Waits between sends and before retrying a throttled one; tests pass one that records instead. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly timers?: Timers;
  /** Hears every tick's report (the server logs it). */
  readonly onReport?: (report: TickReport) => void;
  /** Hears a tick that threw under `start()`; the loop carries on. */
  readonly onError?: (error: unknown) => void;
}

/** Why a due message was not sent by this tick. */
export type SkipReason =
  | 'already-sent'
  | 'in-flight'
  | 'claimed-elsewhere'
  | 'waiting-to-retry'
  | 'failed-permanently'
  | 'out-of-attempts'
  | 'not-reachable-yet';

/** What one tick did. */
export interface TickReport {
  /** The tick's `now`. */
  readonly at: string;
  /** How many messages were due. */
  readonly due: number;
  readonly sent: string[];
  readonly failed: Array<{ key: string; error: string; permanent: boolean }>;
  readonly skipped: Array<{ key: string; reason: SkipReason }>;
  /** Store failures that left a message for a later tick. */
  readonly errors: Array<{ key: string; error: string }>;
  /** True when `stop()` ended the tick before every due message was handled; the rest go next time. */
  readonly interrupted: boolean;
  /** The answered chat events whose outbox keys were no longer needed and were dropped (`forgettableEventKeys`). */
  readonly forgotten: string[];
}

/** The scheduler inside the bot's server: sends reminders and digests as they fall due. */
export interface Scheduler {
  /** Ticks now and then every `tickMs` after each tick ends. */
  start(): void;
  /** Stops ticking; resolves when the in-flight send is settled (the rest of that tick is left for next time). */
  stop(): Promise<void>;
  /** Sends every due message not yet sent; runs after any tick already in progress. */
  tick(): Promise<TickReport>;
}

/**
 * Creates the scheduler. Each message goes through the store's outbox: claimed before it is
 * sent, then settled as sent or failed, so a restart, a second tick or a second scheduler on the
 * same store never sends it twice, and nothing due is skipped (it stays due until it is settled).
 *
 * The one gap is a crash after the channel accepted a message and before `outbox.settle` was
 * written: that claim expires after the lease and the message is sent again. Teams offers no
 * idempotency key for proactive messages, so this at-least-once window (the time one store
 * commit takes) is as narrow as our side can make it. A crash before the send, the likelier
 * case, is retried after the lease and sent exactly once.
 *
 * Claims are safe between processes: `outbox.claim` refuses a claimed key under the store's
 * lock, and taking over an expired claim names the claim it replaces, so of two schedulers
 * expiring the same claim at the same moment only one wins it.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  return new OutboxScheduler(options);
}

type Decision = { kind: 'claim'; takeOver: OutboxMessage | null } | { kind: 'skip'; reason: SkipReason } | { kind: 'give-up'; entry: OutboxMessage };

class OutboxScheduler implements Scheduler {
  private readonly pacing: Pacing;
  private readonly delivery: DeliveryPolicy;
  private readonly tickMs: number;
  private readonly compose: ComposeReply;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timers: Timers;
  private current: Promise<TickReport> | undefined;
  private timer: unknown;
  private running = false;
  private stopping = false;
  private wake: (() => void) | undefined;
  private woken!: Promise<void>;
  private nextSendAt = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.pacing = { ...DEFAULT_PACING, ...options.pacing };
    this.delivery = { ...DEFAULT_DELIVERY, ...options.delivery };
    this.tickMs = options.tickMs ?? 60_000;
    this.compose = options.compose ?? composeReply;
    this.sleep = options.sleep ?? realSleep;
    this.timers = options.timers ?? { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
    if (!(this.pacing.perSecond > 0)) throw new Error('scheduler: pacing.perSecond must be above 0');
    if (this.pacing.throttledAttempts * this.pacing.maxRetryAfterMs >= this.delivery.leaseMs) {
      // Otherwise a claim still waiting out a 429 could look crashed to another scheduler and be sent twice.
      throw new Error('scheduler: throttled retries could outlast the lease; raise delivery.leaseMs or lower pacing.maxRetryAfterMs');
    }
    this.resetWake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      this.timer = undefined;
      try {
        await this.tick();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (this.running) this.timer = this.timers.setTimeout(() => void loop(), this.tickMs);
    };
    this.timer = this.timers.setTimeout(() => void loop(), 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping = true;
    this.wake?.();
    try {
      await this.current;
    } catch {
      // The tick's own caller hears its error; stopping only waits for it.
    } finally {
      this.stopping = false;
      this.resetWake();
    }
  }

  tick(): Promise<TickReport> {
    const previous = this.current;
    const run = (async () => {
      await previous?.catch(() => undefined);
      return this.runTick();
    })();
    this.current = run;
    return run;
  }

  private async runTick(): Promise<TickReport> {
    const at = this.now();
    const db = await this.options.store.read();
    const due = dueMessages(db, at);
    const report: TickReport = { at, due: due.length, sent: [], failed: [], skipped: [], errors: [], interrupted: false, forgotten: [] };
    const reachable = new Set(db.conversations.map((c) => c.personId).filter((id): id is string => id !== null));
    for (const id of this.options.sender.reachablePeople?.(db) ?? []) reachable.add(id);
    for (const message of due) {
      if (this.stopping) return this.finish({ ...report, interrupted: true });
      // Someone who has not installed the app or written to the bot yet cannot be messaged. Their
      // message is left due, not burnt: if they start within the catch-up window, it reaches them.
      // Likewise the Executive's digest before anyone has said "post digests here" in its channel.
      if (!isReachable(db, message, reachable) && !db.outbox.some((m) => m.key === message.key)) {
        report.skipped.push({ key: message.key, reason: 'not-reachable-yet' });
        continue;
      }
      const decision = this.decide(db.outbox.find((m) => m.key === message.key));
      if (decision.kind === 'skip') {
        report.skipped.push({ key: message.key, reason: decision.reason });
        continue;
      }
      if (decision.kind === 'give-up') {
        await this.giveUp(decision.entry, report);
        continue;
      }
      await this.pace();
      if (this.stopping) return this.finish({ ...report, interrupted: true });
      await this.deliver(db, message, decision.takeOver, report);
    }
    await this.forgetAnsweredEvents(db, report);
    return this.finish(report);
  }

  /** Drops the keys of chat events answered long enough ago that no retry can come, after the sends. */
  private async forgetAnsweredEvents(db: Database, report: TickReport): Promise<void> {
    const keys = forgettableEventKeys(db.outbox, new Date(report.at));
    if (keys.length === 0) return;
    const forgotten = await this.options.store.commit([{ type: 'outbox.forget', keys }], { actor: SCHEDULER_ACTOR, at: report.at });
    if (forgotten.success) report.forgotten.push(...keys);
    else report.errors.push({ key: 'outbox.forget', error: forgotten.error.message });
  }

  private finish(report: TickReport): TickReport {
    this.options.onReport?.(report);
    return report;
  }

  /** What to do with a due message, given its outbox entry (if any). */
  private decide(entry: OutboxMessage | undefined): Decision {
    if (entry === undefined) return { kind: 'claim', takeOver: null };
    if (entry.state === 'sent') return { kind: 'skip', reason: 'already-sent' };
    const age = Date.parse(this.now()) - Date.parse(entry.claimedAt);
    if (entry.state === 'claimed') {
      if (age < this.delivery.leaseMs) return { kind: 'skip', reason: 'in-flight' };
      return entry.attempts >= this.delivery.maxAttempts ? { kind: 'give-up', entry } : { kind: 'claim', takeOver: entry };
    }
    if (isPermanentFailure(entry.error)) return { kind: 'skip', reason: 'failed-permanently' };
    if (entry.attempts >= this.delivery.maxAttempts) return { kind: 'skip', reason: 'out-of-attempts' };
    if (age < this.delivery.retryFailedAfterMs) return { kind: 'skip', reason: 'waiting-to-retry' };
    return { kind: 'claim', takeOver: null };
  }

  /** Claims, sends and settles one message. */
  private async deliver(db: Database, message: ScheduledMessage, takeOver: OutboxMessage | null, report: TickReport): Promise<void> {
    // outbox.claim refuses a claimed key unless we name the expired claim we take over, so two
    // schedulers expiring the same claim cannot both win it.
    const claim: CommandInput[] = [{ type: 'outbox.claim', key: message.key, takeOverClaimedAt: takeOver?.claimedAt ?? null }];
    const target = resolveTarget(db, message);
    if (!target.ok) {
      // Claimed and failed in one commit, so the outbox shows why it never went.
      const error = `${PERMANENT_FAILURE_PREFIX}${target.error}`;
      const committed = await this.commit([...claim, settle(message.key, 'failed', error)]);
      if (committed === true) report.failed.push({ key: message.key, error, permanent: true });
      else this.noteCommitFailure(message.key, committed, report);
      return;
    }
    // The pace counts from here, the start of this delivery (claim, send, settle), to the next.
    this.nextSendAt = Date.parse(this.now()) + 1000 / this.pacing.perSecond;
    const claimed = await this.commit(claim);
    if (claimed !== true) {
      this.noteCommitFailure(message.key, claimed, report);
      return;
    }
    const outcome = await this.send(target.target, () => this.compose(db, message, this.now()));
    const error = outcome.ok ? null : `${outcome.permanent ? PERMANENT_FAILURE_PREFIX : ''}${outcome.error}`;
    const settled = await this.settleWithRetry(message.key, outcome.ok ? 'sent' : 'failed', error);
    if (settled !== true) {
      // Left claimed: after the lease a later tick sends it again (the at-least-once window).
      report.errors.push({ key: message.key, error: `${outcome.ok ? 'sent, but' : 'failed, and'} could not record it: ${settled}` });
    }
    if (outcome.ok) report.sent.push(message.key);
    else report.failed.push({ key: message.key, error: error!, permanent: outcome.permanent });
  }

  /** Sends, waiting out throttling (HTTP 429) a bounded number of times. */
  private async send(target: ProactiveTarget, compose: () => Reply): Promise<SendOutcome> {
    let reply: Reply;
    try {
      reply = compose();
    } catch (error) {
      return { ok: false, permanent: false, error: `could not compose the message: ${describe(error)}` };
    }
    for (let attempt = 1; ; attempt++) {
      // A send again after a 429 starts its own interval: the next message waits its turn after it.
      if (attempt > 1) this.nextSendAt = Date.parse(this.now()) + 1000 / this.pacing.perSecond;
      let outcome: SendOutcome;
      try {
        outcome = await this.options.sender.send(target, reply);
      } catch (error) {
        outcome = { ok: false, permanent: false, error: describe(error) };
      }
      if (outcome.ok || outcome.permanent || outcome.retryAfterMs === undefined) return outcome;
      if (attempt >= this.pacing.throttledAttempts) return { ...outcome, error: `${outcome.error} (throttled ${attempt} times)` };
      if (outcome.retryAfterMs > this.pacing.maxRetryAfterMs) return { ...outcome, error: `${outcome.error} (asked to wait ${outcome.retryAfterMs} ms)` };
      await this.wait(outcome.retryAfterMs);
      if (this.stopping) return { ...outcome, error: `${outcome.error} (stopped while throttled)` };
    }
  }

  private async giveUp(entry: OutboxMessage, report: TickReport): Promise<void> {
    const error = `${PERMANENT_FAILURE_PREFIX}gave up after ${entry.attempts} attempts; the last claim (${entry.claimedAt}) expired with no outcome`;
    const committed = await this.commit([settle(entry.key, 'failed', error)]);
    if (committed === true) report.failed.push({ key: entry.key, error, permanent: true });
    else this.noteCommitFailure(entry.key, committed, report);
  }

  /** Waits until the next send is allowed by the pacing. */
  private async pace(): Promise<void> {
    const wait = this.nextSendAt - Date.parse(this.now());
    if (wait > 0) await this.wait(wait);
  }

  /** Sleeps, but wakes at once when `stop()` is called. */
  private wait(ms: number): Promise<void> {
    return Promise.race([this.sleep(ms), this.woken]);
  }

  private resetWake(): void {
    this.woken = new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private async commit(commands: CommandInput[]): Promise<true | string> {
    try {
      const result = await this.options.store.commit(commands, { actor: SCHEDULER_ACTOR, at: this.now() });
      return result.success ? true : `${result.error.code}: ${result.error.message}`;
    } catch (error) {
      return describe(error);
    }
  }

  /** Recording the outcome matters more than anything else in a tick, so a failed write is tried again. */
  private async settleWithRetry(key: string, state: 'sent' | 'failed', error: string | null): Promise<true | string> {
    let last: true | string = 'not tried';
    for (let attempt = 0; attempt < 3; attempt++) {
      last = await this.commit([settle(key, state, error)]);
      if (last === true) return true;
    }
    return last;
  }

  private noteCommitFailure(key: string, error: string, report: TickReport): void {
    if (error.startsWith('outbox.already_claimed')) report.skipped.push({ key, reason: 'claimed-elsewhere' });
    else report.errors.push({ key, error });
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }
}

function settle(key: string, state: 'sent' | 'failed', error: string | null): CommandInput {
  return { type: 'outbox.settle', key, state, error };
}

/** Where a message goes on the chat channel: a person by id, or the subgroup's bound channel. */
function resolveTarget(db: Database, message: ScheduledMessage): { ok: true; target: ProactiveTarget } | { ok: false; error: string } {
  if (message.target.kind === 'person') return { ok: true, target: { kind: 'person', personId: message.target.personId } };
  const { subgroupId } = message.target;
  const subgroup = db.subgroups.find((s) => s.id === subgroupId);
  if (!subgroup?.channel) return { ok: false, error: `${subgroup?.name ?? subgroupId} has no channel bound for its digests; say "post digests here" to the bot in its channel` };
  return { ok: true, target: { kind: 'channel', service: subgroup.channel.kind, conversationId: subgroup.channel.conversationId } };
}

/** Whether the chat service can reach a message's target yet: a person who has a chat with the bot, a subgroup with a bound channel. */
function isReachable(db: Database, message: ScheduledMessage, reachablePeople: ReadonlySet<string>): boolean {
  const { target } = message;
  if (target.kind === 'person') return reachablePeople.has(target.personId);
  return db.subgroups.some((s) => s.id === target.subgroupId && s.channel !== null);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    // unref: a pending wait must not keep a stopping process alive.
    setTimeout(resolve, ms).unref();
  });
}
