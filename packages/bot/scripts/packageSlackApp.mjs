#!/usr/bin/env node
// Writes the Slack app manifest (JSON) to paste into api.slack.com/apps → Create New App → From an
// app manifest. `npm run package:slack` at the repository root builds the bot and runs it.
//
//   PTRACK_BOT_PUBLIC_URL=https://bot.example.org node packages/bot/scripts/packageSlackApp.mjs [--out FILE]
//   node packages/bot/scripts/packageSlackApp.mjs --public-url https://bot.example.org [--name NAME]
//
// The manifest comes from the bot's own code (the slash command, the events it handles, exactly the
// scopes it uses) and is checked against our subset of Slack's manifest rules before it is written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Ajv } from 'ajv';

const botFolder = fileURLToPath(new URL('..', import.meta.url));

/** The default place the manifest is written. */
export const defaultOutput = resolve(botFolder, 'dist', 'slack-app-manifest.json');

class UsageError extends Error {}

/** What our subset schema finds wrong with a manifest; empty when it is valid. */
export function validateSlackManifest(manifest) {
  const schema = JSON.parse(readFileSync(resolve(botFolder, 'schemas', 'slack-app-manifest.subset.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strictTypes: false }).compile(schema);
  return validate(manifest) ? [] : validate.errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}

/** Builds, checks and writes the manifest for the bot's public https address. */
export async function packageSlackApp({ publicUrl, name, out }) {
  if (publicUrl === undefined || publicUrl.trim() === '') {
    throw new UsageError('No public address: set PTRACK_BOT_PUBLIC_URL (or pass --public-url) to the https address Slack reaches the bot at, e.g. https://bot.example.org.');
  }
  if (!/^https:\/\//.test(publicUrl.trim())) throw new UsageError(`Slack sends requests only to https addresses, not ${JSON.stringify(publicUrl)}.`);
  const { createSlackManifest } = await import(new URL('../dist/slack/slackManifest.js', import.meta.url).href);
  const manifest = createSlackManifest({ publicUrl: publicUrl.trim(), ...(name ? { name } : {}) });
  const problems = validateSlackManifest(manifest);
  if (problems.length > 0) throw new UsageError(`The Slack manifest is not valid:\n  ${problems.join('\n  ')}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o644 });
  return { out, manifest };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  try {
    const { values } = parseArgs({
      options: { 'public-url': { type: 'string' }, name: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      console.log('Usage: PTRACK_BOT_PUBLIC_URL=https://… node packages/bot/scripts/packageSlackApp.mjs [--public-url URL] [--name NAME] [--out FILE]');
      process.exit(0);
    }
    const { out, manifest } = await packageSlackApp({
      publicUrl: values['public-url'] ?? process.env.PTRACK_BOT_PUBLIC_URL,
      name: values.name,
      out: resolve(values.out ?? defaultOutput),
    });
    console.log(`Wrote ${relative(process.cwd(), out) || out}: ${manifest.display_information.name}, Request URL ${manifest.settings.event_subscriptions.request_url}, scopes ${manifest.oauth_config.scopes.bot.join(', ')}.`);
    console.log('Create the app from it at api.slack.com/apps (Create New App > From an app manifest), then install it: see docs/slack.md.');
  } catch (error) {
    if (error instanceof UsageError || error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || error?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      console.error(`package:slack: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
