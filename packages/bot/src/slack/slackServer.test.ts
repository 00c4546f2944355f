import { unwrap, type MemoryStore } from '@partnership-tracker/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, signSlackRequest, type SlackApiCall } from '../__fixtures__/fakeSlackApi.js';
import { fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { loadBotConfig, type BotConfig } from '../config.js';
import { startBotServer, type BotServer } from '../server/server.js';

const SECRET = 'slack-signing-secret-for-tests';
const TEAM = 'T0EXAMPLE';
/** Slack user ids of the fixture's people; the colleague is linked by email during the tests. */
const SLACK = { chair: 'U0CHAIR', owner: 'U0OWNER', colleague: 'U0COLLEAGUE', business: 'U0BUSINESS', stranger: 'U0STRANGER' } as const;

let api: Awaited<ReturnType<typeof startFakeSlackApi>>;
let store: MemoryStore;
let server: BotServer;
let sequence = 0;

function slackConfig(mode: 'local' | 'slack', apiUrl: string): BotConfig {
  const env = {
    PTRACK_BOT_PORT: '0',
    PTRACK_BOT_HOST: '127.0.0.1',
    PTRACK_SLACK_SIGNING_SECRET: SECRET,
    PTRACK_SLACK_BOT_TOKEN: 'xoxb-test-token',
    PTRACK_SLACK_ALLOWED_TEAMS: TEAM,
    PTRACK_SLACK_API_URL: apiUrl,
  };
  const loaded = loadBotConfig(env, mode === 'local' ? { local: true } : {});
  if (!loaded.success) throw new Error(loaded.error.message);
  return loaded.data;
}

beforeEach(async () => {
  api = await startFakeSlackApi({ teamId: TEAM });
  store = await fixtureStore();
  const link = (personId: string, slackUserId: string) => ({ type: 'person.linkSlack' as const, personId, slackUserId, email: `${personId}@example.org` });
  unwrap(await store.commit([link('chair', SLACK.chair), link('owner', SLACK.owner), link('business', SLACK.business)], { actor: { kind: 'system', name: 'fixture' }, at: '2025-04-01T08:00:00Z' }));
  server = await startBotServer({ config: slackConfig('slack', api.apiUrl), store, clock: { now: () => NOW }, log: () => {} });
});

afterEach(async () => {
  await server.close();
  // Every message, modal and Home tab the bot sent is valid Block Kit within Slack's limits.
  expect(api.invalid).toEqual([]);
  await api.close();
});

/** Posts a body to /slack/events, signed as Slack signs it unless `headers` says otherwise. */
async function postSigned(body: string, contentType: string, headers?: Record<string, string>, to: BotServer = server): Promise<number> {
  const response = await fetch(`${to.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(headers ?? signSlackRequest(SECRET, body)) },
    body,
  });
  await response.text();
  return response.status;
}

/** Posts an interactivity payload (a button, a modal submission) signed, and returns Slack's view of the answer. */
async function interact(payload: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const body = new URLSearchParams({ payload: JSON.stringify({ team: { id: TEAM }, api_app_id: 'A0PTRACK', token: 'x', ...payload }) }).toString();
  const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) }, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A button press on the Home tab. */
const pressOnHome = (userId: string, actionId: string, value: string) =>
  interact({
    type: 'block_actions',
    user: { id: userId, team_id: TEAM },
    trigger_id: `trigger-${(sequence += 1)}`,
    container: { type: 'view', view_id: 'V0HOME' },
    view: { id: 'V0HOME', type: 'home' },
    actions: [{ type: 'button', action_id: actionId, block_id: `action:${value}`, value, action_ts: '1.1' }],
  });

/** Submits a modal the bot opened, with the values typed into it. */
function submit(userId: string, opened: SlackApiCall, values: Record<string, Record<string, unknown>>, viewId = 'V0MODAL1') {
  const view = opened.args.view as Record<string, unknown>;
  return interact({
    type: 'view_submission',
    user: { id: userId, team_id: TEAM },
    trigger_id: `trigger-${(sequence += 1)}`,
    view: { id: viewId, team_id: TEAM, type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, hash: 'h1', state: { values } },
  });
}

/** A slash command's form body, as Slack sends it. */
function slashCommand(userId: string, text: string, fields: Record<string, string> = {}): string {
  sequence += 1;
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM,
    team_domain: 'example',
    channel_id: 'D0OWNERDM',
    channel_name: 'directmessage',
    user_id: userId,
    user_name: 'display name is never trusted',
    command: '/ptrack',
    text,
    api_app_id: 'A0PTRACK',
    response_url: api.responseUrl(`cmd-${sequence}`),
    trigger_id: `trigger-${sequence}`,
    ...fields,
  }).toString();
}

/** Runs `/ptrack text` as a user and returns the reply posted to the command's response_url. */
async function ptrack(userId: string, text: string): Promise<SlackApiCall> {
  const body = slashCommand(userId, text);
  const responseId = `cmd-${sequence}`;
  expect(await postSigned(body, 'application/x-www-form-urlencoded')).toBe(200);
  const calls = await api.waitFor((c) => c.some((call) => call.method === 'response_url' && call.args.responseId === responseId));
  return calls.find((call) => call.method === 'response_url' && call.args.responseId === responseId)!;
}

/** The store's changes other than the fixture's: what a request changed. */
async function changesAfter(action: () => Promise<unknown>): Promise<string[]> {
  const before = unwrap(await store.readWithHistory()).audit.length;
  await action();
  // A person's first words in Slack also save their Slack chat, as Teams saves a personal chat.
  // The outbox's claims of events are delivery bookkeeping, not changes a person made.
  return unwrap(await store.readWithHistory()).audit.slice(before).filter((e) => e.entity !== 'conversation' && e.entity !== 'outbox').map((e) => `${e.command} ${e.entityId}`);
}

/** Every text in a message's blocks, in order. */
function blockTexts(args: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') texts.push(record.text);
      else Object.values(record).forEach(walk);
    }
  };
  walk(args.blocks);
  return texts;
}

describe('Slack requests are checked before anything runs', () => {
  const body = () => slashCommand(SLACK.owner, 'update A-1 90%');
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['signed with another secret', (b: string) => signSlackRequest('not-the-secret', b)],
    ['stamped more than five minutes ago', (b: string) => signSlackRequest(SECRET, b, now() - 6 * 60)],
    ['stamped more than five minutes in the future', (b: string) => signSlackRequest(SECRET, b, now() + 6 * 60)],
    ['tampered with after signing', (b: string) => signSlackRequest(SECRET, b.replace('90%25', '10%25'))],
    ['missing the signature headers', () => ({})],
  ])('refuses a request %s with 401, and writes nothing', async (_why, sign) => {
    const signed = body();
    const changes = await changesAfter(async () => expect(await postSigned(signed, 'application/x-www-form-urlencoded', sign(signed))).toBe(401));
    expect(changes).toEqual([]);
    expect(api.calls).toEqual([]);
  });

  it('refuses a workspace that is not allowed with 403, before any handler', async () => {
    const signed = slashCommand(SLACK.owner, 'update A-1 90%', { team_id: 'T0ELSEWHERE' });
    expect(await changesAfter(async () => expect(await postSigned(signed, 'application/x-www-form-urlencoded')).toBe(403))).toEqual([]);
    expect(api.calls).toEqual([]);
  });

  it('answers Slack\'s URL verification challenge when signed', async () => {
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signSlackRequest(SECRET, challenge) }, body: challenge });
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it('has no Teams endpoint when it runs for Slack alone', async () => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
  });
});

describe('/ptrack', () => {
  it('answers help in mrkdwn, privately to the person who asked', async () => {
    const reply = await ptrack(SLACK.owner, 'help');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(String(reply.args.text)).toMatchInlineSnapshot(`
      "Hello Action Owner. Here is what you can ask me:

      • *my actions*: your open actions, soonest due first, with an Update button on each
      • *update A-12 60% on track — met the ICB lead*: record progress, status and a note on an action you own
      • *snooze A-12 2 weeks*: pause the reminders for an action you own (*snooze A-12 off* resumes them)
      • *digest* or *digest 2024/25 Q4*: the quarterly digest
      • *engagement*, *engagement QAG 2024/25*: attendance % by agency, as the partnership publishes it
      • *funding* or *funding 2024/25*: income and spending, as published
      • *reviews* or *audits*: the open actions from case reviews' recommendations or audits' action plans, by owner, and anything late"
    `);
  });

  it('answers "reviews" with the register\'s open work in Block Kit', async () => {
    const reply = await ptrack(SLACK.owner, 'reviews');
    expect(String(reply.args.text)).toMatch(/^Reviews: what is open\. /);
    expect(blockTexts(reply.args)).toContain('Reviews: what is open');
  });

  it('lists my open actions soonest due first in Block Kit', async () => {
    const reply = await ptrack(SLACK.owner, 'my actions');
    expect(reply.args.text).toBe('You have 3 open actions; the soonest is A-2, due 1 Jun 2025.');
    const texts = blockTexts(reply.args);
    expect(texts).toContain('Your open actions (3)');
    expect(texts.filter((t) => t.startsWith('Update '))).toEqual(['Update A-2', 'Update B-3', 'Update A-1']);
    expect(texts.filter((t) => /^\*[A-Z]-\d\*/.test(t)).map((t) => t.split('\n')[0])).toEqual([
      '*A-2* Audit ICB safeguarding training',
      '*B-3* Audit neglect referrals',
      '*A-1* Refresh the neglect strategy',
    ]);
    expect(texts.join('\n')).toContain('Due 1 Jun 2025 (overdue by 9 days) :warning: · At risk, 20%');
  });

  it('records an update through the same conversation as Teams, as the owner', async () => {
    const reply = await ptrack(SLACK.owner, 'update A-1 60% on track — costs > budget & *not* <!channel');
    // What the person typed is shown as typed: Slack's three special characters escaped, so no @channel or link can be forged.
    expect(reply.args.text).toBe('Updated A-1 (Refresh the neglect strategy): progress 40% → 60%; note "costs &gt; budget &amp; *not* &lt;!channel". It is in the action\'s history.');
    const action = (await store.read()).actions.find((a) => a.ref === 'A-1')!;
    expect(action.history.at(-1)).toMatchObject({ byId: 'owner', progress: 60, status: 'on-track', note: 'costs > budget & *not* <!channel' });
  });

  it('corrects nonsense and writes nothing', async () => {
    let reply: SlackApiCall | undefined;
    expect(await changesAfter(async () => (reply = await ptrack(SLACK.owner, 'update A-1 120%')))).toEqual([]);
    expect(String(reply!.args.text)).toContain('Progress must be between 0% and 100%; you wrote 120%.');
    expect(String((await ptrack(SLACK.owner, 'make me a sandwich')).args.text)).toBe('I didn\'t understand "make me a sandwich". Say "help" to see what I can do.');
  });

  it('refuses an update from someone who does not own the action, with the same words as Teams', async () => {
    let reply: SlackApiCall | undefined;
    expect(await changesAfter(async () => (reply = await ptrack(SLACK.business, 'snooze A-3 2 weeks')))).toEqual(['action.snooze A-3']);
    expect(await changesAfter(async () => (reply = await ptrack(SLACK.chair, 'update A-1 90%')))).toEqual([]);
    expect(String(reply!.args.text)).toContain('Only the owner of A-1 (or the business team) can update it. Nothing was changed.');
  });

  it('links an unknown user whose Slack profile email is a person\'s, once, audited as the bot', async () => {
    api.users.set(SLACK.colleague, { id: SLACK.colleague, teamId: TEAM, email: 'Colleague@Example.org' });
    let reply: SlackApiCall | undefined;
    expect(await changesAfter(async () => (reply = await ptrack(SLACK.colleague, 'my actions')))).toEqual(['person.linkSlack colleague']);
    expect(reply!.args.text).toBe('You have 2 open actions; the soonest is B-2, due 28 Feb 2025.');
    const entry = unwrap(await store.readWithHistory()).audit.find((e) => e.command === 'person.linkSlack' && e.entityId === 'colleague')!;
    expect([entry.by, entry.after]).toEqual(['system:slack', { slackUserId: SLACK.colleague }]);
    expect(await changesAfter(() => ptrack(SLACK.colleague, 'help'))).toEqual([]);
    expect(api.calls.filter((c) => c.method === 'users.info')).toHaveLength(1);
  });

  it.each([
    ['whose email is no one\'s', { id: SLACK.stranger, teamId: TEAM, email: 'someone@elsewhere.org' }],
    ['from another workspace, even with a person\'s email', { id: SLACK.stranger, teamId: 'T0OTHERORG', email: 'council-officer@example.org' }],
    ['who is a bot', { id: SLACK.stranger, teamId: TEAM, email: 'council-officer@example.org', isBot: true }],
  ])('politely turns away a user %s, and links no one', async (_why, user) => {
    api.users.set(SLACK.stranger, user);
    let reply: SlackApiCall | undefined;
    expect(await changesAfter(async () => (reply = await ptrack(SLACK.stranger, 'my actions')))).toEqual([]);
    expect(String(reply!.args.text)).toMatch(/^Hello! I don't know you yet.*ask the partnership's business team to add you/);
  });
});

describe('Slack events', () => {
  const eventBody = (event: Record<string, unknown>, eventId: string) =>
    JSON.stringify({ token: 'x', team_id: TEAM, api_app_id: 'A0PTRACK', type: 'event_callback', event_id: eventId, event_time: 1, event });

  it('answers a direct message in the same DM, and records a retried update once', async () => {
    const body = eventBody({ type: 'message', channel_type: 'im', channel: 'D0OWNERDM', user: SLACK.owner, text: 'update A-1 65% — retried', ts: '1.1' }, 'Ev0RETRY');
    expect(await postSigned(body, 'application/json')).toBe(200);
    await api.waitFor((c) => c.some((call) => call.method === 'chat.postMessage'));
    const retried = await changesAfter(async () => {
      expect(await postSigned(body, 'application/json', { ...signSlackRequest(SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    });
    expect(retried).toEqual([]);
    // Closing waits for the work requests started after they were acknowledged.
    await server.close();
    const posts = api.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => [p.args.channel, p.args.text])).toEqual([['D0OWNERDM', 'Updated A-1 (Refresh the neglect strategy): progress 40% → 65%; note "retried". It is in the action\'s history.']]);
    expect((await store.read()).actions.find((a) => a.ref === 'A-1')!.history.filter((h) => h.note === 'retried')).toHaveLength(1);
  });

  it('answers a retried event once when the retry reaches another instance on the same store', async () => {
    const second = await startBotServer({ config: slackConfig('slack', api.apiUrl), store, clock: { now: () => NOW }, log: () => {} });
    try {
      const body = eventBody({ type: 'message', channel_type: 'im', channel: 'D0OWNERDM', user: SLACK.owner, text: 'update A-1 70% — once', ts: '3.3' }, 'Ev0TWICE');
      expect(await postSigned(body, 'application/json')).toBe(200);
      await api.waitFor((c) => c.some((call) => call.method === 'chat.postMessage'));
      await server.close();
      const retry = { ...signSlackRequest(SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
      expect(await postSigned(body, 'application/json', retry, second)).toBe(200);
      await second.close();
      expect(api.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
      expect((await store.read()).outbox.find((m) => m.key === 'slack:event:Ev0TWICE')).toMatchObject({ state: 'sent', attempts: 1 });
    } finally {
      await second.close();
    }
  });

  it('answers a retry that another instance claimed and never answered, once its claim has lapsed', async () => {
    const crashedAt = new Date(NOW.getTime() - 60_000).toISOString();
    unwrap(await store.commit([{ type: 'outbox.claim', key: 'slack:event:Ev0LAPSED' }], { actor: { kind: 'system', name: 'slack' }, at: crashedAt }));
    const body = eventBody({ type: 'message', channel_type: 'im', channel: 'D0OWNERDM', user: SLACK.owner, text: 'my actions', ts: '4.4' }, 'Ev0LAPSED');
    expect(await postSigned(body, 'application/json', { ...signSlackRequest(SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    await server.close();
    expect(api.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect((await store.read()).outbox.find((m) => m.key === 'slack:event:Ev0LAPSED')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('answers an @mention in a channel in its thread, and binds the digests there for a chair', async () => {
    const body = eventBody({ type: 'app_mention', channel: 'C0QAGCHANNEL', user: SLACK.chair, text: '<@U0PTRACKBOT> post digests here', ts: '2.2' }, 'Ev0MENTION');
    const changes = await changesAfter(async () => {
      expect(await postSigned(body, 'application/json')).toBe(200);
      await api.waitFor((c) => c.some((call) => call.method === 'chat.postMessage'));
    });
    expect(changes).toEqual(['subgroup.setChannel qag']);
    const post = api.calls.find((c) => c.method === 'chat.postMessage')!;
    expect([post.args.channel, post.args.thread_ts]).toEqual(['C0QAGCHANNEL', '2.2']);
    expect(String(post.args.text)).toMatch(/^From now on I'll post the quarterly digest for Quality Assurance Group here/);
    expect((await store.read()).subgroups.find((s) => s.id === 'qag')!.channel).toMatchObject({ kind: 'slack', conversationId: 'C0QAGCHANNEL' });
  });
});

describe('App Home and the update modal', () => {
  const homeOpened = (userId: string, eventId: string) =>
    JSON.stringify({ token: 'x', team_id: TEAM, api_app_id: 'A0PTRACK', type: 'event_callback', event_id: eventId, event_time: 1, event: { type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home' } });
  const lastHome = (userId: string) => [...api.calls].reverse().find((c) => c.method === 'views.publish' && c.args.user_id === userId);
  const homeTexts = (userId: string) => blockTexts((lastHome(userId)?.args.view ?? {}) as Record<string, unknown>);

  it('shows my open actions soonest first with Update and Snooze, and a chair their groups\' meetings', async () => {
    expect(await postSigned(homeOpened(SLACK.chair, 'Ev0HOME1'), 'application/json')).toBe(200);
    await api.waitFor((c) => c.some((call) => call.method === 'views.publish'));
    const texts = homeTexts(SLACK.chair);
    expect(texts).toContain('Hello QAG Chair');
    expect(texts).toContain('*Quality Assurance Group*\nLatest: Tue 20 May 2025, 10:00 (no register yet)\nNext: Tue 15 Jul 2025, 10:00');
    expect(await postSigned(homeOpened(SLACK.owner, 'Ev0HOME2'), 'application/json')).toBe(200);
    await api.waitFor((c) => c.some((call) => call.method === 'views.publish' && call.args.user_id === SLACK.owner));
    const owner = homeTexts(SLACK.owner);
    expect(owner.filter((t) => /^\*[A-Z]-\d\*/.test(t)).map((t) => t.split(' ')[0])).toEqual(['*A-2*', '*B-3*', '*A-1*']);
    expect(owner.filter((t) => /^(Update|Snooze)/.test(t)).slice(0, 2)).toEqual(['Update A-2', 'Snooze 2 weeks']);
    expect(owner.join('\n')).not.toContain('Quarterly digest');
  });

  it('answers "report 2024/25" from the business team with the same signed links to the Word and HTML report as in Teams (issue 16)', async () => {
    const reply = await ptrack(SLACK.business, 'report 2024/25');
    expect(reply.args.response_type).toBe('ephemeral');
    // Slack's mrkdwn writes & as &amp;.
    const urls = (String(reply.args.text).match(/http[^\s>|]+/g) ?? []).map((url) => url.replace(/&amp;/g, '&'));
    expect(urls.map((url) => new URL(url).pathname)).toEqual(['/report/annual-report-2024-25.docx', '/report/annual-report-2024-25.html']);
    const word = await fetch(urls[0]!);
    expect(word.status).toBe(200);
    expect(Buffer.from(await word.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(String((await ptrack(SLACK.owner, 'report 2024/25')).args.text)).toMatch(/^The annual report is drafted by the business team and the Executive/);
  });

  it('gives the business team the latest digest\'s headline and its link', async () => {
    expect(await postSigned(homeOpened(SLACK.business, 'Ev0HOME3'), 'application/json')).toBe(200);
    await api.waitFor((c) => c.some((call) => call.method === 'views.publish'));
    expect(homeTexts(SLACK.business)).toContain('*Quarterly digest 2024/25 Q4*');
    expect(JSON.stringify(lastHome(SLACK.business)!.args.view)).toMatch(/"url":"http:\/\/127\.0\.0\.1:\d+\/digest\/2024-25-Q4\.html\?expires=/);
  });

  it('opens the update modal from the button, shows a bad progress inline writing nothing, then saves and refreshes Home', async () => {
    expect((await pressOnHome(SLACK.owner, 'ptrack.action.update', 'A-1')).status).toBe(200);
    const [opened] = (await api.waitFor((c) => c.some((call) => call.method === 'views.open'))).filter((c) => c.method === 'views.open');
    const modal = opened!.args.view as { title: { text: string }; blocks: Array<{ block_id?: string; element?: { initial_value?: string; initial_option?: { value: string } } }> };
    expect(modal.title.text).toBe('Update A-1');
    expect(modal.blocks.find((b) => b.block_id === 'progress')!.element!.initial_value).toBe('40');
    expect(modal.blocks.find((b) => b.block_id === 'status')!.element!.initial_option!.value).toBe('on-track');

    const values = (progress: string, status: string, note: string | null) => ({
      progress: { value: { type: 'number_input', value: progress } },
      status: { value: { type: 'static_select', selected_option: { value: status } } },
      note: { value: { type: 'plain_text_input', value: note } },
    });
    let refused: { status: number; body: unknown } | undefined;
    expect(await changesAfter(async () => (refused = await submit(SLACK.owner, opened!, values('lots', 'on-track', 'hello'))))).toEqual([]);
    expect(refused!.body).toEqual({ response_action: 'errors', errors: { progress: 'Progress must be a whole number from 0 to 100; the form said "lots". Nothing was changed.' } });
    expect(await changesAfter(async () => (refused = await submit(SLACK.owner, opened!, values('50', 'complete', null))))).toEqual([]);
    expect(refused!.body).toMatchObject({ response_action: 'errors', errors: { status: expect.stringContaining('Nothing was changed') } });

    const saved = await changesAfter(async () => expect((await submit(SLACK.owner, opened!, values('70', 'at-risk', 'waiting on the ICB'))).status).toBe(200));
    expect(saved).toEqual(['action.update A-1']);
    expect((await store.read()).actions.find((a) => a.ref === 'A-1')).toMatchObject({ progress: 70, status: 'at-risk' });
    await api.waitFor((c) => c.some((call) => call.method === 'views.publish') && c.some((call) => call.method === 'chat.postMessage'));
    const confirmation = api.calls.find((c) => c.method === 'chat.postMessage')!;
    expect([confirmation.args.channel, confirmation.args.text]).toEqual([SLACK.owner, 'Updated A-1 (Refresh the neglect strategy): progress 40% → 70%; status On track → At risk; note "waiting on the ICB". It is in the action\'s history.']);
    expect(homeTexts(SLACK.owner).join('\n')).toContain('At risk, 70%');
  });

  it('redraws Home once after several changes in a row, with the latest state, and confirms them in one message', async () => {
    // The redraw's and the confirmation's short waits end when the test says.
    await server.close();
    const homeWaits: Array<() => void> = [];
    const confirmationWaits: Array<() => void> = [];
    server = await startBotServer({
      config: slackConfig('slack', api.apiUrl),
      store,
      clock: { now: () => NOW },
      log: () => {},
      slackHomeRefreshDelay: () => new Promise<void>((resolve) => homeWaits.push(resolve)),
      slackConfirmationDelay: () => new Promise<void>((resolve) => confirmationWaits.push(resolve)),
    });
    await pressOnHome(SLACK.owner, 'ptrack.action.update', 'A-1');
    const [opened] = (await api.waitFor((c) => c.some((call) => call.method === 'views.open'))).filter((c) => c.method === 'views.open');
    const values = (progress: string) => ({
      progress: { value: { type: 'number_input', value: progress } },
      status: { value: { type: 'static_select', selected_option: { value: 'at-risk' } } },
      note: { value: { type: 'plain_text_input', value: `now ${progress}` } },
    });
    for (const progress of ['50', '60', '70']) expect((await submit(SLACK.owner, opened!, values(progress), `V0QUICK${progress}`)).status).toBe(200);
    const confirmed = () => api.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === SLACK.owner);
    const homes = () => api.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === SLACK.owner);
    expect(confirmed()).toEqual([]);
    expect(homes()).toEqual([]);
    expect(homeWaits).toHaveLength(1);
    expect(confirmationWaits).toHaveLength(1);
    homeWaits[0]!();
    confirmationWaits[0]!();
    // Closing waits for the work the requests left: the one redraw and the one confirmation.
    await server.close();
    expect(confirmed()).toHaveLength(1);
    const [message] = confirmed();
    expect(String(message!.args.text).split('\n\n').map((line) => line.match(/^Updated A-1 .*(progress \d+% → \d+%)/)?.[1])).toEqual(['progress 40% → 50%', 'progress 50% → 60%', 'progress 60% → 70%']);
    expect(message!.args.blocks).toHaveLength(3);
    expect(homes()).toHaveLength(1);
    expect(homeTexts(SLACK.owner).join('\n')).toContain('At risk, 70%');
  });

  it('refuses a modal submitted by someone who does not own the action, and writes nothing', async () => {
    await pressOnHome(SLACK.owner, 'ptrack.action.update', 'A-1');
    const [opened] = (await api.waitFor((c) => c.some((call) => call.method === 'views.open'))).filter((c) => c.method === 'views.open');
    const changes = await changesAfter(() => submit(SLACK.chair, opened!, { progress: { value: { value: '90' } }, status: { value: { selected_option: { value: 'on-track' } } }, note: { value: { value: null } } }));
    expect(changes).toEqual([]);
    await server.close();
    expect(String(api.calls.find((c) => c.method === 'chat.postMessage')!.args.text)).toContain('Only the owner of A-1 (or the business team) can update it.');
  });

  it('snoozes from the Home tab, says so in the DM and refreshes Home', async () => {
    expect(await changesAfter(async () => {
      await pressOnHome(SLACK.owner, 'ptrack.action.snooze', 'A-2');
      await api.waitFor((c) => c.some((call) => call.method === 'views.publish'));
    })).toEqual(['action.snooze A-2']);
    expect((await store.read()).actions.find((a) => a.ref === 'A-2')!.snoozedUntil).toBe('2025-06-24');
    const told = api.calls.find((c) => c.method === 'chat.postMessage')!;
    expect([told.args.channel, told.args.text]).toEqual([SLACK.owner, 'No reminders for A-2 until 24 Jun 2025. Say "snooze A-2 off" to have them back sooner.']);
  });
});

describe('the attendance modal', () => {
  /** The chair's button under the register reply, pressed in the message, and the modal it opens. */
  async function openRegister(userId: string): Promise<SlackApiCall | undefined> {
    const reply = await ptrack(userId, 'attendance');
    const button = JSON.stringify(reply.args.blocks).match(/"action_id":"ptrack.register.open","value":"([^"]+)"/);
    if (!button) return undefined;
    await interact({
      type: 'block_actions',
      user: { id: userId, team_id: TEAM },
      trigger_id: `trigger-${(sequence += 1)}`,
      container: { type: 'message', message_ts: '1.1', channel_id: 'D0CHAIRDM', is_ephemeral: true },
      channel: { id: 'D0CHAIRDM' },
      response_url: api.responseUrl(`button-${sequence}`),
      actions: [{ type: 'button', action_id: 'ptrack.register.open', block_id: `register:${button[1]}`, value: button[1], action_ts: '1.1' }],
    });
    const calls = await api.waitFor((c) => c.some((call) => call.method === 'views.open'));
    return calls.find((c) => c.method === 'views.open');
  }
  const status = (value: string | null) => ({ value: { type: 'static_select', selected_option: value === null ? null : { value } } });
  const pick = (value: string | null) => ({ value: { type: 'static_select', selected_option: value === null ? null : { value } } });

  it('records the register from the modal, with a deputy, and the engagement figure moves as expected', async () => {
    const opened = await openRegister(SLACK.chair);
    const modal = opened!.args.view as { title: { text: string }; blocks: Array<{ block_id?: string; label?: { text: string } }> };
    expect(modal.title.text).toBe('Register: QAG');
    expect(modal.blocks.filter((b) => b.block_id?.startsWith('status:')).map((b) => b.label!.text)).toEqual(['Action Owner', 'ICB Colleague', 'Police Lead', 'Council Officer', 'QAG Chair']);

    const values = (owner: string | null) => ({
      'status:chair': status('present'),
      'status:council-officer': status('absent'),
      'status:owner': status(owner),
      'status:colleague': status('present'),
      'status:police-lead': status('apologies'),
      'deputyPair:0:who': pick('colleague'),
      'deputyPair:0:for': pick('police-lead'),
      'deputyPair:1:who': pick(null),
      'deputyPair:1:for': pick(null),
      guests: { value: { type: 'plain_text_input', value: 'Pat Visitor' } },
    });
    // Someone named as a deputy must be on the register: shown in the modal, nothing written.
    let answered: { status: number; body: unknown } | undefined;
    const bad = { ...values('present'), 'status:colleague': status(null) };
    expect(await changesAfter(async () => (answered = await submit(SLACK.chair, opened!, bad)))).toEqual([]);
    expect(answered!.body).toMatchObject({ response_action: 'errors', errors: { 'status:owner': expect.stringContaining('is named as a deputy but is not marked') } });

    expect(await changesAfter(() => submit(SLACK.chair, opened!, values('present')))).toEqual(expect.arrayContaining([expect.stringMatching(/^attendance.record /)]));
    const lines = (await store.read()).attendance.filter((a) => a.meetingId === 'qag-2025-05-20');
    expect(lines.map((l) => [l.personId ?? l.guestName, l.status, l.deputisingForId, l.agencyId])).toEqual(
      expect.arrayContaining([
        ['colleague', 'present', 'police-lead', 'police'],
        ['owner', 'present', null, 'icb'],
        ['Pat Visitor', 'present', null, null],
      ]),
    );
    await api.waitFor((c) => c.some((call) => call.method === 'views.publish') && c.some((call) => call.method === 'chat.postMessage'));
    const told = api.calls.find((c) => c.method === 'chat.postMessage')!;
    expect(told.args.text).toBe('Recorded the Quality Assurance Group register for Tue 20 May 2025, 10:00: 3 present, 1 apologies, 1 absent, 1 guest.');
    // The police were represented by a deputy: 100% for them at this meeting.
    expect(blockTexts(told.args).join('\n')).toContain('*Example Police*: 100% (1 person present)');

    // The same register submitted again changes nothing.
    expect(await changesAfter(() => submit(SLACK.chair, opened!, values('present')))).toEqual([]);
  });

  it('offers no register to someone who chairs nothing, and opens no modal', async () => {
    const reply = await ptrack(SLACK.owner, 'attendance');
    expect(String(reply.args.text)).toMatch(/^You don't chair a group/);
    expect(JSON.stringify(reply.args.blocks)).not.toContain('ptrack.register.open');
  });

  it('refuses a modal submitted by someone who is not the chair, and writes nothing', async () => {
    const opened = await openRegister(SLACK.chair);
    const changes = await changesAfter(() => submit(SLACK.owner, opened!, { 'status:owner': status('present') }));
    expect(changes).toEqual([]);
    await server.close();
    expect(String(api.calls.find((c) => c.method === 'chat.postMessage')!.args.text)).toContain('Only the chair or deputy chair of Quality Assurance Group');
  });
});

describe('returns in Slack (issue 15)', () => {
  const eventBody = (event: Record<string, unknown>, eventId: string) =>
    JSON.stringify({ token: 'x', team_id: TEAM, api_app_id: 'A0PTRACK', type: 'event_callback', event_id: eventId, event_time: 1, event });

  beforeEach(async () => {
    const request = { id: 'dataset-2024-25-q4', kind: 'quarterly-dataset' as const, title: 'Dataset 2024/25 Q4', period: '2024/25 Q4', dueOn: '2025-06-20', agencies: [{ agencyId: 'icb', contactId: 'owner' }] };
    unwrap(await store.commit([{ type: 'return.upsert', request }], { actor: { kind: 'system', name: 'test' }, at: '2025-04-01T08:00:00Z' }));
  });

  it('lets the contact mark their return submitted in a DM, the link as Slack writes it, and records a retried event once', async () => {
    const body = eventBody(
      { type: 'message', channel_type: 'im', channel: 'D0OWNERDM', user: SLACK.owner, text: 'submit return dataset-2024-25-q4 <https://share.example/icb/q4.xlsx?v=2&amp;web=1|our Q4 return>', ts: '5.5' },
      'Ev0RETURN',
    );
    const changes = await changesAfter(async () => {
      expect(await postSigned(body, 'application/json')).toBe(200);
      await api.waitFor((c) => c.some((call) => call.method === 'chat.postMessage'));
      expect(await postSigned(body, 'application/json', { ...signSlackRequest(SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
      await server.close();
    });
    expect(changes).toEqual(['returnResponse.submit dataset-2024-25-q4:icb']);
    const posts = api.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => String(p.args.text))).toEqual([
      "Thank you. I have recorded Example ICB's Dataset 2024/25 Q4 as received today (10 Jun 2025), with its link; the business team will review it, and the reminders stop.",
    ]);
    expect((await store.read()).returnResponses.find((r) => r.id === 'dataset-2024-25-q4:icb')).toMatchObject({ state: 'received', receivedOn: '2025-06-10', link: 'https://share.example/icb/q4.xlsx?v=2&web=1' });
  });

  it('answers /ptrack my returns, and refuses a submission for an agency that was not asked', async () => {
    expect(String((await ptrack(SLACK.owner, 'my returns')).args.text)).toContain('• *dataset-2024-25-q4*: Dataset 2024/25 Q4 for Example ICB, due 20 Jun 2025: Not yet due');
    let reply: SlackApiCall | undefined;
    expect(await changesAfter(async () => (reply = await ptrack(SLACK.chair, 'submit return dataset-2024-25-q4 https://share.example/q4.xlsx')))).toEqual([]);
    // The chair's agency, the council, was not asked for it.
    expect(String(reply!.args.text)).toBe('Dataset 2024/25 Q4 was not asked of Exampleton Council. Nothing was recorded.');
  });
});
