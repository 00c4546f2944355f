import { MemoryStore, unwrap, type CommandInput, type Store } from '@partnership-tracker/core';
import { describe, expect, it } from 'vitest';
import type { ProactiveSender, SendOutcome } from '../app/proactive.js';
import { EXECUTIVE_CHANNEL, FakeClock, FakeSender, fakeSleep, personalChat, schedulerDatabase, schedulerStore } from './__fixtures__/schedulerFixtures.js';
import { createScheduler, SCHEDULER_ACTOR, type SchedulerOptions, type Timers } from './scheduler.js';

const MINUTE = 60_000;

function setUp(start: string, options: Partial<SchedulerOptions> = {}) {
  const clock = new FakeClock(start);
  const store = (options.store as MemoryStore | undefined) ?? schedulerStore();
  const sender = (options.sender as FakeSender | undefined) ?? new FakeSender(clock);
  const { sleep, waits } = fakeSleep(clock);
  const scheduler = createScheduler({ store, clock, sender, sleep, ...options });
  return { clock, store, sender, scheduler, waits };
}

async function outbox(store: Store, key: string) {
  return (await store.read()).outbox.find((m) => m.key === key);
}

describe('the scheduler keeps the outbox from growing with every chat event', () => {
  it('drops the keys of Slack events answered over a day ago, after its sends, and keeps the rest', async () => {
    const { clock, store, scheduler } = setUp('2026-06-16T08:00:00Z');
    const slack = { actor: { kind: 'system', name: 'slack-events' }, at: '2026-06-15T07:00:00.000Z' } as const;
    const answer = (eventId: string): CommandInput[] => [{ type: 'outbox.claim', key: `slack:event:${eventId}` }, { type: 'outbox.settle', key: `slack:event:${eventId}`, state: 'sent' }];
    await store.commit([...answer('Ev-yesterday-early'), { type: 'outbox.claim', key: 'slack:event:Ev-stuck' }], slack);
    await store.commit(answer('Ev-this-morning'), { ...slack, at: '2026-06-16T07:30:00.000Z' });
    const report = await scheduler.tick();
    expect(report.sent.length).toBeGreaterThan(0);
    expect(report.forgotten).toEqual(['slack:event:Ev-yesterday-early']);
    const keys = (await store.read()).outbox.map((m) => m.key);
    expect(keys).toEqual(expect.arrayContaining(['slack:event:Ev-stuck', 'slack:event:Ev-this-morning', ...report.sent]));
    expect(keys).not.toContain('slack:event:Ev-yesterday-early');
    clock.advance(60 * MINUTE);
    expect((await scheduler.tick()).forgotten).toEqual([]);
  });
});

describe('the scheduler sends every reminder rule once, at its time', () => {
  it('runs six weeks of ticks every 30 minutes and sends each due message exactly once', async () => {
    const { clock, sender, scheduler } = setUp('2026-06-04T00:00:00Z');
    const sentKeys: string[] = [];
    while (clock.now().toISOString() < '2026-07-20T00:00:00Z') {
      const report = await scheduler.tick();
      sentKeys.push(...report.sent, ...report.failed.map((f) => f.key));
      clock.advance(30 * MINUTE);
    }
    // Minutes only: pacing spaces sends a quarter of a second apart.
    expect(sender.calls.map((c, i) => `${c.at.slice(0, 16)} ${sender.summary()[i]}`)).toEqual([
      // An hour after the QAG meeting ended (12:00 BST on Friday 5 June).
      '2026-06-05T12:00 quinn: The Quality Assurance Group meeting on Friday 5 June 2026 at 10',
      // Two weeks before Q1 ends, and 14 days before A-1 is due: 09:00 BST.
      '2026-06-16T08:00 jo: Please update your actions',
      '2026-06-16T08:00 jo: Reminder',
      // Three days before is Saturday 27 June: it waits for Monday.
      '2026-06-29T08:00 jo: Reminder',
      // Sam has not installed the app: nothing can reach him, and nothing is sent to him.
      '2026-06-30T08:00 jo: Reminder',
      // The first working day after Q1: the digest, to the Executive's channel.
      `2026-07-01T08:00 ${EXECUTIVE_CHANNEL}: Quarterly digest for 2026/27 Q1`,
      '2026-07-07T08:00 jo: Reminder',
      // 14 days overdue: the QAG chair hears, and the owner gets the weekly reminder.
      '2026-07-14T08:00 quinn: Overdue alert',
      '2026-07-14T08:00 jo: Reminder',
      // A-2 (Sam's) is 14 days overdue: his chair hears even though Sam cannot.
      '2026-07-17T08:00 quinn: Overdue alert',
    ]);
    expect(new Set(sentKeys).size).toBe(sentKeys.length);
    expect(sentKeys).toEqual([
      'attendance:qag-2026-06-05',
      'please-update:jo:2026-27-Q1',
      'reminder:due-14:A-1:2026-06-16',
      'reminder:due-3:A-1:2026-06-27',
      'reminder:due:A-1:2026-06-30',
      `digest:2026-27-Q1:teams:${EXECUTIVE_CHANNEL}`,
      'reminder:overdue:A-1:2026-07-07',
      'overdue-alert:A-1:2026-07-14',
      'reminder:overdue:A-1:2026-07-14',
      'overdue-alert:A-2:2026-07-17',
    ]);
    // 2,200 ticks: on a shared, busy machine this takes longer than vitest's default 5 s.
  }, 30_000);

  it('records what it sent in the store, as the scheduler', async () => {
    const { store, scheduler } = setUp('2026-06-16T08:00:00Z');
    await scheduler.tick();
    expect(await outbox(store, 'reminder:due-14:A-1:2026-06-16')).toEqual({
      key: 'reminder:due-14:A-1:2026-06-16',
      state: 'sent',
      // The second send of the tick, a quarter of a second after the first.
      claimedAt: '2026-06-16T08:00:00.250Z',
      sentAt: '2026-06-16T08:00:00.250Z',
      attempts: 1,
      error: null,
    });
    const audit = unwrap(await store.readWithHistory()).audit.filter((a) => a.entityId === 'reminder:due-14:A-1:2026-06-16');
    expect(audit.map((a) => `${a.by} ${a.command}`)).toEqual(['system:scheduler outbox.claim', 'system:scheduler outbox.settle']);
  });

  it('sends nothing on a weekend, and the Saturday reminder on Monday', async () => {
    const { clock, sender, scheduler } = setUp('2026-06-27T08:00:00Z');
    await scheduler.tick();
    clock.set('2026-06-28T08:00:00Z');
    await scheduler.tick();
    expect(sender.calls).toEqual([]);
    clock.set('2026-06-29T08:00:00Z');
    const report = await scheduler.tick();
    expect(report.sent).toEqual(['reminder:due-3:A-1:2026-06-27']);
  });

  it('posts the digest summary to the Executive channel', async () => {
    const { sender, scheduler } = setUp('2026-07-01T08:00:00Z');
    await scheduler.tick();
    const digest = sender.calls.find((c) => c.target.kind === 'channel');
    expect(digest?.target).toEqual({ kind: 'channel', service: 'teams', conversationId: EXECUTIVE_CHANNEL });
    expect(digest?.reply.view).toMatchObject({ kind: 'scheduled', summary: { title: 'Quarterly digest: 2026/27 Q1', facts: [{ title: 'Delivery' }, {}, {}, {}, {}] }, actionRefs: [] });
  });

  it('keeps the digest due while the Executive has no channel, and posts it once when someone binds one', async () => {
    const db = schedulerDatabase();
    const store = new MemoryStore({ ...db, subgroups: db.subgroups.map((s) => ({ ...s, channel: null })) });
    const { clock, sender, scheduler } = setUp('2026-07-01T08:00:00Z', { store });
    const first = await scheduler.tick();
    expect(first.skipped).toContainEqual({ key: 'digest:2026-27-Q1:unbound:executive', reason: 'not-reachable-yet' });
    expect(first.failed).toEqual([]);
    expect(sender.calls.filter((c) => c.target.kind === 'channel')).toEqual([]);
    // Two days later the Executive's chair says "post digests here" in its channel.
    clock.advance(2 * 24 * 60 * MINUTE);
    const bound = await store.commit([{ type: 'subgroup.setChannel', subgroupId: 'executive', channel: { kind: 'teams', conversationId: EXECUTIVE_CHANNEL } }], {
      actor: { kind: 'person', personId: 'erin' },
      at: clock.now().toISOString(),
    });
    expect(bound.success).toBe(true);
    expect((await scheduler.tick()).sent).toContain(`digest:2026-27-Q1:teams:${EXECUTIVE_CHANNEL}`);
    clock.advance(60 * MINUTE);
    expect((await scheduler.tick()).sent).toEqual([]);
    expect(sender.calls.filter((c) => c.target.kind === 'channel').map((c) => c.target)).toEqual([{ kind: 'channel', service: 'teams', conversationId: EXECUTIVE_CHANNEL }]);
  });

  it.each([
    ['shares the Executive channel', EXECUTIVE_CHANNEL, [EXECUTIVE_CHANNEL]],
    ['has its own channel', '19:qag@thread.tacv2', ['19:qag@thread.tacv2', EXECUTIVE_CHANNEL]],
  ])('posts each channel the digest once when QAG %s', async (_case, qagChannel, expected) => {
    const db = schedulerDatabase();
    const binding = { kind: 'teams' as const, conversationId: qagChannel, name: null, boundBy: 'quinn', boundAt: '2026-01-05T10:00:00Z' };
    const subgroups = db.subgroups.map((s) => (s.id === 'qag' ? { ...s, channel: binding } : s));
    const { sender, scheduler } = setUp('2026-07-01T08:00:00Z', { store: new MemoryStore({ ...db, subgroups }) });
    await scheduler.tick();
    await scheduler.tick();
    const posted = sender.calls.flatMap((c) => (c.target.kind === 'channel' ? [c.target.conversationId] : []));
    expect(posted.sort()).toEqual([...expected].sort());
  });

  it('respects a snooze the owner records', async () => {
    const { store, sender, scheduler } = setUp('2026-06-29T08:00:00Z');
    await store.commit([{ type: 'action.snooze', ref: 'A-1', until: '2026-07-06' }], { actor: { kind: 'person', personId: 'jo' }, at: '2026-06-28T20:00:00Z' });
    await scheduler.tick();
    expect(sender.calls).toEqual([]);
  });
});

describe('restarts and second ticks', () => {
  it('a new scheduler on the same store sends nothing twice and misses nothing', async () => {
    const store = schedulerStore();
    const first = setUp('2026-06-16T08:00:00Z', { store });
    expect((await first.scheduler.tick()).sent).toHaveLength(2);
    await first.scheduler.stop();

    // The server restarts a minute later: the same messages are due, and already sent.
    const second = setUp('2026-06-16T08:01:00Z', { store });
    const again = await second.scheduler.tick();
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(['already-sent', 'already-sent']);

    // It was down all weekend: Monday's tick sends Monday's reminder.
    second.clock.set('2026-06-29T09:30:00Z');
    expect((await second.scheduler.tick()).sent).toEqual(['reminder:due-3:A-1:2026-06-27']);
    expect([...first.sender.summary(), ...second.sender.summary()]).toHaveLength(3);
  });

  it('a second tick at the same moment sends nothing', async () => {
    const { sender, scheduler } = setUp('2026-06-16T08:00:00Z');
    await scheduler.tick();
    await scheduler.tick();
    expect(sender.calls).toHaveLength(2);
  });

  it('two ticks started together run one after the other', async () => {
    const { sender, scheduler } = setUp('2026-06-16T08:00:00Z');
    const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect([a.sent.length, b.sent.length]).toEqual([2, 0]);
    expect(sender.calls).toHaveLength(2);
  });

  it('two schedulers on one store racing each other send every message once', async () => {
    const store = schedulerStore();
    const one = setUp('2026-06-16T08:00:00Z', { store });
    const two = setUp('2026-06-16T08:00:00Z', { store });
    const reports = await Promise.all([one.scheduler.tick(), two.scheduler.tick()]);
    expect([...one.sender.calls, ...two.sender.calls]).toHaveLength(2);
    expect(reports.flatMap((r) => r.sent).sort()).toEqual(['please-update:jo:2026-27-Q1', 'reminder:due-14:A-1:2026-06-16']);
    expect(reports.flatMap((r) => r.skipped.map((s) => s.reason))).toContain('claimed-elsewhere');
  });
});

describe('a crash mid-run', () => {
  const key = 'reminder:due-14:A-1:2026-06-16';

  it('after the claim and before the send: left alone while the claim is live, then sent once', async () => {
    const store = schedulerStore();
    // The crashed run claimed the reminder at 08:00 and died before sending it.
    await store.commit([{ type: 'outbox.claim', key }], { actor: SCHEDULER_ACTOR, at: '2026-06-16T08:00:00.000Z' });

    const restarted = setUp('2026-06-16T08:05:00Z', { store });
    const early = await restarted.scheduler.tick();
    expect(early.skipped).toContainEqual({ key, reason: 'in-flight' });
    expect(restarted.sender.summary()).toEqual(['jo: Please update your actions']);

    restarted.clock.set('2026-06-16T08:10:00Z');
    expect((await restarted.scheduler.tick()).sent).toEqual([key]);
    restarted.clock.set('2026-06-16T09:00:00Z');
    await restarted.scheduler.tick();
    expect(restarted.sender.summary()).toEqual(['jo: Please update your actions', 'jo: Reminder']);
    expect(await outbox(store, key)).toMatchObject({ state: 'sent', attempts: 2, sentAt: '2026-06-16T08:10:00.000Z' });
  });

  it('after the send and before recording it: sent again once the lease expires (the documented at-least-once window)', async () => {
    const inner = schedulerStore();
    let settleFails = true;
    const store: Store = {
      read: () => inner.read(),
      readWithHistory: () => inner.readWithHistory(),
      close: () => inner.close(),
      commit: (commands: readonly CommandInput[], context) => {
        if (settleFails && commands.some((c) => c.type === 'outbox.settle')) return Promise.reject(new Error('disk full'));
        return inner.commit(commands, context);
      },
    };
    const crashed = setUp('2026-06-16T08:00:00Z', { store });
    const report = await crashed.scheduler.tick();
    expect(report.errors).toContainEqual({ key, error: 'sent, but could not record it: disk full' });
    expect(await outbox(inner, key)).toMatchObject({ state: 'claimed', attempts: 1 });

    settleFails = false;
    crashed.clock.set('2026-06-16T08:11:00Z');
    expect((await crashed.scheduler.tick()).sent).toContain(key);
    expect(crashed.sender.summary().filter((s) => s === 'jo: Reminder')).toHaveLength(2);
  });

  it('gives up on a message whose claims keep expiring', async () => {
    const store = schedulerStore();
    const at = (minutes: number) => new Date(Date.parse('2026-06-16T08:00:00Z') + minutes * MINUTE).toISOString();
    for (let attempt = 0; attempt < 5; attempt++) {
      const claim: CommandInput[] = attempt === 0 ? [] : [{ type: 'outbox.settle', key, state: 'failed', error: 'expired' }];
      await store.commit([...claim, { type: 'outbox.claim', key }], { actor: SCHEDULER_ACTOR, at: at(attempt * 11) });
    }
    const { sender, scheduler } = setUp(at(60), { store });
    const report = await scheduler.tick();
    expect(report.failed).toContainEqual({ key, error: 'permanent: gave up after 5 attempts; the last claim (2026-06-16T08:44:00.000Z) expired with no outcome', permanent: true });
    expect(sender.summary()).not.toContain('jo: Reminder');
  });
});

describe('throttling, failures and pacing', () => {
  const key = 'reminder:due-14:A-1:2026-06-16';
  const throttled: SendOutcome = { ok: false, permanent: false, retryAfterMs: 2_000, error: 'HTTP 429' };

  it('waits out a 429 for as long as Teams asks, then sends', async () => {
    const { sender, scheduler, waits } = setUp('2026-06-16T08:00:00Z');
    sender.answer(throttled, throttled);
    const report = await scheduler.tick();
    expect(report.sent).toEqual(['please-update:jo:2026-27-Q1', key]);
    expect(sender.calls).toHaveLength(4);
    expect(waits.filter((ms) => ms === 2_000)).toHaveLength(2);
  });

  it('marks a message failed after four throttled sends, and retries it on a later tick', async () => {
    const { clock, store, sender, scheduler } = setUp('2026-06-16T08:00:00Z');
    sender.answer(throttled, throttled, throttled, throttled);
    const report = await scheduler.tick();
    expect(report.failed).toEqual([{ key: 'please-update:jo:2026-27-Q1', error: 'HTTP 429 (throttled 4 times)', permanent: false }]);
    expect(report.sent).toEqual([key]);

    clock.advance(5 * MINUTE);
    expect((await scheduler.tick()).skipped).toContainEqual({ key: 'please-update:jo:2026-27-Q1', reason: 'waiting-to-retry' });
    clock.advance(15 * MINUTE);
    expect((await scheduler.tick()).sent).toEqual(['please-update:jo:2026-27-Q1']);
    expect(await outbox(store, 'please-update:jo:2026-27-Q1')).toMatchObject({ state: 'sent', attempts: 2, error: null });
  });

  it('does not wait longer than a minute for Teams, and leaves it to a later tick', async () => {
    const { sender, scheduler, waits } = setUp('2026-06-16T08:00:00Z');
    sender.answer({ ...throttled, retryAfterMs: 5 * MINUTE });
    const report = await scheduler.tick();
    expect(report.failed[0]).toMatchObject({ error: 'HTTP 429 (asked to wait 300000 ms)', permanent: false });
    expect(waits.filter((ms) => ms >= MINUTE)).toEqual([]);
  });

  it('stops retrying after five attempts', async () => {
    const { clock, sender, scheduler } = setUp('2026-06-16T08:00:00Z', { delivery: { retryFailedAfterMs: MINUTE } });
    for (let tick = 0; tick < 7; tick++) {
      // The first send of each tick is the please-update request, retried once its wait is over.
      sender.answer({ ok: false, permanent: false, error: 'HTTP 502' });
      await scheduler.tick();
      clock.advance(2 * MINUTE);
    }
    const pleaseUpdateCalls = sender.calls.filter((c) => c.reply.text?.startsWith('Please update'));
    expect(pleaseUpdateCalls).toHaveLength(5);
    expect((await scheduler.tick()).skipped).toContainEqual({ key: 'please-update:jo:2026-27-Q1', reason: 'out-of-attempts' });
  });

  it('keeps a message for someone who has not installed the app due, and sends it once they have', async () => {
    // Once Sam has a saved chat the channel can reach him: this sender refuses nobody.
    const { store, clock, sender, scheduler } = setUp('2026-06-30T08:00:00Z', { sender: new FakeSender(new FakeClock('2026-06-30T08:00:00Z'), new Set()) });
    const before = await scheduler.tick();
    expect(before.skipped).toContainEqual({ key: 'reminder:due-3:A-2:2026-06-30', reason: 'not-reachable-yet' });
    expect((await store.read()).outbox.map((m) => m.key)).not.toContain('reminder:due-3:A-2:2026-06-30');
    // Sam installs the app at lunchtime; the bot saves his personal chat.
    await store.commit([{ type: 'conversation.save', conversation: personalChat('sam') }], { actor: { kind: 'system', name: 'bot' }, at: '2026-06-30T12:00:00Z' });
    clock.set('2026-06-30T12:30:00Z');
    expect((await scheduler.tick()).sent).toEqual(['reminder:due-3:A-2:2026-06-30']);
    clock.advance(60 * MINUTE);
    await scheduler.tick();
    expect(sender.calls.filter((c) => c.target.kind === 'person' && c.target.personId === 'sam')).toHaveLength(1);
  });

  it('records a person the channel says it cannot reach (the app was removed) as failed, and never tries again', async () => {
    const db = schedulerDatabase();
    const store = new MemoryStore({ ...db, conversations: [...db.conversations, personalChat('sam')] });
    const { clock, sender, scheduler } = setUp('2026-06-30T08:00:00Z', { store });
    const report = await scheduler.tick();
    expect(report.failed).toEqual([{ key: 'reminder:due-3:A-2:2026-06-30', error: 'permanent: no conversation reference for sam', permanent: true }]);
    clock.advance(60 * MINUTE);
    await scheduler.tick();
    expect(sender.calls.filter((c) => c.target.kind === 'person' && c.target.personId === 'sam')).toHaveLength(1);
  });

  it('treats a sender that throws as a failure to retry, not a crash', async () => {
    const { sender, scheduler } = setUp('2026-06-16T08:00:00Z');
    sender.answer(new Error('socket hang up'));
    const report = await scheduler.tick();
    expect(report.failed).toEqual([{ key: 'please-update:jo:2026-27-Q1', error: 'socket hang up', permanent: false }]);
    expect(report.sent).toEqual([key]);
  });

  it('paces sends: at N a second, each send after the first waits 1/N of a second', async () => {
    const { sender, scheduler, waits } = setUp('2026-07-14T08:00:00Z', { pacing: { perSecond: 2 } });
    await scheduler.tick();
    // A-1's overdue alert and weekly reminder (Sam, who has not installed the app, is not tried).
    expect(sender.summary()).toEqual(['quinn: Overdue alert', 'jo: Reminder']);
    expect(waits).toEqual([500]);
  });

  it('counts the pace from the start of each delivery, so the time a send takes is inside the interval, not added to it', async () => {
    const clock = new FakeClock('2026-07-14T08:00:00Z');
    const inner = new FakeSender(clock);
    // Each send takes 200 ms (the HTTP round trip to the chat service).
    const slow: ProactiveSender = {
      send: async (target, reply) => {
        clock.advance(200);
        return inner.send(target, reply);
      },
    };
    const { sleep, waits } = fakeSleep(clock);
    await createScheduler({ store: schedulerStore(), clock, sender: slow, sleep, pacing: { perSecond: 2 } }).tick();
    expect(inner.summary()).toEqual(['quinn: Overdue alert', 'jo: Reminder']);
    // Half a second from the start of one to the start of the next: 200 ms sending, 300 ms waiting.
    expect(waits).toEqual([300]);
    expect(inner.calls.map((c) => c.at)).toEqual(['2026-07-14T08:00:00.200Z', '2026-07-14T08:00:00.700Z']);
  });

  it('keeps the pace across ticks: a message due straight after a tick still waits its turn', async () => {
    const { store, sender, scheduler, waits } = setUp('2026-06-16T08:00:00Z', { pacing: { perSecond: 1 } });
    await scheduler.tick();
    expect(waits).toEqual([1_000]);
    // The business team records a meeting that ended two hours ago: its prompt is due at once.
    const meeting = { id: 'qag-2026-06-16', subgroupId: 'qag', start: '2026-06-16T05:00:00Z', end: '2026-06-16T06:00:00Z', status: 'held' as const };
    await store.commit([{ type: 'meeting.upsert', meeting }], { actor: { kind: 'system', name: 'cli' }, at: '2026-06-16T08:00:01Z' });
    expect((await scheduler.tick()).sent).toEqual(['attendance:qag-2026-06-16']);
    expect(waits).toEqual([1_000, 1_000]);
    expect(sender.calls).toHaveLength(3);
  });
});

describe('configuration', () => {
  it('refuses throttling waits that could outlast the lease, which would let a live claim be taken over', () => {
    expect(() => setUp('2026-06-16T08:00:00Z', { pacing: { maxRetryAfterMs: 5 * MINUTE } })).toThrow('throttled retries could outlast the lease');
  });

  it('refuses a pace of zero messages a second', () => {
    expect(() => setUp('2026-06-16T08:00:00Z', { pacing: { perSecond: 0 } })).toThrow('pacing.perSecond must be above 0');
  });
});

describe('starting and stopping', () => {
  function fakeTimers() {
    const pending: Array<{ callback: () => void; ms: number; cleared: boolean }> = [];
    const timers: Timers = {
      setTimeout: (callback, ms) => {
        const handle = { callback, ms, cleared: false };
        pending.push(handle);
        return handle;
      },
      clearTimeout: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    };
    return { pending, timers };
  }

  it('ticks at once on start, then every tickMs after each tick ends, until stopped', async () => {
    const { pending, timers } = fakeTimers();
    const reports: string[] = [];
    const { clock, scheduler } = setUp('2026-06-16T08:00:00Z', { timers, tickMs: MINUTE, onReport: (r) => reports.push(r.at) });
    scheduler.start();
    scheduler.start();
    expect(pending.map((p) => p.ms)).toEqual([0]);

    pending[0]!.callback();
    await until(() => pending.length === 2);
    expect(pending[1]!.ms).toBe(MINUTE);
    clock.set('2026-06-16T08:01:00Z');
    pending[1]!.callback();
    await until(() => pending.length === 3);
    expect(reports).toEqual(['2026-06-16T08:00:00.000Z', '2026-06-16T08:01:00.000Z']);

    await scheduler.stop();
    expect(pending[2]!.cleared).toBe(true);
  });

  it('a tick running when stop() is called schedules no other', async () => {
    const { pending, timers } = fakeTimers();
    const { scheduler } = setUp('2026-06-16T08:00:00Z', { timers, tickMs: MINUTE });
    scheduler.start();
    pending[0]!.callback();
    await scheduler.stop();
    expect(pending).toHaveLength(1);
  });

  it('stop() lets the send in flight finish and be recorded, and leaves the rest for next time', async () => {
    const { store, sender, scheduler } = setUp('2026-06-16T08:00:00Z');
    let finishSend!: (outcome: SendOutcome) => void;
    sender.answer(new Promise<SendOutcome>((resolve) => (finishSend = resolve)));
    const ticking = scheduler.tick();
    await until(() => sender.calls.length === 1);
    const stopping = scheduler.stop();
    finishSend({ ok: true });
    await stopping;
    const report = await ticking;
    expect(report).toMatchObject({ interrupted: true, sent: ['please-update:jo:2026-27-Q1'] });
    expect(await outbox(store, 'please-update:jo:2026-27-Q1')).toMatchObject({ state: 'sent' });
    expect(await outbox(store, 'reminder:due-14:A-1:2026-06-16')).toBeUndefined();
    expect((await scheduler.tick()).sent).toEqual(['reminder:due-14:A-1:2026-06-16']);
  });

  it('stop() cuts short a wait for Teams, and the message is retried later', async () => {
    const { sender, scheduler } = setUp('2026-06-16T08:00:00Z', { sleep: () => new Promise(() => {}) });
    sender.answer({ ok: false, permanent: false, retryAfterMs: 30_000, error: 'HTTP 429' });
    const ticking = scheduler.tick();
    await until(() => sender.calls.length === 1);
    await scheduler.stop();
    expect(await ticking).toMatchObject({ interrupted: true, failed: [{ key: 'please-update:jo:2026-27-Q1', error: 'HTTP 429 (stopped while throttled)', permanent: false }] });
  });
});

/** Lets promises run until a condition holds (no timers: microtasks only). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1000 && !condition(); turn++) await Promise.resolve();
  if (!condition()) throw new Error('condition never held');
}
