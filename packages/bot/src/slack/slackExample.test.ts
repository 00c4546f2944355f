import { EXAMPLE_AS_OF, examplePartnership, exampleSlackUserId, MemoryStore } from '@partnership-tracker/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest, startFakeSlackApi } from '../__fixtures__/fakeSlackApi.js';
import { loadBotConfig } from '../config.js';
import { startBotServer, type BotServer } from '../server/server.js';

// The example partnership is what a newcomer meets; in Slack its people have member ids, so the
// Teams walk-through works there too: the Chair is U0EXAMPLE01.
const SECRET = 'example-secret';
const TEAM = 'T0EXAMPLE';
let api: Awaited<ReturnType<typeof startFakeSlackApi>>;
let server: BotServer;
let sequence = 0;

beforeAll(async () => {
  api = await startFakeSlackApi({ teamId: TEAM });
  const config = loadBotConfig({
    PTRACK_BOT_PORT: '0',
    PTRACK_BOT_HOST: '127.0.0.1',
    PTRACK_SLACK_SIGNING_SECRET: SECRET,
    PTRACK_SLACK_BOT_TOKEN: 'xoxb-example',
    PTRACK_SLACK_ALLOWED_TEAMS: TEAM,
    PTRACK_SLACK_API_URL: api.apiUrl,
  });
  if (!config.success) throw new Error(config.error.message);
  const asOf = new Date(EXAMPLE_AS_OF);
  server = await startBotServer({ config: config.data, store: new MemoryStore(examplePartnership()), clock: { now: () => asOf }, log: () => {} });
});

afterAll(async () => {
  await server.close();
  expect(api.invalid).toEqual([]);
  await api.close();
});

async function ptrack(userId: string, text: string): Promise<Record<string, unknown>> {
  sequence += 1;
  const body = new URLSearchParams({ team_id: TEAM, channel_id: 'D0CHAIR', channel_name: 'directmessage', user_id: userId, command: '/ptrack', text, response_url: api.responseUrl(`ex-${sequence}`), trigger_id: `ex-${sequence}` }).toString();
  const id = `ex-${sequence}`;
  const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) }, body });
  expect(response.status).toBe(200);
  const calls = await api.waitFor((c) => c.some((call) => call.method === 'response_url' && call.args.responseId === id));
  return calls.find((call) => call.method === 'response_url' && call.args.responseId === id)!.args;
}

describe('the example partnership in Slack', () => {
  it('knows the Chair by their Slack id and walks through my actions, attendance, digest and funding', async () => {
    const chair = exampleSlackUserId(0);
    expect(String((await ptrack(chair, 'help')).text)).toMatch(/^Hello Chair \(Named Person\), CSCP\./);
    expect(String((await ptrack(chair, 'my actions')).text)).toMatch(/^You have \d+ open actions?/);
    expect(JSON.stringify((await ptrack(chair, 'attendance')).blocks)).toContain('"action_id":"ptrack.register.open"');
    expect(JSON.stringify((await ptrack(chair, 'digest')).blocks)).toContain('Open the full digest');
    expect(String((await ptrack(chair, 'funding 2024/25')).text)).toBe('Funding 2024/25.');
  });
});
