import { MemoryStore, type Database } from '@partnership-tracker/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi } from '../__fixtures__/fakeSlackApi.js';
import { FakeClock, fakeSleep, personalChat, schedulerDatabase } from '../scheduler/__fixtures__/schedulerFixtures.js';
import { preferredChatService, RoutedSender, type ProactiveSender, type ProactiveTarget } from '../app/proactive.js';
import type { Reply } from '../app/reply.js';
import { loadBotConfig } from '../config.js';
import { createScheduler } from '../scheduler/index.js';
import { startBotServer, type BotServer } from '../server/server.js';

const TEAM = 'T0EXAMPLE';
const SLACK_IDS: Record<string, string> = { erin: 'U0ERIN', quinn: 'U0QUINN', jo: 'U0JO', sam: 'U0SAM' };

/** The scheduler fixture, with everyone's Slack id. */
function withSlackIds(): Database {
  const db = schedulerDatabase();
  return { ...db, people: db.people.map((p) => ({ ...p, slackUserId: SLACK_IDS[p.id] ?? null })) };
}

let api: Awaited<ReturnType<typeof startFakeSlackApi>>;
let server: BotServer;
let store: MemoryStore;
let clock: FakeClock;
let sender: ProactiveSender;

beforeEach(async () => {
  api = await startFakeSlackApi({ teamId: TEAM });
  store = new MemoryStore(withSlackIds());
  clock = new FakeClock('2026-06-16T08:00:00Z');
  const config = loadBotConfig({
    PTRACK_BOT_PORT: '0',
    PTRACK_BOT_HOST: '127.0.0.1',
    PTRACK_SLACK_SIGNING_SECRET: 'secret',
    PTRACK_SLACK_BOT_TOKEN: 'xoxb-test',
    PTRACK_SLACK_ALLOWED_TEAMS: TEAM,
    PTRACK_SLACK_API_URL: api.apiUrl,
  });
  if (!config.success) throw new Error(config.error.message);
  // The server hands each partnership's scheduler its sender; the test ticks a scheduler of its own with it.
  server = await startBotServer({
    config: config.data,
    store,
    clock,
    log: () => {},
    scheduler: (given) => {
      sender = given;
      return { start() {}, stop: async () => {} };
    },
  });
});

afterEach(async () => {
  await server.close();
  // Every message, modal and Home tab the bot sent is valid Block Kit within Slack's limits.
  expect(api.invalid).toEqual([]);
  await api.close();
});

const posts = () => api.calls.filter((c) => c.method === 'chat.postMessage');

describe('reminders in Slack', () => {
  it("go to the owner's Slack DM with Update and Snooze buttons, once, through a 429 honouring Retry-After", async () => {
    const { sleep, waits } = fakeSleep(clock);
    const scheduler = createScheduler({ store, clock, sender, sleep });
    api.throttleNext(1, 7);
    const report = await scheduler.tick();
    expect(api.throttledCount()).toBe(1);
    expect(waits).toContain(7000);
    expect(report.sent.filter((k) => k.includes('jo') || k.includes('A-1'))).not.toEqual([]);
    const toJo = posts().filter((p) => p.args.channel === 'U0JO');
    expect(toJo.map((p) => String(p.args.text).split(':')[0])).toEqual(['Please update your actions', 'Reminder']);
    const reminder = toJo[1]!;
    expect(JSON.stringify(reminder.args.blocks)).toContain('"action_id":"ptrack.action.update","value":"A-1"');
    expect(JSON.stringify(reminder.args.blocks)).toContain('"action_id":"ptrack.action.snooze","value":"A-1"');
    for (const key of report.sent) expect((await store.read()).outbox.find((m) => m.key === key)?.state).toBe('sent');

    // Ticking again, or after a restart with a new scheduler, sends nothing twice.
    const before = posts().length;
    await scheduler.tick();
    await createScheduler({ store, clock, sender, sleep }).tick();
    expect(posts().length).toBe(before);
  });

  it('reach someone with a Slack id who never installed the Teams app', async () => {
    clock.set('2026-06-30T08:00:00Z');
    const { sleep } = fakeSleep(clock);
    const report = await createScheduler({ store, clock, sender, sleep }).tick();
    expect(report.skipped.filter((s) => s.reason === 'not-reachable-yet')).toEqual([]);
    expect(report.sent).toContain('reminder:due-3:A-2:2026-06-30');
    expect(posts().filter((p) => p.args.channel === 'U0SAM')).toHaveLength(1);
  });
});

describe('returns in Slack (issue 15)', () => {
  it("chase the agency's contact in their Slack DM, within Block Kit's limits, once", async () => {
    const request = { id: 'dataset-q1', kind: 'quarterly-dataset' as const, title: 'Dataset 2026/27 Q1', period: '2026/27 Q1', dueOn: '2026-06-23', mandatoryFields: ['commentary'], agencies: [{ agencyId: 'schools', contactId: 'jo' }] };
    await store.commit([{ type: 'return.upsert', request }], { actor: { kind: 'system', name: 'cli' }, at: '2026-06-01T09:00:00Z' });
    const { sleep } = fakeSleep(clock);
    const scheduler = createScheduler({ store, clock, sender, sleep });
    const report = await scheduler.tick();
    expect(report.sent).toContain('return-chase:due-7:dataset-q1:schools:2026-06-16');
    const chase = posts().find((p) => p.args.channel === 'U0JO' && /Dataset 2026\/27 Q1/.test(String(p.args.text)))!;
    expect(String(chase.args.text)).toBe(
      'Reminder: Testshire Schools\'s “Dataset 2026/27 Q1”, which is due in 7 days, on Tuesday 23 June 2026. It must include commentary. When it is sent, reply "submit return dataset-q1 https://…" with its link.',
    );
    expect(JSON.stringify(chase.args.blocks)).toContain('submit return dataset-q1');
    const before = posts().length;
    await createScheduler({ store, clock, sender, sleep }).tick();
    expect(posts().length).toBe(before);
  });
});

describe('digests in Slack', () => {
  it('go to the Slack channel bound for them, within Block Kit\'s limits', async () => {
    await store.commit([{ type: 'subgroup.setChannel', subgroupId: 'executive', channel: { kind: 'slack', conversationId: 'C0EXECUTIVE', name: null } }], {
      actor: { kind: 'person', personId: 'erin' },
      at: '2026-06-20T09:00:00Z',
    });
    clock.set('2026-07-01T08:00:00Z');
    const { sleep } = fakeSleep(clock);
    const report = await createScheduler({ store, clock, sender, sleep }).tick();
    expect(report.sent).toContain('digest:2026-27-Q1:slack:C0EXECUTIVE');
    const [post] = posts().filter((p) => p.args.channel === 'C0EXECUTIVE');
    expect(String(post!.args.text)).toMatch(/^Quarterly digest for 2026\/27 Q1/);
    expect((post!.args.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(post!.args.blocks)).toContain('/ptrack digest 2026/27 Q1');
    // With a link to the full digest page, signed like the ones /ptrack digest gives.
    expect(JSON.stringify(post!.args.blocks)).toMatch(/"url":"http:\/\/127\.0\.0\.1:\d+\/digest\/2026-27-Q1\.html\?expires=\d+&key=[0-9a-f]+"/);
  });
});

describe('a person with both a Teams and a Slack id', () => {
  class Recorder implements ProactiveSender {
    readonly sent: string[] = [];
    constructor(private readonly name: string) {}
    async send(target: ProactiveTarget, _reply: Reply) {
      this.sent.push(`${this.name} ${target.kind === 'person' ? target.personId : target.conversationId}`);
      return { ok: true as const };
    }
  }
  const slackChat = (personId: string, savedAt: string) => ({ ...personalChat(personId), key: `slack:personal:${personId}`, channel: 'slack' as const, conversationId: SLACK_IDS[personId]!, savedAt });

  it('gets each reminder once, where they began talking to the bot most recently', async () => {
    const base = withSlackIds();
    // Jo began in Teams (January) and moved to Slack in May; Quinn only ever used Teams; Sam never spoke to the bot.
    const db: Database = { ...base, conversations: [...base.conversations, slackChat('jo', '2026-05-01T09:00:00.000Z')] };
    const services = new Set(['teams', 'slack'] as const);
    expect(['jo', 'quinn', 'sam'].map((id) => preferredChatService(db, id, services))).toEqual(['slack', 'teams', 'slack']);

    const teams = new Recorder('teams');
    const slack = new Recorder('slack');
    const routed = new RoutedSender({ teams, slack }, async () => db);
    for (const personId of ['jo', 'quinn', 'sam']) await routed.send({ kind: 'person', personId }, { text: 'Reminder' });
    expect([...teams.sent, ...slack.sent].sort()).toEqual(['slack jo', 'slack sam', 'teams quinn']);
  });

  it('gets each reminder once, on the service the partnership prefers for them, where it reaches them', async () => {
    const base = withSlackIds();
    const prefer = (id: string, preferredChat: 'teams' | 'slack') => (p: Database['people'][number]) => (p.id === id ? { ...p, preferredChat } : p);
    // Jo talks to the bot in Slack lately, but the partnership wants her reminders in Teams; Quinn
    // only ever used Teams and is preferred in Slack, where he has an id; Sam is preferred in Teams,
    // where he has never talked to the bot, so Teams cannot reach him and Slack does.
    const db: Database = {
      ...base,
      people: base.people.map(prefer('jo', 'teams')).map(prefer('quinn', 'slack')).map(prefer('sam', 'teams')),
      conversations: [...base.conversations, slackChat('jo', '2026-05-01T09:00:00.000Z')],
    };
    const services = new Set(['teams', 'slack'] as const);
    expect(['jo', 'quinn', 'sam'].map((id) => preferredChatService(db, id, services))).toEqual(['teams', 'slack', 'slack']);
    // A bot answering in Teams alone sends to Teams whatever is preferred.
    expect(preferredChatService(db, 'quinn', new Set(['teams'] as const))).toBe('teams');

    const teams = new Recorder('teams');
    const slack = new Recorder('slack');
    const routed = new RoutedSender({ teams, slack }, async () => db);
    for (const personId of ['jo', 'quinn', 'sam']) await routed.send({ kind: 'person', personId }, { text: 'Reminder' });
    expect([...teams.sent, ...slack.sent].sort()).toEqual(['slack quinn', 'slack sam', 'teams jo']);
  });
});
