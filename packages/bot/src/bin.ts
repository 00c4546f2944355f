#!/usr/bin/env node
// ptrack-bot: the Teams bot server. The only place in the bot that reads process.argv/env and exits.
import { parseArgs } from 'node:util';
import type { Store } from '@partnership-tracker/core';
import { ENVIRONMENT, loadBotConfig } from './config.js';
import { openServedData } from './servedData.js';
import { createScheduler } from './scheduler/index.js';
import { startBotServer } from './server/server.js';

const USAGE = `Usage: ptrack-bot [--local] [--data FILE|URL] [--partnership SLUG] [--port N] [--host ADDRESS] [--no-scheduler]

  --local        run without Bot Framework credentials, on this machine only (development)
  --data FILE|URL
                 the partnership's data file, or a postgres:// URL (or ${ENVIRONMENT.dataFile})
  --partnership SLUG
                 which partnership of the database (or ${ENVIRONMENT.partnership}); without it, a
                 database of several is served whole, each activity going to the partnership
                 its Teams tenant is recorded for (ptrack workspaces)
  --port N       port to listen on (or ${ENVIRONMENT.port}; default 3978; 0 picks a free one)
  --host ADDRESS address to listen on (or ${ENVIRONMENT.host}; default 127.0.0.1 in local mode)
  --no-scheduler answer messages only: send no reminders or digests

Without --local it needs ${ENVIRONMENT.appId}, ${ENVIRONMENT.appPassword} and ${ENVIRONMENT.tenantId}; see docs/bot.md.
For Slack (beside Teams or alone) set ${ENVIRONMENT.slackSigningSecret}, ${ENVIRONMENT.slackBotToken} and
${ENVIRONMENT.slackAllowedTeams}; see docs/slack.md.`;

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      options: {
        local: { type: 'boolean' },
        data: { type: 'string' },
        partnership: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'no-scheduler': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`ptrack-bot: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const { 'no-scheduler': noScheduler, help: _help, ...settings } = flags;
  const config = loadBotConfig(process.env, settings);
  if (!config.success) {
    console.error(`ptrack-bot: ${config.error.message}`);
    return 2;
  }
  if (config.data.dataFile === null) {
    console.error(`ptrack-bot: which partnership? Give the data file (or a postgres:// URL) with --data or ${ENVIRONMENT.dataFile}.`);
    return 2;
  }
  // Several instances may share one database: each catches up with the others' commits, and
  // the outbox's claims (with their lease) make every message go out once.
  const served = await openServedData(config.data.dataFile, config.data.partnership);
  if (!served.success) {
    console.error(`ptrack-bot: ${served.error.message}`);
    return 1;
  }
  const dataLabel = served.data.label;
  const log = (line: string) => console.log(`ptrack-bot: ${line}`);
  const clock = { now: () => new Date() };
  // One scheduler per partnership served.
  const scheduler = noScheduler
    ? undefined
    : (sender: Parameters<typeof createScheduler>[0]['sender'], store: Store) =>
        createScheduler({
          store,
          clock,
          sender,
          pacing: { perSecond: config.data.reminderRate },
          onReport: (report) => {
            if (report.sent.length > 0 || report.failed.length > 0 || report.errors.length > 0) {
              log(`scheduler at ${report.at}: ${report.sent.length} sent, ${report.failed.length} failed, ${report.errors.length} left for later`);
            }
          },
          onError: (error) => log(`scheduler tick failed: ${(error as Error).stack ?? String(error)}`),
        });
  let server;
  try {
    const data = served.data.kind === 'one' ? { store: served.data.store } : { partnerships: served.data.directory };
    server = await startBotServer({ config: config.data, ...data, clock, log, ...(scheduler ? { scheduler } : {}) });
  } catch (error) {
    await served.data.close();
    console.error(`ptrack-bot: ${(error as Error).message}`);
    return 1;
  }
  if (config.data.mode === 'local') {
    console.log(
      [
        '',
        '  ************************************************************************',
        '  *  LOCAL MODE: NO AUTHENTICATION. Anyone on this machine can act as    *',
        '  *  anyone. For development and tests only; never expose this port.     *',
        '  ************************************************************************',
        '',
      ].join('\n'),
    );
  }
  // Scripts (npm start, the Agents Playground) read this line for the endpoint.
  const endpoint = config.data.mode === 'slack' ? `Slack Request URL ${server.url}/slack/events` : `messaging endpoint ${server.url}/api/messages`;
  console.log(`ptrack-bot listening on ${server.url} (${endpoint}, data ${dataLabel})`);
  if (config.data.slack && config.data.mode !== 'slack') log(`Slack requests at ${server.url}/slack/events, for workspaces ${config.data.slack.allowedTeamIds.join(', ')}`);
  if (noScheduler) log('the scheduler is off (--no-scheduler): no reminders or digests will be sent.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`ptrack-bot: ${signal} again; exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`ptrack-bot: ${signal}: finishing requests in flight, then stopping.`);
    await server.close();
    await served.data.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`ptrack-bot: unexpected error: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
