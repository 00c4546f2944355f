import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, isLoopback, loadBotConfig } from './config.js';

const credentials = { PTRACK_BOT_APP_ID: 'app-id', PTRACK_BOT_APP_PASSWORD: 'secret', PTRACK_BOT_TENANT_ID: 'tenant-a' };

describe('loadBotConfig', () => {
  it('runs locally on loopback with the defaults', () => {
    expect(loadBotConfig({}, { local: true, data: 'p.json' })).toEqual({
      success: true,
      data: {
        mode: 'local',
        appId: null,
        appPassword: null,
        tenantId: null,
        allowedTenantIds: [],
        host: '127.0.0.1',
        port: 3978,
        dataFile: 'p.json',
        partnership: null,
        publicUrl: null,
        slack: null,
        reminderRate: 4,
      },
    });
  });

  const slack = { PTRACK_SLACK_SIGNING_SECRET: 'signing-secret', PTRACK_SLACK_BOT_TOKEN: 'xoxb-1-2-3', PTRACK_SLACK_ALLOWED_TEAMS: 'T0AAA, T0BBB' };

  it('runs for Slack alone, with no Teams endpoint, pointing at Slack\'s API by default', () => {
    const loaded = loadBotConfig(slack);
    expect(loaded.success && [loaded.data.mode, loaded.data.slack]).toEqual([
      'slack',
      { signingSecret: 'signing-secret', botToken: 'xoxb-1-2-3', allowedTeamIds: ['T0AAA', 'T0BBB'], apiUrl: 'https://slack.com/api/' },
    ]);
  });

  it('runs Teams and Slack together, and Slack beside local Teams without relaxing Slack\'s checks', () => {
    const together = loadBotConfig({ ...credentials, ...slack });
    expect(together.success && [together.data.mode, together.data.slack?.allowedTeamIds]).toEqual(['teams', ['T0AAA', 'T0BBB']]);
    const local = loadBotConfig({ ...slack, PTRACK_SLACK_API_URL: 'http://127.0.0.1:9/api' }, { local: true });
    expect(local.success && [local.data.mode, local.data.slack?.signingSecret, local.data.slack?.apiUrl]).toEqual(['local', 'signing-secret', 'http://127.0.0.1:9/api/']);
  });

  it.each([
    [{ PTRACK_SLACK_BOT_TOKEN: 'xoxb-1' }, "Slack needs both PTRACK_SLACK_SIGNING_SECRET and PTRACK_SLACK_BOT_TOKEN (from the app's Basic Information and OAuth pages); see docs/slack.md."],
    [{ ...slack, PTRACK_SLACK_ALLOWED_TEAMS: '' }, 'PTRACK_SLACK_ALLOWED_TEAMS: Slack needs at least one allowed workspace'],
    [{ ...slack, PTRACK_SLACK_ALLOWED_TEAMS: 'example.slack.com' }, 'PTRACK_SLACK_ALLOWED_TEAMS: must be Slack workspace ids such as T0123ABCD'],
    [{ ...slack, PTRACK_SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'PTRACK_SLACK_BOT_TOKEN: must be a bot token, starting xoxb-'],
    [{ ...slack, PTRACK_SLACK_APP_TOKEN: 'xapp-1-A0-1-abc' }, "PTRACK_SLACK_APP_TOKEN is not read: the bot does not use Slack's Socket Mode. Slack reaches it over HTTPS at /slack/events (docs/slack.md says why); unset it."],
    [{ ...slack, PTRACK_SLACK_API_URL: 'not a url' }, 'PTRACK_SLACK_API_URL: Invalid URL'],
  ])('refuses Slack settings %j, naming the variable', (env, message) => {
    const loaded = loadBotConfig(env);
    expect(loaded.success ? 'started' : loaded.error.message).toBe(message);
  });

  it('runs in Teams mode with credentials, allowing the bot\'s own tenant by default', () => {
    const loaded = loadBotConfig(credentials);
    expect(loaded.success && [loaded.data.mode, loaded.data.host, loaded.data.allowedTenantIds]).toEqual(['teams', '0.0.0.0', ['tenant-a']]);
  });

  it('reads a list of allowed tenants', () => {
    const loaded = loadBotConfig({ ...credentials, PTRACK_BOT_ALLOWED_TENANTS: 'tenant-a, tenant-b' });
    expect(loaded.success && loaded.data.allowedTenantIds).toEqual(['tenant-a', 'tenant-b']);
  });

  it('reads the reminder rate in messages a second, fractions included', () => {
    const loaded = loadBotConfig({ PTRACK_REMINDER_RATE: '40' }, { local: true });
    expect(loaded.success && loaded.data.reminderRate).toBe(40);
    const slow = loadBotConfig({ PTRACK_REMINDER_RATE: '0.5' }, { local: true });
    expect(slow.success && slow.data.reminderRate).toBe(0.5);
  });

  it('lets flags win over the environment', () => {
    const loaded = loadBotConfig({ PTRACK_BOT_PORT: '4000', PTRACK_DATA: 'env.json' }, { local: true, port: '5000', data: 'flag.json' });
    expect(loaded.success && [loaded.data.port, loaded.data.dataFile]).toEqual([5000, 'flag.json']);
  });

  it.each([
    [{}, {}, 'No Bot Framework credentials: set PTRACK_BOT_APP_ID, PTRACK_BOT_APP_PASSWORD and PTRACK_BOT_TENANT_ID (or the Slack settings in docs/slack.md), or pass --local for a development server on this machine only.'],
    [{ PTRACK_BOT_APP_ID: 'x' }, {}, 'Set both PTRACK_BOT_APP_ID and PTRACK_BOT_APP_PASSWORD, or neither (with --local).'],
    [{ PTRACK_BOT_APP_ID: 'x', PTRACK_BOT_APP_PASSWORD: 'y' }, {}, 'Set PTRACK_BOT_TENANT_ID to the Microsoft Entra tenant the bot is registered in (single-tenant).'],
    [credentials, { local: true }, '--local runs without authentication, but PTRACK_BOT_APP_ID is set. Unset it for local mode, or drop --local.'],
    [{}, { local: true, host: '0.0.0.0' }, '--host: local mode has no authentication, so it listens on loopback only; 0.0.0.0 is not a loopback address'],
    [{ PTRACK_BOT_HOST: '192.168.1.5' }, { local: true }, 'PTRACK_BOT_HOST: local mode has no authentication, so it listens on loopback only; 192.168.1.5 is not a loopback address'],
    [{}, { local: true, port: 'eighty' }, '--port must be a port number from 0 to 65535, not "eighty".'],
    [{ PTRACK_BOT_PORT: '70000' }, { local: true }, 'PTRACK_BOT_PORT must be a port number from 0 to 65535, not "70000".'],
    [{ PTRACK_TIME_ZONE: 'Europe/London' }, { local: true }, "PTRACK_TIME_ZONE is not read: the bot follows the partnership's own time zone, partnership.timeZone in the data file. Unset it."],
    [{ PTRACK_BOT_PUBLIC_URL: 'not a url' }, { local: true }, 'PTRACK_BOT_PUBLIC_URL: Invalid URL'],
    [{ PTRACK_REMINDER_RATE: 'fast' }, { local: true }, 'PTRACK_REMINDER_RATE: must be a number of messages a second, such as 4'],
    [{ PTRACK_REMINDER_RATE: '0' }, { local: true }, 'PTRACK_REMINDER_RATE: must be above 0 messages a second'],
    [{ PTRACK_REMINDER_RATE: '4000' }, { local: true }, 'PTRACK_REMINDER_RATE: must be at most 100 messages a second'],
  ])('refuses %j with flags %j', (env, flags, message) => {
    const loaded = loadBotConfig(env, flags);
    expect(loaded.success ? 'started' : loaded.error.message).toBe(message);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['127.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('loadBotConfig on PostgreSQL', () => {
  it('takes a database URL as the data and the partnership from the flag, else the environment', () => {
    const env = { PTRACK_DATA: 'postgresql://bot@db.example.org/ptrack', PTRACK_PARTNERSHIP: 'croydon-scp' };
    const fromEnv = loadBotConfig(env, { local: true });
    expect(fromEnv.success && [fromEnv.data.dataFile, fromEnv.data.partnership]).toEqual(['postgresql://bot@db.example.org/ptrack', 'croydon-scp']);
    const fromFlag = loadBotConfig(env, { local: true, partnership: 'sutton-scp' });
    expect(fromFlag.success && fromFlag.data.partnership).toBe('sutton-scp');
  });
});

describe('the settings documentation', () => {
  const docs = ['bot.md', 'slack.md'].map((name) => readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), 'utf8')).join('\n');

  it.each(Object.values(ENVIRONMENT))('documents %s in docs/bot.md or docs/slack.md', (variable) => {
    expect(docs).toContain(`\`${variable}\``);
  });
});
