import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createSlackManifest, SLACK_BOT_EVENTS, SLACK_METHOD_SCOPES, slackBotScopes } from './slackManifest.js';
import { SLACK_HANDLED_EVENTS } from './slackApp.js';

const ajv = new Ajv({ allErrors: true, strictTypes: false });
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/slack-app-manifest.subset.json', import.meta.url), 'utf8')) as object);

/** The Slack code, tests aside. */
const sources = readdirSync(new URL('.', import.meta.url), { recursive: true, withFileTypes: true })
  .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
  .map((f) => readFileSync(`${f.parentPath}/${f.name}`, 'utf8'))
  .join('\n');

describe('the Slack app manifest', () => {
  it('is valid against our subset of Slack\'s manifest rules, with one https Request URL for everything', () => {
    const manifest = createSlackManifest({ publicUrl: 'https://bot.example.org/' });
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    const json = JSON.stringify(manifest);
    expect([...new Set(json.match(/https:\/\/[^"]+/g))]).toEqual(['https://bot.example.org/slack/events']);
  });

  it('refuses a public address that is not https, as Slack does', () => {
    expect(validate(createSlackManifest({ publicUrl: 'http://bot.example.org' }))).toBe(false);
  });

  it('asks for exactly the scopes the code uses: every Web API method it calls, every event it handles', () => {
    const called = [...new Set([...sources.matchAll(/client\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
    expect(called).toEqual(Object.keys(SLACK_METHOD_SCOPES).sort());
    // Direct messages arrive as message.im.
    const handled = SLACK_HANDLED_EVENTS.map((type) => (type === 'message' ? 'message.im' : type));
    expect(handled.sort()).toEqual(Object.keys(SLACK_BOT_EVENTS).sort());
    expect(slackBotScopes()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'im:history', 'users:read', 'users:read.email']);
  });
});
