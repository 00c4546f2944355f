import type { MemoryStore } from '@partnership-tracker/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardErrors } from '../__fixtures__/validateCard.js';
import { startFakeConnector, type ConnectorCall } from '../__fixtures__/fakeConnector.js';
import { AAD, fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { loadBotConfig, type BotConfig } from '../config.js';
import { startBotServer, type BotServer } from './server.js';

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
  const before = (await store.read()).audit.length;
  await action();
  return (await store.read()).audit.slice(before).filter((e) => e.entity !== 'conversation').map((e) => `${e.command} ${e.entityId}`);
}

const textOf = (call: ConnectorCall | undefined): string => String(call?.body.text ?? '');
const cardIn = (call: ConnectorCall | undefined): Record<string, unknown> => {
  const attachments = (call?.body.attachments ?? []) as Array<{ contentType: string; content: Record<string, unknown> }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no card in ${JSON.stringify(call?.body)}`);
  return card.content;
};
/** Every text in a card, in order: what a reader of the card sees. */
const cardText = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') out.push(record.text);
      if (record.title !== undefined && typeof record.value === 'string' && !('type' in record)) out.push(`${String(record.title)}: ${record.value}`);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return out;
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

  it('shows help by role: an owner sees the everyday commands only', async () => {
    const [reply] = await say(AAD.owner, 'help');
    expect(textOf(reply)).toMatchInlineSnapshot(`
      "Hello Action Owner. Here is what you can ask me:

      - **my actions**: your open actions, soonest due first, with an Update button on each
      - **update A-12 60% on track — met the ICB lead**: record progress, status and a note on an action you own
      - **digest** or **digest 2024/25 Q4**: the quarterly digest"
    `);
  });

  it('shows help by role: a chair also sees attendance, the business team the tables', async () => {
    expect(textOf((await say(AAD.chair, 'help'))[0])).toContain('As chair of QAG:\n- **attendance**');
    const business = textOf((await say(AAD.business, 'help'))[0]);
    expect(business).toContain('**attendance** or **attendance QAG**');
    expect(business).toContain('**funding**');
  });

  it('lists my open actions soonest due first, each with an Update form, as a valid 1.5 card', async () => {
    const [reply] = await say(AAD.owner, 'my actions');
    expect(textOf(reply)).toBe('You have 2 open actions; the soonest is A-2, due 1 Jun 2025.');
    const card = cardIn(reply);
    expect(cardErrors(card)).toEqual([]);
    const texts = cardText(card);
    expect(texts.filter((t) => /^\*\*A-\d/.test(t))).toEqual(['**A-2** Audit ICB safeguarding training', '**A-1** Refresh the neglect strategy']);
    expect(texts).toContain('Due: 1 Jun 2025 (overdue by 9 days)');
    const showCards = JSON.stringify(card).match(/"Action.ShowCard","title":"Update A-\d"/g);
    expect(showCards).toEqual(['"Action.ShowCard","title":"Update A-2"', '"Action.ShowCard","title":"Update A-1"']);
  });

  it('records an update typed in chat, with the history entry by the owner', async () => {
    const [reply] = await say(AAD.owner, 'update A-1 60% on track — met the ICB lead');
    expect(textOf(reply)).toMatchInlineSnapshot(
      `"Updated A-1 (Refresh the neglect strategy): progress 40% → 60%; note "met the ICB lead". It is in the action's history."`,
    );
    const action = (await store.read()).actions.find((a) => a.ref === 'A-1')!;
    expect(action.progress).toBe(60);
    expect(action.history.at(-1)).toEqual({ at: NOW.toISOString(), byId: 'owner', progress: 60, status: 'on-track', note: 'met the ICB lead' });
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

  it('offers the update card when only the reference is given', async () => {
    const [reply] = await say(AAD.owner, 'update A-1');
    expect(textOf(reply)).toBe('What changed for A-1?');
    expect(cardErrors(cardIn(reply))).toEqual([]);
  });

  it('answers an unknown command with a pointer to help', async () => {
    const [reply] = await say(AAD.owner, 'make me a sandwich');
    expect(textOf(reply)).toBe('I didn\'t understand "make me a sandwich". Say "help" to see what I can do.');
  });
});
