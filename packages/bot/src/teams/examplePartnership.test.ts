import { EXAMPLE_AS_OF, examplePartnership, MemoryStore, PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID, PLAYGROUND_CHAIR_AAD_OBJECT_ID } from '@partnership-tracker/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeConnector } from '../__fixtures__/fakeConnector.js';
import { cardErrors } from '../__fixtures__/validateCard.js';
import { loadBotConfig } from '../config.js';
import { startBotServer, type BotServer } from '../server/server.js';

// The example partnership is what a newcomer meets through the Agents Playground: every card it
// produces there must be valid Adaptive Card 1.5 and small enough for Teams (about 28 KB).
const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

let connector: Awaited<ReturnType<typeof startFakeConnector>>;
let server: BotServer;
let sequence = 0;

beforeAll(async () => {
  connector = await startFakeConnector();
  const config = loadBotConfig({ PTRACK_BOT_PORT: '0' }, { local: true });
  if (!config.success) throw new Error(config.error.message);
  const asOf = new Date(EXAMPLE_AS_OF);
  server = await startBotServer({ config: config.data, store: new MemoryStore(examplePartnership()), clock: { now: () => asOf }, log: () => {} });
});

afterAll(async () => {
  await server.close();
  await connector.close();
});

async function say(aadObjectId: string, text: string): Promise<{ text: string; card: Record<string, unknown> | undefined }> {
  sequence += 1;
  const before = connector.calls.length;
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `example-${sequence}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${aadObjectId}`, aadObjectId },
      recipient: { id: '28:bot' },
      conversation: { id: `a:${aadObjectId}`, conversationType: 'personal' },
      text,
    }),
  });
  expect(response.status).toBe(200);
  const body = connector.calls[before]?.body ?? {};
  const attachments = (body.attachments ?? []) as Array<{ content: Record<string, unknown> }>;
  return { text: String(body.text ?? ''), card: attachments[0]?.content };
}

describe('the example partnership through the bot', () => {
  it.each([
    [PLAYGROUND_CHAIR_AAD_OBJECT_ID, 'my actions'],
    [PLAYGROUND_CHAIR_AAD_OBJECT_ID, 'attendance'],
    [PLAYGROUND_CHAIR_AAD_OBJECT_ID, 'attendance QAG'],
    [PLAYGROUND_CHAIR_AAD_OBJECT_ID, 'digest'],
    [PLAYGROUND_CHAIR_AAD_OBJECT_ID, 'digest 2024/25 Q4'],
    [PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID, 'engagement 2024/25'],
    [PLAYGROUND_BUSINESS_MANAGER_AAD_OBJECT_ID, 'funding 2024/25'],
  ])('%s: "%s" answers with a valid card Teams can show', async (user, text) => {
    const reply = await say(user, text);
    expect(reply.card, reply.text).toBeDefined();
    expect(cardErrors(reply.card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(reply.card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('knows the Playground\'s default user as a chair who owns actions', async () => {
    const reply = await say(PLAYGROUND_CHAIR_AAD_OBJECT_ID, 'my actions');
    expect(reply.text).toMatch(/^You have \d+ open actions?; the soonest is [A-Z]+-\d+, due /);
  });
});
