// The Slack section's pieces, and a smoke run of `--only slack` at a tiny size. Like the bench's
// own smoke run, these assert what was measured and that it worked, never how fast.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dueMessages, pendingMessages } from '@partnership-tracker/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBench } from './__fixtures__/builtBench.js';
import { renderSlack, type Report, type SlackResult } from './report.js';
import { startFakeSlack, TokenBucket, type FakeSlack } from './scenarios/fakeSlack.js';
import { updateSubmission } from './scenarios/slack.js';
import { dueRemindersPartnership } from './synthetic/dueReminders.js';

const run = promisify(execFile);

describe('the token bucket of the fake Slack Web API', () => {
  it('lets a burst through, then refuses until the rate has refilled a token, saying how many whole seconds to wait', () => {
    const bucket = new TokenBucket({ perSecond: 4, burst: 2 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfterSeconds: 1 }]);
    // A quarter of a second refills one token at 4 a second.
    expect(bucket.take(250)).toEqual({ ok: true });
    expect(bucket.take(250)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('never holds more than its burst, however long it waited', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, 0);
    const answers = Array.from({ length: 4 }, () => bucket.take(60_000).ok);
    expect(answers).toEqual([true, true, true, false]);
  });

  it('asks for more than a second when the rate is below one a second', () => {
    const bucket = new TokenBucket({ perSecond: 0.25, burst: 1 }, 0);
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 4 });
  });
});

describe('the fake Slack Web API', () => {
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await startFakeSlack({ teamId: 'T0TEST', postMessageLimit: { perSecond: 1, burst: 2 } });
  });

  afterAll(async () => {
    await fake.close();
  });

  const postMessage = (channel: string) =>
    fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Bearer xoxb-test' }, body: new URLSearchParams({ channel, text: `hello ${channel}` }).toString() });

  it('answers chat.postMessage over its rate with 429 and Retry-After, and keeps only what it accepted', async () => {
    const answers = [];
    for (const channel of ['U1', 'U2', 'U3']) {
      const response = await postMessage(channel);
      answers.push([response.status, response.headers.get('retry-after'), ((await response.json()) as { ok: boolean }).ok]);
    }
    expect(answers).toEqual([
      [200, null, true],
      [200, null, true],
      [429, '1', false],
    ]);
    expect(fake.posts.map((p) => [p.channel, p.text])).toEqual([
      ['U1', 'hello U1'],
      ['U2', 'hello U2'],
    ]);
    expect(fake.throttled()).toBe(1);
  });

  it('answers auth.test with its workspace, and hands a response_url reply and an opened view to whoever waits for them', async () => {
    const auth = (await (await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' })).json()) as { ok: boolean; team_id: string };
    expect([auth.ok, auth.team_id]).toEqual([true, 'T0TEST']);
    const reply = fake.waitForReply('cmd-1');
    await fetch(fake.responseUrl('cmd-1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'You have 3 open actions' }) });
    expect((await reply).text).toBe('You have 3 open actions');
    const view = fake.waitForOpenedView('trigger-9');
    await fetch(`${fake.apiUrl}views.open`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ trigger_id: 'trigger-9', view: JSON.stringify({ type: 'modal', callback_id: 'ptrack.update' }) }).toString() });
    expect(await view).toEqual({ type: 'modal', callback_id: 'ptrack.update' });
    expect(fake.calls()).toMatchObject({ 'auth.test': 1, 'chat.postMessage': 3, 'views.open': 1, response_url: 1 });
  });
});

describe('the fan-out partnership', () => {
  it.each([
    ['a Monday morning', '2026-12-07T10:00:00Z'],
    ['a Sunday', '2026-12-06T07:00:00Z'],
    ['a Saturday before the send time', '2026-12-05T08:30:00Z'],
    ['the morning after Christmas', '2026-12-26T09:30:00Z'],
  ])('has exactly one reminder due to each person on %s, and nothing else', (_when, now) => {
    const { db, slackUserIds } = dueRemindersPartnership({ people: 30, now: new Date(now) });
    const due = dueMessages(db, now);
    expect(due).toHaveLength(30);
    expect(new Set(due.map((m) => m.kind))).toEqual(new Set(['action-reminder']));
    // One each, to someone with a Slack id and no Teams id.
    const people = new Map(db.people.map((p) => [p.id, p]));
    const targets = due.map((m) => (m.target.kind === 'person' ? people.get(m.target.personId) : undefined));
    expect(new Set(targets.map((p) => p?.slackUserId))).toEqual(new Set(slackUserIds));
    expect(targets.every((p) => p?.teamsAadObjectId === null)).toBe(true);
    expect(pendingMessages(db, now)).toHaveLength(30);
  });
});

describe('an Update modal submission built from the modal the bot opened', () => {
  const view = {
    type: 'modal',
    callback_id: 'ptrack.update',
    private_metadata: '{"ref":"A-7"}',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: '*A-7*' } },
      { type: 'input', block_id: 'progress', element: { type: 'number_input', action_id: 'value' } },
      { type: 'input', block_id: 'status', element: { type: 'static_select', action_id: 'value', options: [{ value: 'not-started' }, { value: 'on-track' }] } },
      { type: 'input', block_id: 'note', element: { type: 'plain_text_input', action_id: 'value' } },
    ],
  };

  it('fills every input as a person would, in a view of its own', () => {
    const first = JSON.parse(new URLSearchParams(updateSubmission(view, 'U0OWNER', 45, 'met the lead')).get('payload')!) as Record<string, any>;
    const second = JSON.parse(new URLSearchParams(updateSubmission(view, 'U0OWNER', 46, 'again')).get('payload')!) as Record<string, any>;
    expect(first.type).toBe('view_submission');
    expect(first.user.id).toBe('U0OWNER');
    expect([first.view.callback_id, first.view.private_metadata]).toEqual(['ptrack.update', '{"ref":"A-7"}']);
    expect(first.view.state.values).toEqual({
      progress: { value: { type: 'number_input', value: '45' } },
      status: { value: { type: 'static_select', selected_option: { value: 'on-track' } } },
      note: { value: { type: 'plain_text_input', value: 'met the lead' } },
    });
    expect(second.view.id).not.toBe(first.view.id);
  });
});

const slack: SlackResult = {
  scale: 0.2,
  requests: [
    { request: '/ptrack my actions', concurrency: 1, requests: 40, p50: 2.5, p99: 9.6, boltP50: 2.4, boltP99: 18.2, p99Ratio: 0.53, sampleReply: 'You have 12 open actions' },
    { request: 'Update modal submission', concurrency: 20, requests: 100, p50: 168, p99: 240, boltP50: 51.7, boltP99: 141, p99Ratio: 1.7, durableBoltP50: 60.2, durableBoltP99: 150, durableP99Ratio: 1.6, sampleReply: 'Updated A-3' },
  ],
  fanOut: { reminders: 2000, due: '2026-12-04', perSecond: 40, burst: 10, accepted: 2000, duplicates: 0, missed: 0, throttled: 3, schedulerReport: 'scheduler at …: 2000 sent, 0 failed, 0 left for later', totalMs: 52_345, minimumMs: 50_000, ratio: 1.0469 },
};

describe('the Slack section of the report', () => {
  it('renders the requests against the bare Bolt app and the fan-out against its minimum, saying what each time runs until', () => {
    const text = renderSlack(slack).join('\n\n');
    expect(text).toContain('### Slack');
    expect(text).toContain("until its reply reaches the command's response_url");
    expect(text).toContain('until its HTTP answer (the modal closes then');
    expect(text).toContain('| /ptrack my actions | 1 | 40 | 2.50 | 9.60 | 2.40 | 18.2 | 0.53× | — | — | — |');
    expect(text).toContain('| Update modal submission | 20 | 100 | 168 | 240 | 51.7 | 141 | 1.70× | 60.2 | 150 | 1.60× |');
    expect(text).toContain('the bare app\'s that makes the submission durable before it answers');
    expect(text).toContain('| 2000 | 40 | 2000 | 0 | 0 | 3 | 50.0 | 52.3 | 1.05× |');
  });

  it('says why a part was skipped', () => {
    expect(renderSlack({ ...slack, fanOut: { skipped: 'the bot is not built' } }).join('\n')).toContain('Fan-out skipped: the bot is not built');
    expect(renderSlack({ skipped: 'no data file was generated' }).join('\n')).toContain('Skipped: no data file was generated');
  });
});

// A missing bot build is a failure, not a pass: turbo builds the bot before this test.
describe('npm run bench -- --only slack, as a smoke run', () => {
  let directory: string;
  let section: Pick<Report, 'machine' | 'slack'>;
  let stdout: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ptrack-bench-slack-'));
    const json = join(directory, 'slack.json');
    ({ stdout } = await run(process.execPath, [builtBench(), '--only', 'slack', '--scales', '0.2', '--bot-requests', '20', '--slack-reminders', '30', '--slack-rate', '30', '--json', json], { maxBuffer: 10_000_000 }));
    section = JSON.parse(await readFile(json, 'utf8')) as typeof section;
  }, 300_000);

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('times both requests at 1 and 20 users against the bare Bolt app, on replies that show they worked', () => {
    if ('skipped' in section.slack) throw new Error(`the Slack section was skipped: ${section.slack.skipped}`);
    const { requests } = section.slack;
    if ('skipped' in requests) throw new Error(`the Slack requests were skipped: ${requests.skipped}`);
    expect(requests.map((t) => `${t.request} × ${t.concurrency}`)).toEqual(['/ptrack my actions × 1', '/ptrack my actions × 20', 'Update modal submission × 1', 'Update modal submission × 20']);
    for (const turn of requests) {
      expect(turn.p99).toBeGreaterThanOrEqual(turn.p50);
      expect(turn.boltP99).toBeGreaterThanOrEqual(turn.boltP50);
      expect(turn.p99Ratio).toBeCloseTo(turn.p99 / turn.boltP99, 10);
      // Modal submissions are also timed against the bare app that makes each durable first (the
      // run checks it wrote a line for every one it answered).
      if (turn.request === 'Update modal submission') {
        expect(turn.durableBoltP99).toBeGreaterThanOrEqual(turn.durableBoltP50!);
        expect(turn.durableP99Ratio).toBeCloseTo(turn.p99 / turn.durableBoltP99!, 10);
      } else {
        expect(turn.durableP99Ratio).toBeUndefined();
      }
    }
    expect(requests[0]!.sampleReply).toMatch(/^You have \d+ open actions/);
    expect(requests[3]!.sampleReply).toMatch(/Updated A-\d+/);
    expect(stdout).toContain('### Slack');
  });

  it('sends every reminder of the fan-out once through the rate-limited fake', () => {
    if ('skipped' in section.slack) throw new Error(`the Slack section was skipped: ${section.slack.skipped}`);
    const { fanOut } = section.slack;
    if ('skipped' in fanOut) throw new Error(`the fan-out was skipped: ${fanOut.skipped}`);
    expect([fanOut.reminders, fanOut.accepted, fanOut.duplicates, fanOut.missed]).toEqual([30, 30, 0, 0]);
    expect(fanOut.schedulerReport).toMatch(/: 30 sent, 0 failed, 0 left for later$/);
    expect(fanOut.minimumMs).toBe(1000);
    expect(fanOut.totalMs).toBeGreaterThan(0);
  });
});
