import { unwrap, type MemoryStore } from '@partnership-tracker/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeConnector } from '../__fixtures__/fakeConnector.js';
import { AAD, fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { loadBotConfig } from '../config.js';
import { startBotServer, type BotServer } from './server.js';

// One deployment serving two partnerships, each answering in its own Teams tenant.

let connector: Awaited<ReturnType<typeof startFakeConnector>>;
let croydon: MemoryStore;
let sutton: MemoryStore;
let server: BotServer;
let routeReads = 0;

beforeEach(async () => {
  connector = await startFakeConnector();
  croydon = await fixtureStore();
  sutton = await fixtureStore();
  const config = loadBotConfig({ PTRACK_BOT_PORT: '0' }, { local: true });
  if (!config.success) throw new Error(config.error.message);
  routeReads = 0;
  server = await startBotServer({
    config: config.data,
    partnerships: {
      stores: new Map([
        ['croydon-scp', croydon],
        ['sutton-scp', sutton],
      ]),
      async teamsTenants() {
        routeReads += 1;
        return new Map([
          ['tenant-croydon', 'croydon-scp'],
          ['tenant-sutton', 'sutton-scp'],
        ]);
      },
    },
    clock: { now: () => NOW },
    log: () => {},
  });
});

afterEach(async () => {
  await server.close();
  await connector.close();
});

async function say(tenant: string | undefined, text: string): Promise<{ status: number; replies: string[] }> {
  const before = connector.calls.length;
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `incoming-${Math.random()}`,
      timestamp: NOW.toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${AAD.owner}`, name: 'Owner', aadObjectId: AAD.owner },
      recipient: { id: '28:bot-id', name: 'Partnership Tracker' },
      conversation: { id: `a:personal-${AAD.owner}`, conversationType: 'personal', ...(tenant ? { tenantId: tenant } : {}) },
      ...(tenant ? { channelData: { tenant: { id: tenant } } } : {}),
      text,
    }),
  });
  await response.text();
  return { status: response.status, replies: connector.calls.slice(before).map((call) => String(call.body.text ?? '')) };
}

const conversationsSaved = async (store: MemoryStore) => unwrap(await store.readWithHistory()).audit.filter((entry) => entry.entity === 'conversation').length;

describe('one bot deployment serving several partnerships', () => {
  it("answers each activity from its tenant's partnership, and only that partnership's data changes", async () => {
    const update = await say('tenant-sutton', 'update A-1 60% — Sutton only');
    expect(update.status).toBe(200);
    expect(update.replies.join('\n')).toMatch(/A-1/);
    expect((await sutton.read()).actions.find((a) => a.ref === 'A-1')?.history.at(-1)?.note).toBe('Sutton only');
    expect((await croydon.read()).actions.find((a) => a.ref === 'A-1')?.history.map((h) => h.note)).not.toContain('Sutton only');
    expect(await conversationsSaved(croydon)).toBe(0);

    expect((await say('tenant-croydon', 'my actions')).status).toBe(200);
    expect(await conversationsSaved(croydon)).toBe(1);
  });

  it('refuses (403) an activity from a tenant no partnership answers in, or from none, before any handler', async () => {
    for (const tenant of ['tenant-elsewhere', undefined]) {
      const refused = await say(tenant, 'my actions');
      expect(refused).toEqual({ status: 403, replies: [] });
    }
    expect(await conversationsSaved(croydon)).toBe(0);
    expect(await conversationsSaved(sutton)).toBe(0);
  });

  it('reads the tenant routes once at start, not on every activity', async () => {
    await say('tenant-croydon', 'help');
    await say('tenant-sutton', 'help');
    expect(routeReads).toBe(1);
  });

  it("links each partnership's full digest under its own id, with a key that opens no other partnership's", async () => {
    const { replies } = await say('tenant-sutton', 'digest 2024/25 Q4');
    const url = /http\S+/.exec(replies[0] ?? '')?.[0] ?? '';
    expect(url).toMatch(/\/digest\/sutton-scp\/2024-25-Q4\.html\?expires=\d+&key=[0-9a-f]{32}$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Quarterly digest 2024/25 Q4</h1>');
    expect((await fetch(url.replace('/sutton-scp/', '/croydon-scp/'))).status).toBe(403);
    expect((await fetch(url.replace('/sutton-scp/', '/'))).status).toBe(403);
  });
});

