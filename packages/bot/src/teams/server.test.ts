import { dueMessages, exportReport, localDateOf, parsePeriod, unwrap, type ExportTable, type MemoryStore } from '@partnership-tracker/core';
import { composeReply } from '../scheduler/composeReply.js';
import { writeReport } from '@partnership-tracker/core/node';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../__fixtures__/cardText.js';
import { cardErrors } from '../__fixtures__/validateCard.js';
import { startFakeConnector, type ConnectorCall } from '../__fixtures__/fakeConnector.js';
import { AAD, fixtureStore, largePartnershipStore, NOW } from '../__fixtures__/partnership.js';
import { loadBotConfig, type BotConfig } from '../config.js';
import { DIGEST_LINK_DAYS, EXPORT_LINK_HOURS, REPORT_LINK_HOURS, startBotServer, type BotServer } from '../server/server.js';
import { request as httpRequest } from 'node:http';

const TENANT = 'tenant-example';
const localConfig = (overrides: Partial<BotConfig> = {}): BotConfig => {
  const loaded = loadBotConfig({ PTRACK_BOT_PORT: '0' }, { local: true });
  if (!loaded.success) throw new Error(loaded.error.message);
  return { ...loaded.data, ...overrides };
};

let connector: Awaited<ReturnType<typeof startFakeConnector>>;
let store: MemoryStore;
let server: BotServer;
let sequence = 0;

beforeEach(async () => {
  connector = await startFakeConnector();
  store = await fixtureStore();
  server = await startBotServer({ config: localConfig(), store, clock: { now: () => NOW }, log: () => {} });
});

afterEach(async () => {
  await server.close();
  await connector.close();
});

/** A Teams-shaped activity from a person in their personal chat with the bot. */
function activityFrom(aadObjectId: string | undefined, fields: Record<string, unknown>): Record<string, unknown> {
  sequence += 1;
  return {
    type: 'message',
    id: `incoming-${sequence}`,
    timestamp: NOW.toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: `29:${aadObjectId ?? 'nobody'}`, name: 'Display Name Is Never Trusted', ...(aadObjectId ? { aadObjectId } : {}) },
    recipient: { id: '28:bot-id', name: 'Partnership Tracker' },
    conversation: { id: `a:personal-${aadObjectId ?? 'none'}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
    ...fields,
  };
}

async function post(activity: Record<string, unknown>, headers: Record<string, string> = {}, target = server): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${target.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

/** Sends a message and returns the bot's replies to it. */
async function say(aadObjectId: string | undefined, text: string): Promise<ConnectorCall[]> {
  const before = connector.calls.length;
  const activity = activityFrom(aadObjectId, { text });
  const { status } = await post(activity);
  expect(status).toBe(200);
  return connector.calls.slice(before);
}

/** The store's changes other than saved conversation references: what a person's message changed. */
async function changesAfter(action: () => Promise<unknown>): Promise<string[]> {
  const before = unwrap(await store.readWithHistory()).audit.length;
  await action();
  return unwrap(await store.readWithHistory()).audit.slice(before).filter((e) => e.entity !== 'conversation').map((e) => `${e.command} ${e.entityId}`);
}

const textOf = (call: ConnectorCall | undefined): string => String(call?.body.text ?? '');
const cardIn = (call: ConnectorCall | undefined): Record<string, unknown> => {
  const attachments = (call?.body.attachments ?? []) as Array<{ contentType: string; content: Record<string, unknown> }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no card in ${JSON.stringify(call?.body)}`);
  return card.content;
};

describe('the bot server', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mode: 'local' });
  });

  it('replies in the same conversation, threaded to the message it answers', async () => {
    const [reply] = await say(AAD.owner, 'help');
    expect(reply?.conversationId).toBe(`a:personal-${AAD.owner}`);
    expect(reply?.replyToId).toMatch(/^incoming-/);
  });

  it('tells an unknown person how the business team adds them, and writes nothing', async () => {
    let replies: ConnectorCall[] = [];
    expect(await changesAfter(async () => (replies = await say(AAD.stranger, 'my actions')))).toEqual([]);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0])).toMatchInlineSnapshot(
      `"Hello! I don't know you yet, so I can't show you anything. Please ask the partnership's business team to add you: they need your name, work email and agency, and they add your Teams identity for you. Once they have, say "help" to start."`,
    );
  });

  it('never identifies a sender by display name', async () => {
    const [reply] = await say(undefined, 'my actions');
    expect(textOf(reply)).toMatch(/^Hello! I don't know you yet/);
  });

  it('shows help by role: an owner sees the everyday commands and the published tables', async () => {
    const [reply] = await say(AAD.owner, 'help');
    expect(textOf(reply)).toMatchInlineSnapshot(`
      "Hello Action Owner. Here is what you can ask me:

      - **my actions**: your open actions, soonest due first, with an Update button on each
      - **update A-12 60% on track — met the ICB lead**: record progress, status and a note on an action you own
      - **snooze A-12 2 weeks**: pause the reminders for an action you own (**snooze A-12 off** resumes them)
      - **digest** or **digest 2024/25 Q4**: the quarterly digest
      - **engagement**, **engagement QAG 2024/25**: attendance % by agency, as the partnership publishes it
      - **funding** or **funding 2024/25**: income and spending, as published
      - **reviews** or **audits**: the open actions from case reviews' recommendations or audits' action plans, by owner, and anything late"
    `);
  });

  it('answers "reviews" with the register\'s open work as a card, to anyone in the partnership', async () => {
    const [reply] = await say(AAD.owner, 'reviews');
    expect(textOf(reply)).toMatch(/^Reviews: what is open\. /);
    expect(JSON.stringify(reply)).toContain('application/vnd.microsoft.card.adaptive');
  });

  it('answers the published tables to anyone in the partnership, as help says (issue 17)', async () => {
    for (const person of [AAD.owner, AAD.chair, AAD.business]) {
      expect(textOf((await say(person, 'funding 2024/25'))[0])).toBe('Funding 2024/25.');
      expect(textOf((await say(person, 'engagement 2024/25'))[0])).toMatch(/^Engagement 2024\/25/);
    }
  });

  it('shows help by role: a chair also sees attendance, the business team every group\'s', async () => {
    expect(textOf((await say(AAD.chair, 'help'))[0])).toContain('As chair of QAG:\n- **attendance**');
    const business = textOf((await say(AAD.business, 'help'))[0]);
    expect(business).toContain('**attendance** or **attendance QAG**');
  });

  it('lists my open actions soonest due first, each with an Update form, as a valid 1.5 card', async () => {
    const [reply] = await say(AAD.owner, 'my actions');
    expect(textOf(reply)).toBe('You have 3 open actions; the soonest is A-2, due 1 Jun 2025.');
    const card = cardIn(reply);
    expect(cardErrors(card)).toEqual([]);
    const texts = cardText(card);
    expect(texts.filter((t) => /^\*\*[A-Z]-\d/.test(t))).toEqual(['**A-2** Audit ICB safeguarding training', '**B-3** Audit neglect referrals', '**A-1** Refresh the neglect strategy']);
    expect(texts).toContain('Due: 1 Jun 2025 (overdue by 9 days)');
    const showCards = JSON.stringify(card).match(/"Action.ShowCard","title":"Update [A-Z]-\d"/g);
    expect(showCards).toEqual(['"Action.ShowCard","title":"Update A-2"', '"Action.ShowCard","title":"Update B-3"', '"Action.ShowCard","title":"Update A-1"']);
  });

  it('records an update typed in chat, with the history entry by the owner', async () => {
    const [reply] = await say(AAD.owner, 'update A-1 60% on track — met the ICB lead');
    expect(textOf(reply)).toMatchInlineSnapshot(
      `"Updated A-1 (Refresh the neglect strategy): progress 40% → 60%; note "met the ICB lead". It is in the action's history."`,
    );
    const action = (await store.read()).actions.find((a) => a.ref === 'A-1')!;
    expect(action.progress).toBe(60);
    expect(action.history.at(-1)).toMatchObject({ at: NOW.toISOString(), byId: 'owner', progress: 60, status: 'on-track', note: 'met the ICB lead' });
  });

  it('records an update once when Teams delivers the same message twice', async () => {
    const activity = activityFrom(AAD.owner, { text: 'update A-1 65% — retried' });
    await post(activity);
    const before = connector.calls.length;
    expect(await changesAfter(() => post(activity))).toEqual([]);
    expect(textOf(connector.calls[before])).toBe('That update to A-1 was already recorded, so nothing changed.');
    expect((await store.read()).actions.find((a) => a.ref === 'A-1')!.history.filter((h) => h.note === 'retried')).toHaveLength(1);
  });

  it.each([
    ['update A-1 120%', 'Progress must be between 0% and 100%; you wrote 120%.'],
    ['update A-1 sixty percent', 'I could not read "sixty percent".'],
    ['update 60% on track', '"60%" is not an action reference.'],
    ['update A-99 50%', 'There is no action A-99.'],
  ])('corrects "%s" and writes nothing', async (text, expected) => {
    let replies: ConnectorCall[] = [];
    expect(await changesAfter(async () => (replies = await say(AAD.owner, text)))).toEqual([]);
    expect(textOf(replies[0])).toContain(expected);
  });

  it('refuses an update from someone who does not own the action', async () => {
    let replies: ConnectorCall[] = [];
    expect(await changesAfter(async () => (replies = await say(AAD.colleague, 'update A-1 90%')))).toEqual([]);
    expect(textOf(replies[0])).toMatchInlineSnapshot(
      `"Only the owner of A-1 (or the business team) can update it. Nothing was changed. If it should be yours, ask the business team to make you its owner."`,
    );
  });

  it('snoozes the reminders of an action the sender owns, and turns them back on', async () => {
    const [reply] = await say(AAD.owner, 'snooze A-1 2 weeks');
    expect(textOf(reply)).toBe('No reminders for A-1 until 24 Jun 2025. Say "snooze A-1 off" to have them back sooner.');
    expect((await store.read()).actions.find((a) => a.ref === 'A-1')!.snoozedUntil).toBe('2025-06-24');
    const [back] = await say(AAD.owner, 'snooze A-1 off');
    expect(textOf(back)).toBe('Reminders for A-1 are back on.');
    expect((await store.read()).actions.find((a) => a.ref === 'A-1')!.snoozedUntil).toBeNull();
  });

  it.each([
    [AAD.colleague, 'snooze A-1 1 week', 'Only the owner of A-1 (or the business team) can update it.'],
    [AAD.owner, 'snooze A-1 until 01/01/2020', 'Snooze until a day after today'],
    [AAD.owner, 'snooze A-1 for ever', 'I could not read "for ever"'],
    [AAD.owner, 'snooze A-1 until 31/02/2026', '"31/02/2026" is not a date I can read.'],
  ])('refuses a snooze it cannot honour (%s: "%s") and writes nothing', async (who, text, expected) => {
    let replies: ConnectorCall[] = [];
    expect(await changesAfter(async () => (replies = await say(who, text)))).toEqual([]);
    expect(textOf(replies[0])).toContain(expected);
  });

  it('offers the update card when only the reference is given', async () => {
    const [reply] = await say(AAD.owner, 'update A-1');
    expect(textOf(reply)).toBe('What changed for A-1?');
    expect(cardErrors(cardIn(reply))).toEqual([]);
  });

  it('answers a card submission it does not recognise instead of ignoring it', async () => {
    const before = connector.calls.length;
    expect((await post(activityFrom(AAD.owner, { value: { something: 'old' } }))).status).toBe(200);
    expect(textOf(connector.calls[before])).toBe('That button is from an older version of me. Say "help" to start again.');
  });

  it('answers an unknown command with a pointer to help', async () => {
    const [reply] = await say(AAD.owner, 'make me a sandwich');
    expect(textOf(reply)).toBe('I didn\'t understand "make me a sandwich". Say "help" to see what I can do.');
  });
});

describe('attendance', () => {
  const register = (extra: Record<string, unknown> = {}) => ({
    verb: 'attendance.record',
    meetingId: 'qag-2025-05-20',
    'status:chair': 'present',
    'status:council-officer': 'apologies',
    'status:owner': 'present',
    'status:colleague': 'none',
    'deputy:owner': '',
    'status:police-lead': 'absent',
    guests: 'Dr Visiting Guest\n\n',
    ...extra,
  });
  /** Presses a card's Action.Execute button: an `adaptiveCard/action` invoke. */
  const invoke = (aadObjectId: string, data: Record<string, unknown>) =>
    post(activityFrom(aadObjectId, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data }, trigger: 'manual' } }));
  /** Presses an Action.Submit button (older clients): a message with `value` and no text. */
  const submit = (aadObjectId: string, data: Record<string, unknown>) => post(activityFrom(aadObjectId, { value: data }));

  it('gives the chair a valid card for the latest started, not cancelled meeting with every member agency\'s people', async () => {
    const [reply] = await say(AAD.chair, 'attendance');
    expect(textOf(reply)).toBe('Here is the register for Quality Assurance Group, Tue 20 May 2025, 10:00.');
    const card = cardIn(reply);
    expect(cardErrors(card)).toEqual([]);
    const texts = cardText(card);
    expect(texts.filter((t) => ['Example ICB', 'Example Police', 'Exampleton Council'].includes(t))).toEqual(['Example ICB', 'Example Police', 'Exampleton Council']);
    const inputs = JSON.stringify(card).match(/"id":"(status|deputy):[a-z-]+"/g);
    expect(inputs).toEqual([
      '"id":"status:owner"', '"id":"deputy:owner"', '"id":"status:colleague"', '"id":"deputy:colleague"',
      '"id":"status:police-lead"', '"id":"deputy:police-lead"',
      '"id":"status:council-officer"', '"id":"deputy:council-officer"', '"id":"status:chair"', '"id":"deputy:chair"',
    ]);
    expect(JSON.stringify(card)).toContain('"id":"guests"');
  });

  it('records the register from the card (invoke) with replace, and answers with that meeting\'s engagement', async () => {
    const { status, body } = await invoke(AAD.chair, register());
    expect(status).toBe(200);
    const response = body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(response.statusCode).toBe(200);
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardErrors(response.value)).toEqual([]);
    expect(cardText(response.value)).toEqual([
      'Recorded the Quality Assurance Group register for Tue 20 May 2025, 10:00: 2 present, 1 apologies, 1 absent, 1 guest.',
      'Quality Assurance Group: engagement at this meeting',
      'Tue 20 May 2025, 10:00',
      'Example ICB: 100% (1 person present)',
      'Example Police: 0% (not represented)',
      'Exampleton Council: 100% (1 person present)',
      'Guests: 1',
    ]);
    const db = await store.read();
    const lines = db.attendance.filter((a) => a.meetingId === 'qag-2025-05-20').map((a) => `${a.personId ?? a.guestName} ${a.status} by ${a.recordedById}`);
    expect(lines.sort()).toEqual(['Dr Visiting Guest present by chair', 'chair present by chair', 'council-officer apologies by chair', 'owner present by chair', 'police-lead absent by chair']);
    expect(db.meetings.find((m) => m.id === 'qag-2025-05-20')?.status).toBe('held');
  });

  it('records the same submission once when Teams retries it', async () => {
    await invoke(AAD.chair, register());
    let second: { body: unknown } = { body: null };
    expect(await changesAfter(async () => (second = await invoke(AAD.chair, register())))).toEqual([]);
    expect(cardText((second.body as { value: unknown }).value)[0]).toMatch(/was already recorded exactly like this, so nothing changed/);
  });

  it('replaces the register on a corrected submission: people set back to "—" are removed', async () => {
    await invoke(AAD.chair, register());
    await invoke(AAD.chair, register({ 'status:police-lead': 'none', 'status:colleague': 'present', 'deputy:colleague': 'owner', 'status:owner': 'none' }));
    const lines = (await store.read()).attendance.filter((a) => a.meetingId === 'qag-2025-05-20').map((a) => `${a.personId ?? a.guestName}${a.deputisingForId ? ` for ${a.deputisingForId}` : ''}`);
    expect(lines.sort()).toEqual(['Dr Visiting Guest', 'chair', 'colleague for owner', 'council-officer']);
  });

  it('records a register submitted as a message with value (Action.Submit) and replies in the chat', async () => {
    const before = connector.calls.length;
    const { status } = await submit(AAD.chair, register());
    expect(status).toBe(200);
    const reply = connector.calls[before];
    expect(textOf(reply)).toMatch(/^Recorded the Quality Assurance Group register/);
    expect(cardErrors(cardIn(reply))).toEqual([]);
  });

  it('refuses a non-chair who submits a register, and records nothing', async () => {
    let response: { body: unknown } = { body: null };
    expect(await changesAfter(async () => (response = await invoke(AAD.owner, register())))).toEqual([]);
    expect(cardText((response.body as { value: unknown }).value)).toEqual([
      'Only the chair or deputy chair of Quality Assurance Group (or the business team) can record its attendance. Nothing was recorded. If you are chairing today, ask the business team to record it or to make you deputy chair.',
    ]);
  });

  it('tells a non-chair asking for the register that chairs record attendance', async () => {
    const [reply] = await say(AAD.owner, 'attendance');
    expect(textOf(reply)).toMatch(/^You don't chair a group/);
  });

  it('asks the chair to correct an empty register and leaves the card in place', async () => {
    const { body } = await invoke(AAD.chair, { verb: 'attendance.record', meetingId: 'qag-2025-05-20', 'status:chair': 'none', guests: '' });
    expect(body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'The register is empty: mark at least one person present, apologies or absent. Nothing was recorded.',
    });
  });

  it('refuses a register for a meeting that has not started', async () => {
    const { body } = await invoke(AAD.chair, register({ meetingId: 'qag-2025-07-15' }));
    expect(cardText((body as { value: unknown }).value)[0]).toMatch(/has not started yet\. Nothing was recorded\.$/);
    expect((await store.read()).attendance.filter((a) => a.meetingId === 'qag-2025-07-15')).toEqual([]);
  });
});

describe('updating an action from its card', () => {
  const save = (aadObjectId: string, fields: Record<string, unknown>) =>
    post(activityFrom(aadObjectId, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'action.update', data: { verb: 'action.update', ref: 'A-2', ...fields } } } }));

  it('saves the fields that changed and replaces the form with the confirmation', async () => {
    const { body } = await save(AAD.owner, { 'A-2.progress': '50', 'A-2.status': 'at-risk', 'A-2.note': 'training data received' });
    expect(cardText((body as { value: unknown }).value)).toEqual([
      'Updated A-2 (Audit ICB safeguarding training): progress 20% → 50%; note "training data received". It is in the action\'s history.',
    ]);
    const action = (await store.read()).actions.find((a) => a.ref === 'A-2')!;
    expect([action.progress, action.status, action.history.at(-1)?.note]).toEqual([50, 'at-risk', 'training data received']);
  });

  it.each([
    [{ 'A-2.progress': '150', 'A-2.status': 'at-risk' }, 'Progress must be a whole number from 0 to 100; the form said "150". Nothing was changed.'],
    [{ 'A-2.progress': '20', 'A-2.status': 'at-risk', 'A-2.note': '' }, 'Nothing changed for A-2: change the progress or the status, or write a note. Nothing was saved.'],
    [{ 'A-2.progress': '20', 'A-2.status': 'sideways' }, '"sideways" is not a status I know. Nothing was changed.'],
  ])('asks for a correction of %j, keeping the card and writing nothing', async (fields, message) => {
    let response: { body: unknown } = { body: null };
    expect(await changesAfter(async () => (response = await save(AAD.owner, fields)))).toEqual([]);
    expect(response.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message });
  });

  it('saves once when Teams retries the same button press', async () => {
    const activity = activityFrom(AAD.owner, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'action.update', data: { verb: 'action.update', ref: 'A-2', 'A-2.note': 'pressed once' } } } });
    await post(activity);
    expect(await changesAfter(() => post(activity))).toEqual([]);
    expect((await store.read()).actions.find((a) => a.ref === 'A-2')!.history.filter((h) => h.note === 'pressed once')).toHaveLength(1);
  });

  it('refuses someone who is not the owner', async () => {
    let response: { body: unknown } = { body: null };
    expect(await changesAfter(async () => (response = await save(AAD.colleague, { 'A-2.progress': '90' })))).toEqual([]);
    expect(cardText((response.body as { value: unknown }).value)[0]).toMatch(/^Only the owner of A-2/);
  });
});

describe('conversation references and proactive messages', () => {
  it('saves a personal chat when the app is installed, and greets the person', async () => {
    const before = connector.calls.length;
    const { status } = await post(activityFrom(AAD.owner, { type: 'installationUpdate', action: 'add' }));
    expect(status).toBe(200);
    const saved = (await store.read()).conversations;
    expect(saved.map((c) => [c.key, c.scope, c.personId, c.conversationId])).toEqual([[`teams:personal:owner`, 'personal', 'owner', `a:personal-${AAD.owner}`]]);
    expect(textOf(connector.calls[before])).toMatch(/^Hello Action Owner/);
  });

  it('saves a channel when the bot is added to it, under the channel id, without greeting', async () => {
    const before = connector.calls.length;
    const activity = activityFrom(AAD.chair, {
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:bot-id' }],
      conversation: { id: '19:qag-channel@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:qag-channel@thread.tacv2' }, eventType: 'teamMemberAdded' },
    });
    expect((await post(activity)).status).toBe(200);
    const saved = (await store.read()).conversations;
    expect(saved.map((c) => [c.key, c.scope, c.conversationId])).toEqual([['teams:channel:19:qag-channel@thread.tacv2', 'channel', '19:qag-channel@thread.tacv2']]);
    expect(saved[0]?.reference).not.toHaveProperty('activityId');
    expect(connector.calls.length).toBe(before);
  });

  it('writes a reference only when it changes', async () => {
    await say(AAD.owner, 'help');
    const revision = (await store.read()).revision;
    await say(AAD.owner, 'help');
    expect((await store.read()).revision).toBe(revision);
  });

  it('sends to a person in their saved personal chat', async () => {
    await say(AAD.owner, 'help');
    const before = connector.calls.length;
    const outcome = await server.proactiveSender.send({ kind: 'person', personId: 'owner' }, { text: 'A-2 is overdue.' });
    expect(outcome).toEqual({ ok: true });
    const call = connector.calls[before];
    expect([call?.conversationId, textOf(call)]).toEqual([`a:personal-${AAD.owner}`, 'A-2 is overdue.']);
    // Not a reply to anything the person said: botbuilder threads it to its own continuation event.
    expect(call?.replyToId).not.toMatch(/^incoming-/);
  });

  it('posts to a channel as a new conversation, not a reply in an old thread', async () => {
    await post(
      activityFrom(AAD.chair, {
        text: 'help',
        conversation: { id: '19:exec@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: TENANT, isGroup: true },
        channelData: { tenant: { id: TENANT }, channel: { id: '19:exec@thread.tacv2' } },
      }),
    );
    const before = connector.calls.length;
    const outcome = await server.proactiveSender.send({ kind: 'channel', service: 'teams', conversationId: '19:exec@thread.tacv2' }, { text: 'The 2024/25 Q4 digest', view: { kind: 'scheduled', summary: { title: 'Quarterly digest: 2024/25 Q4', facts: [], commands: [] }, actionRefs: [] } });
    expect(outcome).toEqual({ ok: true });
    const call = connector.calls[before]!;
    expect([call.method, call.path]).toEqual(['POST', '/v3/conversations']);
    expect(call.body).toMatchObject({ isGroup: true, channelData: { channel: { id: '19:exec@thread.tacv2' } }, activity: { text: 'The 2024/25 Q4 digest', attachments: [{ content: { body: [{ text: 'Quarterly digest: 2024/25 Q4' }] } }] } });
  });

  it('reports a person with no saved chat as a permanent failure', async () => {
    expect(await server.proactiveSender.send({ kind: 'person', personId: 'police-lead' }, { text: 'x' })).toEqual({
      ok: false,
      permanent: true,
      error: 'No saved Teams conversation for person police-lead (they have not installed the app or written to the bot yet).',
    });
  });

  it("reports a message over Teams' size limit (413) as a permanent failure: sending it again would fail again", async () => {
    await say(AAD.owner, 'help');
    const outcome = await server.proactiveSender.send({ kind: 'person', personId: 'owner' }, { text: 'x'.repeat(60_000) });
    expect(outcome).toMatchObject({ ok: false, permanent: true, error: expect.stringMatching(/^HTTP 413/) });
    expect(connector.tooLargeCount()).toBe(1);
  });

  it('maps Teams throttling (429) to a retry with the delay Teams asked for', async () => {
    await say(AAD.owner, 'help');
    connector.throttleNext(10, 0);
    const outcome = await server.proactiveSender.send({ kind: 'person', personId: 'owner' }, { text: 'x' });
    expect(outcome).toMatchObject({ ok: false, permanent: false, retryAfterMs: 0, error: 'HTTP 429: slow down' });
    // botbuilder's HTTP pipeline itself retries a 429 three times (honouring Retry-After) before giving up.
    expect(connector.throttledCount()).toBe(4);
  });
});

describe('with Bot Framework credentials', () => {
  let secured: BotServer;
  beforeEach(async () => {
    const loaded = loadBotConfig({ PTRACK_BOT_APP_ID: '00000000-0000-0000-0000-00000000b07', PTRACK_BOT_APP_PASSWORD: 'not-a-real-secret', PTRACK_BOT_TENANT_ID: TENANT, PTRACK_BOT_HOST: '127.0.0.1', PTRACK_BOT_PORT: '0' });
    if (!loaded.success) throw new Error(loaded.error.message);
    secured = await startBotServer({ config: loaded.data, store, clock: { now: () => NOW }, log: () => {} });
  });
  afterEach(async () => secured.close());

  it.each([
    ['no token', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a token from an issuer that is not the Bot Framework', { authorization: `Bearer ${['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9', Buffer.from(JSON.stringify({ iss: 'https://evil.example', aud: 'x' })).toString('base64url'), 'c2ln'].join('.')}` }],
  ])('refuses a request with %s (401) before any handler runs', async (_name, headers) => {
    const quiet = console.error;
    console.error = () => {};
    try {
      let status = 0;
      expect(await changesAfter(async () => ({ status } = await post(activityFrom(AAD.owner, { text: 'update A-1 99%' }), headers, secured)))).toEqual([]);
      expect(status).toBe(401);
    } finally {
      console.error = quiet;
    }
    expect(connector.calls).toEqual([]);
    expect((await store.read()).conversations).toEqual([]);
  });

  it('refuses an activity from a tenant that is not allowed (403), whatever its token', async () => {
    const activity = activityFrom(AAD.owner, { text: 'my actions', channelData: { tenant: { id: 'some-other-tenant' } }, conversation: { id: 'a:x', conversationType: 'personal', tenantId: 'some-other-tenant' } });
    expect((await post(activity, { authorization: 'Bearer anything' }, secured)).status).toBe(403);
    expect(connector.calls).toEqual([]);
  });
});

describe('local mode', () => {
  it('refuses to start on an address other than loopback', async () => {
    await expect(startBotServer({ config: localConfig({ host: '0.0.0.0' }), store, log: () => {} })).rejects.toThrow(
      'Refusing to start: local mode has no authentication and 0.0.0.0 is not a loopback address.',
    );
  });

  it('refuses tenants not allowed when a list is configured', async () => {
    const limited = await startBotServer({ config: localConfig({ allowedTenantIds: ['only-this-one'] }), store, clock: { now: () => NOW }, log: () => {} });
    try {
      expect((await post(activityFrom(AAD.owner, { text: 'help' }), {}, limited)).status).toBe(403);
      expect(connector.calls).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

describe('reports', () => {
  it('sends the last quarter\'s digest as a valid card linking the full HTML digest', async () => {
    const [reply] = await say(AAD.owner, 'digest');
    expect(textOf(reply)).toMatch(/^The quarterly digest for 2024\/25 Q4\. The full digest: http:\/\/127\.0\.0\.1:\d+\/digest\/2024-25-Q4\.html\?expires=\d+&key=[0-9a-f]{32}$/);
    const card = cardIn(reply);
    expect(cardErrors(card)).toEqual([]);
    const texts = cardText(card);
    expect(texts.slice(0, 5)).toEqual([
      'Quarterly digest 2024/25 Q4',
      'Example SCP · Business plan 2024/25 · prepared 10/06/2025',
      '33% of Business plan 2024/25 delivered (1 of 3 actions complete), unchanged since last quarter.',
      '0 completed this quarter; 1 overdue and 1 at risk or off track at the quarter end.',
      'Funding 2024/25: £80,000 received and £20,000 pledged; income £100,000 against spending of £80,000.',
    ]);
    expect(texts).toContain('B-2 Train GPs on neglect');
    expect(texts).toContain('ICB Colleague');
    expect(texts).toContain('B-3 Audit neglect referrals');
    expect(texts).toContain('⚠ 0%'); // the police sent apologies to the only QAG meeting
    expect(texts).toContain('Below 50%: Example Police at Quality Assurance Group (0%).');
    expect(texts).toContain('Quality Assurance Group: 1 / 1');
  });

  it("delivers a large partnership's digest, engagement and funding within Teams' message size limit", async () => {
    await server.close();
    // 60 agencies in 12 groups: the agency-by-group table alone is over the limit.
    store = await largePartnershipStore({ agencies: 60, groups: 12, overdue: 20 });
    server = await startBotServer({ config: localConfig(), store, clock: { now: () => NOW }, log: () => {} });
    for (const text of ['digest 2024/25 Q4', 'engagement 2024/25', 'funding 2024/25']) {
      const [reply] = await say('aad-rep-1', text);
      expect(cardErrors(cardIn(reply))).toEqual([]);
    }
    expect(connector.tooLargeCount()).toBe(0);
  });

  it('serves the full digest at the linked address, and not without its key', async () => {
    const [reply] = await say(AAD.owner, 'digest 2024/25 Q4');
    const url = /http\S+/.exec(textOf(reply))![0];
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1>Quarterly digest 2024/25 Q4</h1>');
    // The same self-contained page as ptrack digest writes: tables and inline SVG charts, no scripts.
    expect(html).toContain('<tr><td class="reference">B-2</td><td>Train GPs on neglect</td><td>ICB Colleague</td>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect((await fetch(url.replace(/key=.*/, 'key=0000'))).status).toBe(403);
    expect((await fetch(url.replace(/\?.*/, ''))).status).toBe(403);
  });

  it('explains a digest asked for a year instead of a quarter', async () => {
    const [reply] = await say(AAD.owner, 'digest 2024/25');
    expect(textOf(reply)).toBe('The quarterly digest needs a quarter such as 2024/25 Q4, not the whole year 2024/25.');
  });

  it('corrects a period it cannot read', async () => {
    const [reply] = await say(AAD.owner, 'digest last spring');
    expect(textOf(reply)).toMatch(/^"last spring" is not a period; write a year like 2024\/25 or a quarter like 2024\/25 Q3\. For example: digest 2024\/25 Q4$/);
  });

  it('shows engagement for a subgroup and period as a valid card', async () => {
    const [reply] = await say(AAD.business, 'engagement QAG 2024/25 Q4');
    expect(textOf(reply)).toBe('Engagement 2024/25 Q4 at Quality Assurance Group.');
    const card = cardIn(reply);
    expect(cardErrors(card)).toEqual([]);
    const rows = cardText(card).slice(2);
    expect(rows).toEqual(['Agency', 'QAG', 'Exampleton Council', '100%', 'Example ICB', '200%', 'Example Police', '⚠ 0%', 'Meetings held / planned', '1 / 1']);
  });

  it('corrects an unknown group in engagement', async () => {
    const [reply] = await say(AAD.business, 'engagement Choir');
    expect(textOf(reply)).toBe('I don\'t know a group or period called "Choir". Try e.g. "engagement QAG 2024/25". The groups are: QAG, Review.');
  });

  it('shows funding for a year with shares that add up, as a valid card', async () => {
    const [reply] = await say(AAD.business, 'funding 2024/25');
    const card = cardIn(reply);
    expect(cardErrors(card)).toEqual([]);
    const texts = cardText(card);
    expect(texts.slice(0, 5)).toEqual(['Funding 2024/25', 'Income: £100,000', 'Spending: £80,000', 'Balance: £20,000', 'Received / pledged: £80,000 / £20,000']);
    expect(texts).toEqual(expect.arrayContaining(['Exampleton Council', '£50,000', '50.00%', 'Staffing', '£70,000', '87.50%']));
  });

  it('says when a year has no funding recorded', async () => {
    const [reply] = await say(AAD.business, 'funding');
    expect(cardText(cardIn(reply))).toEqual(['Funding 2025/26', 'No income or spending is recorded for 2025/26 yet.']);
  });
});

describe('graceful shutdown', () => {
  it('finishes a write in flight before closing, stops the scheduler, and refuses new work meanwhile', async () => {
    await server.close();
    const events: string[] = [];
    let releaseCommit!: () => void;
    const commitGate = new Promise<void>((resolve) => (releaseCommit = resolve));
    let commitStarted!: () => void;
    const started = new Promise<void>((resolve) => (commitStarted = resolve));
    const gated: typeof store = Object.create(store) as typeof store;
    gated.commit = async (commands, context) => {
      if (commands.some((c) => c.type === 'action.update')) {
        commitStarted();
        await commitGate;
        const result = await store.commit(commands, context);
        events.push('write committed');
        return result;
      }
      return store.commit(commands, context);
    };
    const scheduler = { start: () => events.push('scheduler started'), stop: async () => void events.push('scheduler stopped') };
    server = await startBotServer({ config: localConfig(), store: gated, clock: { now: () => NOW }, scheduler: () => scheduler, log: () => {} });
    expect(events).toEqual(['scheduler started']);

    const request = post(activityFrom(AAD.owner, { text: 'update A-1 70%' }));
    await started;
    const closing = server.close().then(() => events.push('closed'));
    const health = await fetch(`${server.url}/healthz`).then((r) => r.status).catch(() => 'refused');
    releaseCommit();
    const [answer] = await Promise.all([request, closing]);

    expect(health === 503 || health === 'refused').toBe(true);
    expect(answer.status).toBe(200);
    expect(events).toEqual(['scheduler started', 'scheduler stopped', 'write committed', 'closed']);
    expect((await store.read()).actions.find((a) => a.ref === 'A-1')?.progress).toBe(70);
  });
});

describe('digest links expire (issue 17)', () => {
  it(`open their digest for ${DIGEST_LINK_DAYS} days, name only the period, and then say they expired`, async () => {
    let now = NOW;
    const clocked = await startBotServer({ config: localConfig(), store, clock: { now: () => now }, log: () => {} });
    try {
      const before = connector.calls.length;
      expect((await post(activityFrom(AAD.owner, { text: 'digest 2024/25 Q4' }), {}, clocked)).status).toBe(200);
      const url = /http\S+/.exec(textOf(connector.calls[before]))![0];
      const expires = Number(new URL(url).searchParams.get('expires'));
      expect(expires * 1000 - NOW.getTime()).toBe(DIGEST_LINK_DAYS * 86_400_000);
      expect([...new URL(url).searchParams.keys()]).toEqual(['expires', 'key']);
      now = new Date(NOW.getTime() + (DIGEST_LINK_DAYS - 1) * 86_400_000);
      expect((await fetch(url)).status).toBe(200);
      // A later expiry written into the link does not match its key.
      expect((await fetch(url.replace(/expires=\d+/, `expires=${expires + 86_400 * 365}`))).status).toBe(403);
      now = new Date(expires * 1000 + 1000);
      const late = await fetch(url);
      expect(late.status).toBe(410);
      expect(await late.text()).toMatch(/^This digest link expired on \d{2}\/\d{2}\/20\d\d\. Ask the bot for "digest" in Teams to get a fresh one\.$/);
    } finally {
      await clocked.close();
    }
  });
});

describe('local mode answers only this machine (issue 17)', () => {
  /** A GET with the Host header given, which fetch would not let us set. */
  function getWithHost(path: string, host: string): Promise<number> {
    const { port } = server;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end();
    });
  }

  it.each(['localhost', `localhost:3978`, '127.0.0.1:3978', '[::1]:3978'])('answers a request addressed to %s', async (host) => {
    expect(await getWithHost('/healthz', host)).toBe(200);
  });

  it.each(['evil.example', 'evil.example:3978', 'partnership.example.org'])('refuses a request addressed to %s (DNS rebinding)', async (host) => {
    expect(await getWithHost('/healthz', host)).toBe(421);
    expect(await getWithHost('/digest/2024-25-Q4.html', host)).toBe(421);
  });

  it('refuses an activity whose serviceUrl is elsewhere, so replies never leave the machine', async () => {
    const before = connector.calls.length;
    const refused = await post(activityFrom(AAD.owner, { text: 'help', serviceUrl: 'https://evil.example/' }));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: 'Local mode replies only to a connector on this machine: the serviceUrl must be a loopback address.' });
    expect(connector.calls.length).toBe(before);
  });
});

describe('the business team downloads exports from chat (issue 17)', () => {
  /** Asks the bot as `aadObjectId` and returns its answer and the download link in it, if any. */
  async function ask(aadObjectId: string, text: string, fields: Record<string, unknown> = {}, target = server): Promise<{ text: string; url: string | undefined }> {
    const before = connector.calls.length;
    expect((await post(activityFrom(aadObjectId, { text, ...fields }), {}, target)).status).toBe(200);
    const answer = textOf(connector.calls[before]);
    return { text: answer, url: /http\S+/.exec(answer)?.[0] };
  }

  /** The file `ptrack export` writes for the same table, period and format: core's report through core's writer, which is all that command does. */
  async function ptrackExport(table: ExportTable, periodText: string | undefined, format: 'csv' | 'xlsx'): Promise<string | Uint8Array> {
    const db = await store.read();
    const period = periodText === undefined ? undefined : unwrap(parsePeriod(periodText));
    const report = unwrap(exportReport(db, table, { ...(period ? { period } : {}), today: localDateOf(NOW, db.partnership.timeZone) }));
    return writeReport(report, format, NOW);
  }

  it.each([
    ['export engagement 2024/25', 'engagement', '2024/25', 'engagement-2024-25.csv'],
    ['export funding 2024/25 csv', 'funding', '2024/25', 'funding-2024-25.csv'],
    ['export income 2024/25', 'income', '2024/25', 'income-2024-25.csv'],
    ['export expenditure 2024/25', 'expenditure', '2024/25', 'expenditure-2024-25.csv'],
    ['export actions', 'actions', undefined, 'actions.csv'],
    ['export attendance 2024/25 Q4', 'attendance', '2024/25 Q4', 'attendance-2024-25-Q4.csv'],
  ] as const)('answers "%s" with a link to the very CSV ptrack export writes', async (text, table, period, name) => {
    const answer = await ask(AAD.business, text);
    expect(answer.text).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}, as CSV, the same file as ptrack export writes: http://127\\.0\\.0\\.1:\\d+/export/${name.replace(/\./g, '\\.')}\\?expires=\\d+&key=[0-9a-f]{32}\\n`));
    const response = await fetch(answer.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const expected = await ptrackExport(table, period, 'csv');
    expect((expected as string).split('\r\n').length, 'a header and rows').toBeGreaterThan(3);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(expected as string))).toBe(true);
  });

  it('serves xlsx as a workbook with the same typed cells as ptrack export writes', async () => {
    const answer = await ask(AAD.business, 'export funding 2024/25 xlsx');
    expect(answer.url).toMatch(/\/export\/funding-2024-25\.xlsx\?/);
    const response = await fetch(answer.url!);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cells = async (bytes: Uint8Array) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.map((cell) => cell ?? null) : row)) }));
    };
    const downloaded = await cells(new Uint8Array(await response.arrayBuffer()));
    expect(downloaded.length).toBeGreaterThan(0);
    expect(downloaded).toEqual(await cells((await ptrackExport('funding', '2024/25', 'xlsx')) as Uint8Array));
  });

  it('tells the business team what it can export when the table or period is wrong', async () => {
    expect((await ask(AAD.business, 'export minutes 2024/25')).text).toBe(
      'I can\'t export "minutes". I can export engagement, funding, income, expenditure, actions, attendance, commitments, reviews, audits, inspections, challenges, training or compliance; for example: export engagement 2024/25 xlsx',
    );
    expect((await ask(AAD.business, 'export funding')).text).toBe('The funding table is for a financial year, such as 2024/25. For example: export funding 2024/25');
    expect((await ask(AAD.business, 'export funding 2024/25 Q3')).text).toBe('The funding table covers whole financial years, not quarters. For example: export funding 2024/25');
  });

  it.each([
    ['an action owner', AAD.owner],
    ['a chair', AAD.chair],
  ])('refuses %s, with no link, and points to the published tables', async (_who, person) => {
    const answer = await ask(person, 'export engagement 2024/25');
    expect(answer.url).toBeUndefined();
    expect(answer.text).toBe(
      'Exported files are for the business team: they hold the registers and the plan with people\'s names. The published tables are for everyone: say "engagement 2024/25" or "funding 2024/25" to see them here.',
    );
  });

  it('sends a link only in a personal chat, never into a channel where everyone would see it', async () => {
    const answer = await ask(AAD.business, 'export attendance 2024/25', {
      conversation: { id: '19:qag-channel@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:qag-channel@thread.tacv2' } },
    });
    expect(answer.url).toBeUndefined();
    expect(answer.text).toMatch(/^I send download links only in our personal chat/);
  });

  it(`refuses a tampered link, and one older than ${EXPORT_LINK_HOURS} hours, saying what to ask for instead`, async () => {
    let now = NOW;
    const clocked = await startBotServer({ config: localConfig(), store, clock: { now: () => now }, log: () => {} });
    try {
      const { url } = await ask(AAD.business, 'export engagement 2024/25 xlsx', {}, clocked);
      const expires = Number(new URL(url!).searchParams.get('expires'));
      expect(expires * 1000 - NOW.getTime()).toBe(EXPORT_LINK_HOURS * 3_600_000);
      // Another table, another period or a later expiry under the same key: refused, with nothing of the file.
      for (const tampered of [
        url!.replace('/export/engagement-', '/export/attendance-'),
        url!.replace('2024-25', '2023-24'),
        url!.replace(/expires=\d+/, `expires=${expires + 86_400 * 365}`),
        url!.replace(/key=[0-9a-f]+/, `key=${'0'.repeat(32)}`),
        url!.replace(/&key=[0-9a-f]+/, ''),
        // A digest's key never opens a file of the same name, nor the other way round.
        url!.replace('/export/', '/digest/'),
      ]) {
        const refused = await fetch(tampered);
        expect(refused.status, tampered).toBe(403);
        expect(refused.headers.get('content-disposition'), tampered).toBeNull();
      }
      const refused = await fetch(url!.replace('/export/engagement-', '/export/attendance-'));
      expect(await refused.text()).toBe('This download link is not valid. Ask the bot for "export attendance 2024/25 xlsx" in Teams to get a fresh one.');
      now = new Date(NOW.getTime() + (EXPORT_LINK_HOURS - 1) * 3_600_000);
      expect((await fetch(url!)).status).toBe(200);
      now = new Date(expires * 1000 + 1000);
      const late = await fetch(url!);
      expect(late.status).toBe(410);
      expect(await late.text()).toBe('This download link expired on 11/06/2025. Ask the bot for "export engagement 2024/25 xlsx" in Teams to get a fresh one.');
    } finally {
      await clocked.close();
    }
  });
});

describe('the annual report from chat (issue 16)', () => {
  async function ask(aadObjectId: string, text: string, fields: Record<string, unknown> = {}): Promise<{ text: string; urls: string[] }> {
    const before = connector.calls.length;
    expect((await post(activityFrom(aadObjectId, { text, ...fields }))).status).toBe(200);
    const answer = textOf(connector.calls[before]);
    return { text: answer, urls: answer.match(/http\S+/g) ?? [] };
  }

  it('answers "report 2024/25" from the business team with signed, expiring links to the Word and HTML report', async () => {
    const answer = await ask(AAD.business, 'report 2024/25');
    expect(answer.text).toMatch(/^The annual report 2024\/25, built from the data as it is now, as ptrack report writes it:/);
    expect(answer.text).toContain(`The links work for ${REPORT_LINK_HOURS} hours`);
    const [word, page] = answer.urls;
    expect(word).toMatch(/\/report\/annual-report-2024-25\.docx\?expires=\d+&key=[0-9a-f]{32}$/);
    expect(page).toMatch(/\/report\/annual-report-2024-25\.html\?expires=\d+&key=[0-9a-f]{32}$/);
    expect(Number(new URL(word!).searchParams.get('expires')) * 1000 - NOW.getTime()).toBe(REPORT_LINK_HOURS * 3_600_000);

    const docx = await fetch(word!);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="annual-report-2024-25.docx"');
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');

    const html = await fetch(page!);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('cache-control')).toBe('private, no-store');
    expect(await html.text()).toContain('<title>Example SCP: annual report 2024/25</title>');

    // A link opens only its own file: not another year's, not under an export's or digest's path.
    for (const tampered of [page!.replace('2024-25', '2023-24'), page!.replace('/report/', '/export/'), page!.replace(/key=[0-9a-f]+/, `key=${'0'.repeat(32)}`)]) {
      expect((await fetch(tampered)).status, tampered).toBe(403);
    }
  });

  it('answers the Executive too, and refuses anyone else, with no link', async () => {
    unwrap(await store.commit([{ type: 'person.upsert', person: { id: 'exec', name: 'Executive Member', email: 'exec@example.org', agencyId: 'police', teamsAadObjectId: 'aad-exec-0005', roles: ['executive'] } }], { actor: { kind: 'system', name: 'test' }, at: NOW.toISOString() }));
    expect((await ask('aad-exec-0005', 'annual report 2024/25')).urls).toHaveLength(2);
    const refused = await ask(AAD.owner, 'report 2024/25');
    expect(refused.urls).toEqual([]);
    expect(refused.text).toMatch(/^The annual report is drafted by the business team and the Executive/);
  });

  it('sends links only in a personal chat, and says what year it needs', async () => {
    const inChannel = await ask(AAD.business, 'report 2024/25', {
      conversation: { id: '19:qag-channel@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:qag-channel@thread.tacv2' } },
    });
    expect(inChannel.urls).toEqual([]);
    expect(inChannel.text).toMatch(/^I send report links only in our personal chat/);
    expect((await ask(AAD.business, 'report 2024/25 Q3')).text).toBe('The annual report is for a financial year, such as 2024/25. For example: report 2024/25');
  });
});

describe('returns in Teams (issue 15)', () => {
  /** The 2024/25 Q4 dataset, due Friday 6 June 2025, asked of the ICB (the action owner is its contact) and the police. */
  async function askForDataset(): Promise<void> {
    const request = {
      id: 'dataset-2024-25-q4',
      kind: 'quarterly-dataset' as const,
      title: 'Dataset 2024/25 Q4',
      period: '2024/25 Q4',
      dueOn: '2025-06-06',
      agencies: [{ agencyId: 'icb', contactId: 'owner' }, { agencyId: 'police', contactId: 'police-lead' }],
    };
    unwrap(await store.commit([{ type: 'return.upsert', request }], { actor: { kind: 'system', name: 'test' }, at: '2025-04-01T08:00:00Z' }));
  }

  it("lets the contact see their returns and mark theirs submitted with its link (Teams sends the link as HTML), once", async () => {
    await askForDataset();
    const [help] = await say(AAD.owner, 'help');
    expect(textOf(help)).toContain("- **submit return dataset-2025-26-q1 https://sharepoint.example/our-return.xlsx**: mark your agency's return sent, with its link");
    const [mine] = await say(AAD.owner, 'my returns');
    expect(textOf(mine)).toContain('- **dataset-2024-25-q4**: Dataset 2024/25 Q4 for Example ICB, due');
    expect(textOf(mine)).toContain(': Missing');
    const link = 'https://share.example/icb/q4.xlsx?version=2&amp;web=1';
    let replies: ConnectorCall[] = [];
    const changes = await changesAfter(async () => (replies = await say(AAD.owner, `submit return dataset-2024-25-q4 <a href="${link}">${link}</a>`)));
    expect(changes).toEqual(['returnResponse.submit dataset-2024-25-q4:icb']);
    expect(textOf(replies[0])).toMatch(/^Thank you\. I have recorded Example ICB's Dataset 2024\/25 Q4 as received today \(.*\), with its link; the business team will review it, and the reminders stop\. It was due on .*, so it counts as late\.$/);
    const saved = (await store.read()).returnResponses.find((r) => r.id === 'dataset-2024-25-q4:icb')!;
    expect([saved.state, saved.receivedOn, saved.receivedById, saved.link]).toEqual(['received', '2025-06-10', 'owner', 'https://share.example/icb/q4.xlsx?version=2&web=1']);
    // The same message again (a retry, or pressed twice) changes nothing.
    expect(await changesAfter(async () => (replies = await say(AAD.owner, `submit return dataset-2024-25-q4 ${link}`)))).toEqual([]);
    expect(textOf(replies[0])).toBe("Example ICB's Dataset 2024/25 Q4 was already recorded with that link, so nothing changed.");
  });

  it("chases the contact in Teams with a card whose button asks for the link, which the bot then asks for", async () => {
    await askForDataset();
    await say(AAD.owner, 'help');
    const db = await store.read();
    const chase = dueMessages(db, NOW.toISOString()).find((m) => m.key === 'return-chase:due:dataset-2024-25-q4:icb:2025-06-06')!;
    const before = connector.calls.length;
    expect(await server.proactiveSender.send({ kind: 'person', personId: 'owner' }, composeReply(db, chase, NOW.toISOString()))).toEqual({ ok: true });
    const call = connector.calls[before]!;
    expect(textOf(call)).toMatch(/^Reminder: Example ICB's “Dataset 2024\/25 Q4”, which is 4 days overdue/);
    const card = cardIn(call);
    expect(cardErrors(card)).toEqual([]);
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Mark it submitted', data: { msteams: { type: 'imBack', value: 'submit return dataset-2024-25-q4' } } }]);
    // The button sends its words back as the person's message: the bot asks for the link.
    expect(textOf((await say(AAD.owner, 'submit return dataset-2024-25-q4'))[0])).toMatch(/^Add the link to the return/);
  });

  it('finds the one return a contact owes when they name none, and refuses anyone but the contact, writing nothing', async () => {
    await askForDataset();
    let replies: ConnectorCall[] = [];
    expect(await changesAfter(async () => (replies = await say(AAD.colleague, 'submit return dataset-2024-25-q4 https://share.example/q4.xlsx')))).toEqual([]);
    expect(textOf(replies[0])).toBe("Only Example ICB's contact for Dataset 2024/25 Q4 (or the business team) can say it is submitted. Nothing was recorded.");
    expect(textOf((await say(AAD.owner, 'submit return dataset-2024-25-q4'))[0])).toBe('Add the link to the return, so the business team can find it: submit return dataset-2025-26-q1 https://sharepoint.example/our-return.xlsx');
    expect(await changesAfter(() => say(AAD.owner, 'submitted https://share.example/q4.xlsx'))).toEqual(['returnResponse.submit dataset-2024-25-q4:icb']);
  });
});
