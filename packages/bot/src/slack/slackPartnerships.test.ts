import { unwrap, type MemoryStore } from '@partnership-tracker/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signSlackRequest, startFakeSlackApi } from '../__fixtures__/fakeSlackApi.js';
import { fixtureStore, NOW } from '../__fixtures__/partnership.js';
import { loadBotConfig } from '../config.js';
import { startBotServer, type BotServer } from '../server/server.js';

// One deployment serving two partnerships, each answering in its own Slack workspace.
const SECRET = 'secret';
let api: Awaited<ReturnType<typeof startFakeSlackApi>>;
let croydon: MemoryStore;
let sutton: MemoryStore;
let server: BotServer;
let sequence = 0;

beforeEach(async () => {
  api = await startFakeSlackApi();
  croydon = await fixtureStore();
  sutton = await fixtureStore();
  const link = { type: 'person.linkSlack' as const, personId: 'owner', slackUserId: 'U0OWNER', email: 'owner@example.org' };
  for (const store of [croydon, sutton]) unwrap(await store.commit([link], { actor: { kind: 'system', name: 'fixture' }, at: '2025-04-01T08:00:00Z' }));
  const config = loadBotConfig({
    PTRACK_BOT_PORT: '0',
    PTRACK_BOT_HOST: '127.0.0.1',
    PTRACK_SLACK_SIGNING_SECRET: SECRET,
    PTRACK_SLACK_BOT_TOKEN: 'xoxb-test',
    // Allowed here, but no partnership answers in T0NOBODY.
    PTRACK_SLACK_ALLOWED_TEAMS: 'T0CROYDON,T0SUTTON,T0NOBODY',
    PTRACK_SLACK_API_URL: api.apiUrl,
  });
  if (!config.success) throw new Error(config.error.message);
  server = await startBotServer({
    config: config.data,
    partnerships: {
      stores: new Map([
        ['croydon-scp', croydon],
        ['sutton-scp', sutton],
      ]),
      teamsTenants: async () => new Map(),
      slackWorkspaces: async () => new Map([
        ['T0CROYDON', 'croydon-scp'],
        ['T0SUTTON', 'sutton-scp'],
      ]),
    },
    clock: { now: () => NOW },
    log: () => {},
  });
});

afterEach(async () => {
  await server.close();
  expect(api.invalid).toEqual([]);
  await api.close();
});

async function ptrack(team: string, text: string): Promise<number> {
  sequence += 1;
  const body = new URLSearchParams({ team_id: team, channel_id: 'D0OWNER', channel_name: 'directmessage', user_id: 'U0OWNER', command: '/ptrack', text, response_url: api.responseUrl(`p-${sequence}`), trigger_id: `p-${sequence}` }).toString();
  const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) }, body });
  await response.text();
  return response.status;
}

describe('Slack with several partnerships', () => {
  it('records an update in the partnership of the workspace it came from, and only there', async () => {
    expect(await ptrack('T0SUTTON', 'update A-1 70% — Sutton only')).toBe(200);
    await api.waitFor((c) => c.some((call) => call.method === 'response_url'));
    expect((await sutton.read()).actions.find((a) => a.ref === 'A-1')!.progress).toBe(70);
    expect((await croydon.read()).actions.find((a) => a.ref === 'A-1')!.progress).toBe(40);
  });

  it('refuses an allowed workspace that no partnership answers in, writing nothing', async () => {
    const before = [(await croydon.read()).revision, (await sutton.read()).revision];
    expect(await ptrack('T0NOBODY', 'update A-1 90%')).toBe(403);
    expect([(await croydon.read()).revision, (await sutton.read()).revision]).toEqual(before);
    expect(api.calls).toEqual([]);
  });
});
